package org.parkwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parkwatch.ingest.Inputs.ENTERPRISE_ID;
import static org.parkwatch.ingest.Inputs.NOW;

import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.avro.StackPollutant;

class FlueGasValidationTest {

    private final ActivityValidator validator = ActivityValidator.withDefaults();
    private final Optional<Enterprise> known = Optional.of(Inputs.enterprise());

    private RejectReason refusal(org.parkwatch.avro.FlueGasSample sample) {
        return validator.validateFlueGas(sample, ENTERPRISE_ID, known, NOW).rejected().orElseThrow().reason();
    }

    @Test
    void shouldAcceptAnHourOfARegisteredStack() {
        FlueGasActivity activity = validator.validateFlueGas(Inputs.flueGas().build(), ENTERPRISE_ID, known, NOW)
                .accepted().orElseThrow();

        assertThat(activity.sourceId()).isEqualTo("S1");
        assertThat(activity.flowM3()).isEqualTo(OptionalDouble.of(200_000.0));
        assertThat(activity.so2().orElseThrow().loadKg()).isEqualTo(OptionalDouble.of(70.0));
        assertThat(activity.so2().orElseThrow().convertedMgPerM3()).isEqualTo(OptionalDouble.of(380.0));
        assertThat(activity.quantity()).isEqualTo(200_000.0);
    }

    @Test
    void shouldRefuseAStackTheEnterpriseDidNotRegister() {
        assertThat(refusal(Inputs.flueGas().setStackId("S9").build())).isEqualTo(RejectReason.UNKNOWN_STACK);
    }

    @Test
    void shouldRefuseNegativeAndAbsurdMeasuredValues() {
        assertThat(refusal(Inputs.flueGas().setFlowM3(-1.0).build())).isEqualTo(RejectReason.NEGATIVE_QUANTITY);
        // 60 000 kg of SO2 in an hour: above the 50 000 kg/h bound (a unit error)
        assertThat(refusal(Inputs.flueGas().setSo2(new StackPollutant(350.0, 380.0, 60_000.0, DataFlag.N)).build()))
                .isEqualTo(RejectReason.IMPLAUSIBLE_QUANTITY);
        // 150 000 mg/m3: above the 100 000 mg/m3 bound (ppm or ug/m3 read as mg/m3)
        assertThat(refusal(Inputs.flueGas().setNox(new StackPollutant(150_000.0, null, 30.0, DataFlag.N)).build()))
                .isEqualTo(RejectReason.IMPLAUSIBLE_QUANTITY);
        assertThat(refusal(Inputs.flueGas().setParticulate(new StackPollutant(25.0, 27.0, Double.NaN, DataFlag.N))
                .build())).isEqualTo(RejectReason.NON_FINITE_QUANTITY);
    }

    @Test
    void shouldKeepAnUnusableValueAsNoMeasurementInsteadOfRefusingTheHour() {
        var sample = Inputs.flueGas().setSo2(new StackPollutant(-5.0, null, -1.0, DataFlag.D)).build();

        FlueGasActivity activity = validator.validateFlueGas(sample, ENTERPRISE_ID, known, NOW).accepted()
                .orElseThrow();

        assertThat(activity.so2().orElseThrow().usable()).isFalse();
        assertThat(activity.so2().orElseThrow().loadKg()).isEmpty();
        assertThat(activity.nox().orElseThrow().loadKg()).isEqualTo(OptionalDouble.of(30.0));
    }
}
