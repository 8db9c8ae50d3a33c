package org.parkwatch.gateway.intake;

import org.parkwatch.avro.Device;
import org.parkwatch.gateway.hj212.Packet;

/** Told of each whole packet a registered device was let in with (right MN, password and command). */
@FunctionalInterface
public interface DeviceActivity {

    DeviceActivity NONE = (packet, device) -> { };

    void heard(Packet packet, Device device);
}
