package org.parkwatch.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parkwatch.avro.AccountedGranularity;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.Device;
import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.gateway.hj212.Hj212Crc;
import org.parkwatch.gateway.hj212.PacketFault;
import org.parkwatch.gateway.water.WastewaterSampleMapper;

/** A CEMS's packets through the whole intake: frame, device, command, flue-gas data. */
class FlueGasIntakeTest {

    private static final String MN = "88888880000001";
    private static final String HOURLY = "QN=20260315100105123;ST=31;CN=2061;PW=123456;MN=" + MN + ";Flag=5;CP=&&"
            + "DataTime=20260315090000;a00000-Avg=12.5,a00000-Cou=45000.0,a00000-Flag=N;a19001-Avg=9.2,a19001-Flag=N;"
            + "a21026-Avg=120.5,a21026-ZsAvg=122.5,a21026-Cou=5.4225,a21026-Flag=N&&";

    private static Device.Builder cems() {
        return Device.newBuilder().setMn(MN).setPassword("123456").setEnterpriseId("E1").setStackId("E1-S1")
                .setAccountedGranularity(AccountedGranularity.HOURLY).setActive(true);
    }

    private static Outcome only(Device device, String segment) {
        ConnectionIntake intake = new ConnectionIntake(new Devices().with(device),
                new WastewaterSampleMapper(ZoneId.of("Asia/Shanghai")));
        List<Outcome> outcomes = intake.feed(framed(segment));
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }

    /** The frame built by hand around its length and CRC, rather than by {@link Answers#frame}. */
    private static byte[] framed(String segment) {
        byte[] data = segment.getBytes(StandardCharsets.US_ASCII);
        return ("##" + String.format("%04d", data.length) + segment + Hj212Crc.hex(Hj212Crc.of(data)) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldAccountAnHourOfACemsAndAnswerWithADataAnswer() {
        Outcome outcome = only(cems().build(), HOURLY);

        assertThat(outcome.result()).isEqualTo(PacketResult.ACCOUNTED);
        assertThat(outcome.samples()).isEmpty();
        FlueGasSample sample = outcome.flueGasSamples().get(0);
        assertThat(sample.getStackId()).isEqualTo("E1-S1");
        assertThat(sample.getFlowM3()).isEqualTo(45000.0);
        assertThat(sample.getSo2().getLoadKg()).isEqualTo(5.4225);
        assertThat(sample.getSo2().getFlag()).isEqualTo(DataFlag.N);
        assertThat(outcome.eventId()).contains("hj212:" + MN + ":2061:20260315090000");
        assertThat(new String(outcome.answer().orElseThrow(), StandardCharsets.US_ASCII))
                .contains("QN=20260315100105123;ST=91;CN=9014;PW=123456;MN=" + MN + ";Flag=4;CP=&&&&");
    }

    @Test
    void shouldKeepADeviceWithoutAStackAsAnUnknownStackDeadLetterAndStillAnswerIt() {
        Outcome outcome = only(cems().setStackId(null).build(), HOURLY);

        assertThat(outcome.result()).isEqualTo(PacketResult.REFUSED);
        assertThat(outcome.flueGasSamples()).isEmpty();
        assertThat(outcome.rejection()).hasValueSatisfying(r -> assertThat(r.fault())
                .isEqualTo(PacketFault.UNKNOWN_STACK));
        assertThat(outcome.enterpriseId()).contains("E1");
        // Sending it again would not give it a stack: the data are answered, and kept for replay.
        assertThat(new String(outcome.answer().orElseThrow(), StandardCharsets.US_ASCII)).contains("CN=9014");
    }

    @Test
    void shouldKeepRealTimeFlueGasDataRawOnly() {
        Outcome outcome = only(cems().build(), "QN=20260315100105124;ST=31;CN=2011;PW=123456;MN=" + MN
                + ";Flag=4;CP=&&DataTime=20260315100100;a21026-Rtd=118.2,a21026-ZsRtd=120.1,a21026-Flag=N&&");

        assertThat(outcome.result()).isEqualTo(PacketResult.KEPT);
        assertThat(outcome.flueGasSamples()).isEmpty();
        assertThat(outcome.answer()).isEmpty();
    }
}
