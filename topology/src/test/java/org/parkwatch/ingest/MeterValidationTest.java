package org.parkwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parkwatch.ingest.Inputs.ENTERPRISE_ID;
import static org.parkwatch.ingest.Inputs.HOUR_START;
import static org.parkwatch.ingest.Inputs.NOW;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.RejectReason;

class MeterValidationTest {

    private final ActivityValidator validator = ActivityValidator.withDefaults();
    private final Optional<Enterprise> known = Optional.of(Inputs.enterprise());

    private RejectReason meterRejection(MeterReading reading) {
        return validator.validateMeter(reading, ENTERPRISE_ID, known, NOW).rejected().orElseThrow().reason();
    }


    @Test
    void shouldAcceptAReadingAndConvertMwhIntoKwh() {
        Validation<MeterActivity> result =
                validator.validateMeter(Inputs.meter().build(), ENTERPRISE_ID, known, NOW);

        // 1.2 MWh x 1000 kWh/MWh = 1200 kWh
        assertThat(result.accepted()).contains(new MeterActivity("m-1", ENTERPRISE_ID, "meter-1",
                EnergyCarrier.ELECTRICITY, 1200.0, CanonicalUnit.KWH, new Interval(HOUR_START, NOW), DataFlag.N,
                OptionalDouble.empty(), "avro"));
        assertThat(result.rejected()).isEmpty();
    }

    @Test
    void shouldRejectABlankEventIdAsMissingField() {
        assertThat(meterRejection(Inputs.meter().setEventId(" ").build())).isEqualTo(RejectReason.MISSING_FIELD);
    }

    @Test
    void shouldRejectANullMeterIdAsMissingField() {
        MeterReading reading = Inputs.meter().build();
        reading.setMeterId(null);

        Rejection rejection =
                validator.validateMeter(reading, ENTERPRISE_ID, known, NOW).rejected().orElseThrow();

        assertThat(rejection).isEqualTo(new Rejection(RejectReason.MISSING_FIELD, "meterId is missing or blank"));
    }

    @Test
    void shouldRejectAKeyThatIsNotTheEnterpriseId() {
        Rejection rejection = validator.validateMeter(Inputs.meter().build(), "E-other", known, NOW)
                .rejected().orElseThrow();

        assertThat(rejection.reason()).isEqualTo(RejectReason.KEY_MISMATCH);
        assertThat(rejection.detail()).contains("E-other", ENTERPRISE_ID);
    }

    @Test
    void shouldRejectAnUnregisteredEnterprise() {
        Rejection rejection = validator.validateMeter(Inputs.meter().build(), ENTERPRISE_ID, Optional.empty(), NOW)
                .rejected().orElseThrow();

        assertThat(rejection.reason()).isEqualTo(RejectReason.UNKNOWN_ENTERPRISE);
        assertThat(rejection.detail()).contains("not registered");
    }

    @Test
    void shouldRejectAnInactiveEnterprise() {
        Enterprise inactive = Enterprise.newBuilder(Inputs.enterprise()).setActive(false).build();

        Rejection rejection = validator.validateMeter(Inputs.meter().build(), ENTERPRISE_ID,
                Optional.of(inactive), NOW).rejected().orElseThrow();

        assertThat(rejection.reason()).isEqualTo(RejectReason.UNKNOWN_ENTERPRISE);
        assertThat(rejection.detail()).contains("inactive");
    }

    @Test
    void shouldRejectAUnitThatIsNotOneOfTheCarrier() {
        assertThat(meterRejection(Inputs.meter().setUnit("GJ").build())).isEqualTo(RejectReason.UNKNOWN_UNIT);
        assertThat(meterRejection(Inputs.meter().setCarrier(EnergyCarrier.HEAT).setUnit("10^4 kJ").build()))
                .isEqualTo(RejectReason.UNKNOWN_UNIT);
    }

    @Test
    void shouldRejectAnUnknownCarrierAsOther() {
        assertThat(meterRejection(Inputs.meter().setCarrier(EnergyCarrier.UNKNOWN).build()))
                .isEqualTo(RejectReason.OTHER);
    }

    @Test
    void shouldRejectNanAndInfiniteQuantities() {
        assertThat(meterRejection(Inputs.meter().setQuantity(Double.NaN).build()))
                .isEqualTo(RejectReason.NON_FINITE_QUANTITY);
        assertThat(meterRejection(Inputs.meter().setQuantity(Double.POSITIVE_INFINITY).build()))
                .isEqualTo(RejectReason.NON_FINITE_QUANTITY);
    }

    @Test
    void shouldRejectANegativeQuantity() {
        assertThat(meterRejection(Inputs.meter().setQuantity(-0.5).build()))
                .isEqualTo(RejectReason.NEGATIVE_QUANTITY);
    }

    @Test
    void shouldRejectElectricityAboveTheHourlyBound() {
        // 600 MWh in one hour = 600 000 kWh/h > default bound 500 000 kWh/h; 400 MWh is below it
        assertThat(meterRejection(Inputs.meter().setQuantity(600).build()))
                .isEqualTo(RejectReason.IMPLAUSIBLE_QUANTITY);
        assertThat(validator.validateMeter(Inputs.meter().setQuantity(400).build(), ENTERPRISE_ID, known, NOW)
                .isAccepted()).isTrue();
    }

    @Test
    void shouldJudgePlausibilityPerHourOfTheInterval() {
        // 600 MWh over the 24 h before NOW is 25 000 kWh/h: plausible; a tighter configured bound rejects it
        MeterReading day = Inputs.meter().setQuantity(600).setIntervalStart(NOW.minus(Duration.ofDays(1))).build();
        ActivityValidator strict = new ActivityValidator(
                PlausibilityBounds.defaults().withElectricityKwhPerHour(20_000));

        assertThat(validator.validateMeter(day, ENTERPRISE_ID, known, NOW).isAccepted()).isTrue();
        assertThat(strict.validateMeter(day, ENTERPRISE_ID, known, NOW).rejected().orElseThrow().reason())
                .isEqualTo(RejectReason.IMPLAUSIBLE_QUANTITY);
    }

    @Test
    void shouldRejectAnIntervalThatEndsAtOrBeforeItsStart() {
        assertThat(meterRejection(Inputs.meter().setIntervalStart(NOW).build()))
                .isEqualTo(RejectReason.INVALID_INTERVAL);
        assertThat(meterRejection(Inputs.meter().setIntervalStart(NOW.plusSeconds(1)).build()))
                .isEqualTo(RejectReason.INVALID_INTERVAL);
    }

    @Test
    void shouldRejectAnIntervalLongerThanTheMaximum() {
        // default maximum 31 days: 32 days is too long, 31 days exactly is not
        assertThat(meterRejection(Inputs.meter().setIntervalStart(NOW.minus(Duration.ofDays(32))).build()))
                .isEqualTo(RejectReason.INVALID_INTERVAL);
        assertThat(validator.validateMeter(Inputs.meter().setIntervalStart(NOW.minus(Duration.ofDays(31))).build(),
                ENTERPRISE_ID, known, NOW).isAccepted()).isTrue();
    }

    @Test
    void shouldRejectAnEventTimeBeyondTheClockTolerance() {
        // default tolerance 5 min: an interval ending at NOW + 5 min passes, NOW + 5 min + 1 ms does not
        Instant edge = NOW.plus(Duration.ofMinutes(5));
        assertThat(validator.validateMeter(Inputs.meter().setIntervalEnd(edge).build(), ENTERPRISE_ID, known, NOW)
                .isAccepted()).isTrue();
        assertThat(meterRejection(Inputs.meter().setIntervalEnd(edge.plusMillis(1)).build()))
                .isEqualTo(RejectReason.FUTURE_EVENT_TIME);
    }

    @Test
    void shouldRejectSteamInTonnesWithoutEnthalpy() {
        MeterReading steam = Inputs.meter().setCarrier(EnergyCarrier.STEAM).setQuantity(12).setUnit("t").build();

        Rejection rejection = validator.validateMeter(steam, ENTERPRISE_ID, known, NOW).rejected().orElseThrow();

        assertThat(rejection.reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(rejection.detail()).contains("steamEnthalpyKjPerKg");
    }

    @Test
    void shouldRejectASteamEnthalpyBelowFeedwater() {
        MeterReading steam = Inputs.meter().setCarrier(EnergyCarrier.STEAM).setQuantity(12).setUnit("t")
                .setSteamEnthalpyKjPerKg(80.0).build();

        assertThat(meterRejection(steam)).isEqualTo(RejectReason.IMPLAUSIBLE_QUANTITY);
    }

    @Test
    void shouldAcceptSteamInTonnesWithEnthalpyAndSteamInGjWithout() {
        MeterReading byMass = Inputs.meter().setCarrier(EnergyCarrier.STEAM).setQuantity(12000).setUnit("kg")
                .setSteamEnthalpyKjPerKg(2800.0).build();
        MeterReading asHeat = Inputs.meter().setCarrier(EnergyCarrier.STEAM).setQuantity(30).setUnit("GJ").build();

        MeterActivity mass = validator.validateMeter(byMass, ENTERPRISE_ID, known, NOW).accepted().orElseThrow();
        MeterActivity heat = validator.validateMeter(asHeat, ENTERPRISE_ID, known, NOW).accepted().orElseThrow();

        // 12 000 kg = 12 t
        assertThat(mass.quantity()).isEqualTo(12.0);
        assertThat(mass.unit()).isEqualTo(CanonicalUnit.TONNE);
        assertThat(mass.steamEnthalpyKjPerKg()).hasValue(2800.0);
        assertThat(heat.unit()).isEqualTo(CanonicalUnit.GJ);
    }

    @Test
    void shouldReportTheFirstFaultWhenThereAreSeveral() {
        // negative and in an unknown unit and in the future: the unit is checked first
        MeterReading bad = Inputs.meter().setQuantity(-1).setUnit("BTU").setIntervalEnd(NOW.plusSeconds(3600))
                .build();

        assertThat(meterRejection(bad)).isEqualTo(RejectReason.UNKNOWN_UNIT);
    }
}
