package org.parkwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parkwatch.avro.RejectReason;

class ValidationTest {

    @Test
    void shouldFoldAnAcceptedValidationIntoItsActivity() {
        Validation<String> accepted = Validation.accept("activity");

        assertThat(accepted.fold(Rejection::detail, a -> "accepted " + a)).isEqualTo("accepted activity");
        assertThat(accepted.isAccepted()).isTrue();
        assertThat(accepted.accepted()).contains("activity");
        assertThat(accepted.rejected()).isEmpty();
    }

    @Test
    void shouldFoldARejectedValidationIntoItsRejection() {
        Validation<String> rejected = Validation.reject(RejectReason.NEGATIVE_QUANTITY, "quantity is negative: -1");

        assertThat(rejected.fold(Rejection::detail, a -> "accepted " + a)).isEqualTo("quantity is negative: -1");
        assertThat(rejected.isAccepted()).isFalse();
        assertThat(rejected.accepted()).isEmpty();
        assertThat(rejected.rejected())
                .contains(new Rejection(RejectReason.NEGATIVE_QUANTITY, "quantity is negative: -1"));
    }
}
