package org.parkwatch.alerting;

/** The state an alert transition announces; the same names as the Alert record's state. */
public enum AlertStateName {
    OPEN, ESCALATED, RESOLVED;

    public org.parkwatch.avro.AlertState toAvro() {
        return org.parkwatch.avro.AlertState.valueOf(name());
    }
}
