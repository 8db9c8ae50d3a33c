package org.parkwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parkwatch.ingest.Inputs.ENTERPRISE_ID;
import static org.parkwatch.ingest.Inputs.HOUR_START;
import static org.parkwatch.ingest.Inputs.NOW;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.RejectReason;

class WastewaterValidationTest {

    private final ActivityValidator validator = ActivityValidator.withDefaults();
    private final Optional<Enterprise> known = Optional.of(Inputs.enterprise());

    @Test
    void shouldAcceptASample() {
        WastewaterActivity activity = validator.validateWastewater(Inputs.wastewater().build(), ENTERPRISE_ID,
                known, NOW).accepted().orElseThrow();

        assertThat(activity).isEqualTo(new WastewaterActivity("w-1", ENTERPRISE_ID, "DW001", 63.0, DataFlag.N,
                OptionalDouble.of(40.1), DataFlag.N, OptionalDouble.of(2.5), DataFlag.N,
                new Interval(HOUR_START, NOW), "avro"));
        assertThat(activity.quantity()).isEqualTo(63.0);
        assertThat(activity.unit()).isEqualTo(CanonicalUnit.M3);
    }

    @Test
    void shouldRejectANegativeMeasuredConcentration() {
        var sample = Inputs.wastewater().setCodMgPerL(-3.0).build();

        assertThat(validator.validateWastewater(sample, ENTERPRISE_ID, known, NOW).rejected().orElseThrow()
                .reason()).isEqualTo(RejectReason.NEGATIVE_QUANTITY);
    }

    @Test
    void shouldDropAnUnusableValueOfAFaultyAnalyserInsteadOfRejectingTheVolume() {
        var sample = Inputs.wastewater().setCodMgPerL(-3.0).setCodFlag(DataFlag.D).build();

        WastewaterActivity activity =
                validator.validateWastewater(sample, ENTERPRISE_ID, known, NOW).accepted().orElseThrow();

        assertThat(activity.codMgPerL()).isEmpty();
        assertThat(activity.codFlag()).isEqualTo(DataFlag.D);
        assertThat(activity.volumeM3()).isEqualTo(63.0);
    }

    @Test
    void shouldRejectAVolumeAboveTheHourlyBound() {
        // 12 000 m3 in one hour > 10 000 m3/h
        var sample = Inputs.wastewater().setVolumeM3(12_000).build();

        assertThat(validator.validateWastewater(sample, ENTERPRISE_ID, known, NOW).rejected().orElseThrow()
                .reason()).isEqualTo(RejectReason.IMPLAUSIBLE_QUANTITY);
    }

    @Test
    void shouldRejectAConcentrationAboveTheBound() {
        var sample = Inputs.wastewater().setAmmoniaNitrogenMgPerL(250_000.0).build();

        assertThat(validator.validateWastewater(sample, ENTERPRISE_ID, known, NOW).rejected().orElseThrow()
                .reason()).isEqualTo(RejectReason.IMPLAUSIBLE_QUANTITY);
    }

    @Test
    void shouldRejectAMissingOutletAndAWrongKey() {
        assertThat(validator.validateWastewater(Inputs.wastewater().setOutletId("").build(), ENTERPRISE_ID, known,
                NOW).rejected().orElseThrow().reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(validator.validateWastewater(Inputs.wastewater().build(), null, known, NOW).rejected()
                .orElseThrow().reason()).isEqualTo(RejectReason.KEY_MISMATCH);
    }
}
