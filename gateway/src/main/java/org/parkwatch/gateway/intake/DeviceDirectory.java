package org.parkwatch.gateway.intake;

import java.util.Optional;

import org.parkwatch.avro.Device;

/** The registered devices, by MN. */
@FunctionalInterface
public interface DeviceDirectory {

    Optional<Device> find(String mn);
}
