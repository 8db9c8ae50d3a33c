package org.parkwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.parkwatch.ingest.Inputs.ENTERPRISE_ID;
import static org.parkwatch.ingest.Inputs.HOUR_START;
import static org.parkwatch.ingest.Inputs.NOW;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.RejectReason;

class FuelValidationTest {

    private final ActivityValidator validator = ActivityValidator.withDefaults();
    private final Optional<Enterprise> known = Optional.of(Inputs.enterprise());

    @Test
    void shouldConvertTenThousandNm3AndTheGasNcvPerNm3() {
        var gas = Inputs.fuel().setFuel(FuelType.NATURAL_GAS).setQuantity(1.5).setUnit("10^4 Nm3")
                .setNcvGjPerUnit(389.31).build();

        FuelActivity activity = validator.validateFuel(gas, ENTERPRISE_ID, known, NOW).accepted().orElseThrow();

        // 1.5 x 10^4 Nm3 = 15 000 Nm3; NCV 389.31 GJ/10^4 Nm3 = 0.038931 GJ/Nm3
        assertThat(activity.quantity()).isEqualTo(15_000.0);
        assertThat(activity.unit()).isEqualTo(CanonicalUnit.NM3);
        assertThat(activity.ncvGjPerUnit().getAsDouble()).isCloseTo(0.038931, offset(1e-12));
    }

    @Test
    void shouldAcceptCoalInKgAsTonnesWithItsMeasuredProperties() {
        var coal = Inputs.fuel().setQuantity(10_000).setUnit("kg").setSulfurPercent(0.8)
                .setDesulfurizationPercent(75.0).setNcvGjPerUnit(22.0).setCarbonContentTcPerGj(0.026).build();

        FuelActivity activity = validator.validateFuel(coal, ENTERPRISE_ID, known, NOW).accepted().orElseThrow();

        assertThat(activity).isEqualTo(new FuelActivity("f-1", ENTERPRISE_ID, "boiler-1", FuelType.RAW_COAL,
                10.0, CanonicalUnit.TONNE, new Interval(HOUR_START, NOW), DataFlag.N, OptionalDouble.of(0.8),
                OptionalDouble.of(75.0), OptionalDouble.of(22.0), OptionalDouble.of(0.026)));
    }

    @Test
    void shouldRejectAGasUnitForCoal() {
        assertThat(validator.validateFuel(Inputs.fuel().setUnit("Nm3").build(), ENTERPRISE_ID, known, NOW)
                .rejected().orElseThrow().reason()).isEqualTo(RejectReason.UNKNOWN_UNIT);
    }

    @Test
    void shouldRejectImplausibleFuelProperties() {
        // sulfur 15 % (> 10 %), efficiency 120 %, carbon content in tC/TJ instead of tC/GJ, NCV in kJ/kg
        assertThat(reason(Inputs.fuel().setSulfurPercent(15.0))).isEqualTo(RejectReason.IMPLAUSIBLE_QUANTITY);
        assertThat(reason(Inputs.fuel().setDesulfurizationPercent(120.0)))
                .isEqualTo(RejectReason.IMPLAUSIBLE_QUANTITY);
        assertThat(reason(Inputs.fuel().setCarbonContentTcPerGj(26.37)))
                .isEqualTo(RejectReason.IMPLAUSIBLE_QUANTITY);
        assertThat(reason(Inputs.fuel().setNcvGjPerUnit(20_908.0))).isEqualTo(RejectReason.IMPLAUSIBLE_QUANTITY);
        assertThat(reason(Inputs.fuel().setSulfurPercent(-0.1))).isEqualTo(RejectReason.NEGATIVE_QUANTITY);
        assertThat(reason(Inputs.fuel().setNcvGjPerUnit(Double.NaN))).isEqualTo(RejectReason.NON_FINITE_QUANTITY);
    }

    @Test
    void shouldRejectCoalAboveItsHourlyBound() {
        // 1 200 t of raw coal in one hour > 1 000 t/h
        assertThat(reason(Inputs.fuel().setQuantity(1_200))).isEqualTo(RejectReason.IMPLAUSIBLE_QUANTITY);
        ActivityValidator lenient = new ActivityValidator(
                PlausibilityBounds.defaults().withFuelPerHour(FuelType.RAW_COAL, 2_000));
        assertThat(lenient.validateFuel(Inputs.fuel().setQuantity(1_200).build(), ENTERPRISE_ID, known, NOW)
                .isAccepted()).isTrue();
    }

    @Test
    void shouldRejectAnUnknownFuelAsOther() {
        assertThat(reason(Inputs.fuel().setFuel(FuelType.UNKNOWN))).isEqualTo(RejectReason.OTHER);
    }

    private RejectReason reason(FuelConsumption.Builder builder) {
        return validator.validateFuel(builder.build(), ENTERPRISE_ID, known, NOW).rejected().orElseThrow()
                .reason();
    }
}
