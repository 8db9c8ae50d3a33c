package org.parkwatch.ingest;

import java.util.Objects;
import org.parkwatch.avro.RejectReason;

/** Why an input event was not accepted: a reason code for the dead-letter topic and a detail for a person. */
public record Rejection(RejectReason reason, String detail) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
