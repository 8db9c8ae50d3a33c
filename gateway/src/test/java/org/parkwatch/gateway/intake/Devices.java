package org.parkwatch.gateway.intake;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.parkwatch.avro.AccountedGranularity;
import org.parkwatch.avro.Device;

/** Registered devices held in memory, for tests. */
public final class Devices implements DeviceDirectory {

    public static final String MN = "010000A8900016F000169DC0";

    private final Map<String, Device> byMn = new HashMap<>();

    public static Device.Builder waterDevice(String mn) {
        return Device.newBuilder().setMn(mn).setPassword("123456").setEnterpriseId("E1").setOutletId("W1")
                .setAccountedGranularity(AccountedGranularity.HOURLY).setActive(true);
    }

    public Devices with(Device device) {
        byMn.put(device.getMn(), device);
        return this;
    }

    @Override
    public Optional<Device> find(String mn) {
        return Optional.ofNullable(byMn.get(mn));
    }
}
