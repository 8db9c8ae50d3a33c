package org.parkwatch.alerting;

import java.util.Objects;
import org.parkwatch.avro.SubjectType;

/**
 * What a metric is about, with the park, sector, enterprise and outlet it lies in (null where it lies in none, e.g.
 * the sector of a park). A rule applies to a subject when the subject lies inside the rule's scope.
 */
public record Subject(SubjectType type, String id, String parkId, String sector, String enterpriseId,
                      String outletId) {

    public Subject {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(parkId, "parkId");
    }

    public static Subject park(String parkId) {
        return new Subject(SubjectType.PARK, parkId, parkId, null, null, null);
    }

    public static Subject sector(String parkId, String sector) {
        return new Subject(SubjectType.SECTOR, sector, parkId, sector, null, null);
    }

    public static Subject enterprise(String parkId, String sector, String enterpriseId) {
        return new Subject(SubjectType.ENTERPRISE, enterpriseId, parkId, sector, enterpriseId, null);
    }

    public static Subject outlet(String parkId, String sector, String enterpriseId, String outletId) {
        return new Subject(SubjectType.OUTLET, outletId, parkId, sector, enterpriseId, outletId);
    }

    /** The subject's id at the given level of scope, or null when it lies in no such scope. */
    public String idAt(SubjectType scope) {
        return switch (scope) {
            case PARK -> parkId;
            case SECTOR -> sector;
            case ENTERPRISE -> enterpriseId;
            case OUTLET -> outletId;
        };
    }

    /**
     * The subject's identity in alert keys: {@code TYPE:id} for parks and enterprises (ids unique in the
     * deployment), e.g. {@code ENTERPRISE:E0001}; an outlet's id is its enterprise's own naming ("W1" at two
     * enterprises) and a sector's is shared by parks, so they are qualified: {@code OUTLET:E0001/W1},
     * {@code SECTOR:P1/chemicals}. Without it, two enterprises' outlets W1 shared one alert lifecycle.
     */
    public String key() {
        return switch (type) {
            case OUTLET -> type + ":" + enterpriseId + "/" + id;
            case SECTOR -> type + ":" + parkId + "/" + id;
            default -> type + ":" + id;
        };
    }
}
