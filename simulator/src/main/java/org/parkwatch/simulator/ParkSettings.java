package org.parkwatch.simulator;

import java.time.ZoneId;
import java.util.Objects;
import org.parkwatch.avro.GridRegion;

/**
 * What the park model is built from.
 *
 * @param parkId          e.g. {@code park-1}
 * @param enterpriseCount 1 to 5 000
 * @param seed            the same seed gives the same park
 * @param gridRegion      the regional grid the whole park draws from
 * @param zone            the park's local time zone: load profiles and calendar months follow it
 */
public record ParkSettings(String parkId, int enterpriseCount, long seed, GridRegion gridRegion, ZoneId zone) {

    public static final int MAX_ENTERPRISES = 5_000;

    public ParkSettings {
        Objects.requireNonNull(parkId, "parkId");
        Objects.requireNonNull(gridRegion, "gridRegion");
        Objects.requireNonNull(zone, "zone");
        if (enterpriseCount < 1 || enterpriseCount > MAX_ENTERPRISES) {
            throw new IllegalArgumentException("enterpriseCount must be 1.." + MAX_ENTERPRISES + ": " + enterpriseCount);
        }
    }

    /**
     * Park {@code park-1} of 50 enterprises on the East China grid in Asia/Shanghai time. The East grid is an
     * assumption for simulation: a Yangtze-delta park, the largest group in BG-3 (domain.md section 7).
     */
    public static ParkSettings defaults(long seed) {
        return new ParkSettings("park-1", 50, seed, GridRegion.EAST, ZoneId.of("Asia/Shanghai"));
    }

    public ParkSettings withEnterpriseCount(int count) {
        return new ParkSettings(parkId, count, seed, gridRegion, zone);
    }

    public ParkSettings withParkId(String id) {
        return new ParkSettings(id, enterpriseCount, seed, gridRegion, zone);
    }
}
