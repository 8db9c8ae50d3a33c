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
 * The park's enterprises that run their wastewater outlets as HJ 212 data loggers and their stacks' CEMS as HJ 212
 * flue-gas devices: the first {@code count} of the park (E0001, E0002, ...), one logger per outlet and one CEMS per
 * stack, every other enterprise's devices speaking HJ 212-2025 (the field speaks both for years). Their passwords
 * are drawn from the seed.
 *
 * @param devices the water data loggers
 * @param cems    the CEMS, numbered after the water loggers
 */
public record DeviceFleet(List<SimulatedDevice> devices, List<SimulatedCems> cems) {

    public DeviceFleet {
        devices = List.copyOf(devices);
        cems = List.copyOf(cems);
    }

    public static DeviceFleet of(ParkModel park, int enterpriseCount, long seed) {
        if (enterpriseCount < 0) {
            throw new IllegalArgumentException("enterprise count must not be negative: " + enterpriseCount);
        }
        List<SimulatedDevice> devices = new ArrayList<>();
        List<SimulatedCems> cems = new ArrayList<>();
        List<EnterpriseSpec> enterprises = park.enterprises();
        int count = Math.min(enterpriseCount, enterprises.size());
        for (int e = 0; e < count; e++) {
            EnterpriseSpec enterprise = enterprises.get(e);
            ProtocolVersion version = e % 2 == 0 ? ProtocolVersion.HJ212_2017 : ProtocolVersion.HJ212_2025;
            for (int o = 0; o < enterprise.outlets().size(); o++) {
                String outletId = enterprise.outlets().get(o).outletId();
                String mn = "SIM" + outletId.replace("-", "");
                devices.add(new SimulatedDevice(devices.size(), mn, password(seed, mn), enterprise, o, version));
            }
        }
        for (int e = 0; e < count; e++) {
            EnterpriseSpec enterprise = enterprises.get(e);
            ProtocolVersion version = e % 2 == 0 ? ProtocolVersion.HJ212_2017 : ProtocolVersion.HJ212_2025;
            for (int s = 0; s < enterprise.stacks().size(); s++) {
                String mn = "SIM" + enterprise.stacks().get(s).stackId().replace("-", "");
                cems.add(new SimulatedCems(devices.size() + cems.size(), mn, password(seed, mn), enterprise, s,
                        version));
            }
        }
        return new DeviceFleet(devices, cems);
    }

    private static String password(long seed, String mn) {
        return String.format("%06d", new SplittableRandom(seed ^ mn.hashCode()).nextInt(1_000_000));
    }

    /** The stacks the CEMS measure (which the park's register therefore says have a CEMS). */
    public Set<String> stackIds() {
        Set<String> ids = new LinkedHashSet<>();
        cems.forEach(c -> ids.add(c.stackId()));
        return ids;
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
        cems.forEach(c -> records.put(c.mn(), c.record()));
        return records;
    }

    public boolean isEmpty() {
        return devices.isEmpty() && cems.isEmpty();
    }
}
