package org.parkwatch.simulator.hj212;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.parkwatch.avro.Device;
import org.parkwatch.gateway.hj212.ProtocolVersion;
import org.parkwatch.simulator.EnterpriseSpec;
import org.parkwatch.simulator.ParkModel;

/**
 * The park's enterprises that run their wastewater outlets as HJ 212 data loggers: the first {@code count} of the
 * park (E0001, E0002, ...), one logger per outlet, every other enterprise's loggers speaking HJ 212-2025 (the
 * field speaks both for years). Their passwords are drawn from the seed.
 */
public record DeviceFleet(List<SimulatedDevice> devices) {

    public DeviceFleet {
        devices = List.copyOf(devices);
    }

    public static DeviceFleet of(ParkModel park, int enterpriseCount, long seed) {
        if (enterpriseCount < 0) {
            throw new IllegalArgumentException("enterprise count must not be negative: " + enterpriseCount);
        }
        List<SimulatedDevice> devices = new ArrayList<>();
        List<EnterpriseSpec> enterprises = park.enterprises();
        for (int e = 0; e < Math.min(enterpriseCount, enterprises.size()); e++) {
            EnterpriseSpec enterprise = enterprises.get(e);
            ProtocolVersion version = e % 2 == 0 ? ProtocolVersion.HJ212_2017 : ProtocolVersion.HJ212_2025;
            for (int o = 0; o < enterprise.outlets().size(); o++) {
                String outletId = enterprise.outlets().get(o).outletId();
                String mn = "SIM" + outletId.replace("-", "");
                String password = String.format("%06d", new SplittableRandom(seed ^ mn.hashCode()).nextInt(1_000_000));
                devices.add(new SimulatedDevice(devices.size(), mn, password, enterprise, o, version));
            }
        }
        return new DeviceFleet(devices);
    }

    /** The enterprises whose wastewater the loggers send (and the Avro simulator therefore must not). */
    public Set<String> enterpriseIds() {
        Set<String> ids = new LinkedHashSet<>();
        devices.forEach(d -> ids.add(d.enterprise().enterpriseId()));
        return ids;
    }

    /** The devices' registrations, keyed by MN. */
    public Map<String, Device> records() {
        Map<String, Device> records = new LinkedHashMap<>();
        devices.forEach(d -> records.put(d.mn(), d.record()));
        return records;
    }

    public boolean isEmpty() {
        return devices.isEmpty();
    }
}
