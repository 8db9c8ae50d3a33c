package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.Device;
import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.avro.StackPollutant;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.gateway.GatewayRunner;
import org.parkwatch.gateway.Hj212Gateway;
import org.parkwatch.gateway.hj212.Hj212Crc;
import org.parkwatch.topology.Topics;

/**
 * A CEMS (HJ 212 ST=31) talks to the gateway over a real socket, against a real broker and registry: its hourly data
 * become a FlueGasSample on the flue-gas input (Confluent wire format) and are answered 9014 once written, a resend
 * carries the same eventId, and a CEMS registered without a stack is answered too but left as an UNKNOWN_STACK dead
 * letter.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FlueGasGatewayIT {

    private static final String CEMS = "88888880000001";
    private static final String NO_STACK = "88888880000002";
    /**
     * An hour of a coal boiler's CEMS: 12.5 m3/s × 3 600 s = 45 000 m3; SO2 120.5 mg/m3 × 45 000 m3 × 10⁻⁶ = 5.4225
     * kg, converted to 9 % O2 at 9.2 %: 120.5 × 12 / 11.8 = 122.5; NOx without its load, which the gateway takes as
     * 210.0 × 45 000 × 10⁻⁶ = 9.45 kg; particulate analyser out of order, its flag alone.
     */
    private static final String AREA = "CP=&&DataTime=20260315090000;a00000-Avg=12.5,a00000-Cou=45000.0,"
            + "a00000-Flag=N;a19001-Avg=9.2,a19001-Flag=N;a21026-Avg=120.5,a21026-ZsAvg=122.5,a21026-Cou=5.4225,"
            + "a21026-Flag=N;a21002-Avg=210.0,a21002-ZsAvg=213.6,a21002-Flag=N;a34013-Flag=D&&";

    private static KafkaStack kafka;
    private static ParkWatchConfig config;
    private static Topics topics;

    @BeforeAll
    static void startKafkaAndRegisterTheDevices() {
        kafka = KafkaStack.start();
        config = new ConfigLoader(Map.of()).load(Optional.empty(), Map.of(
                "parkwatch.bootstrap.servers", kafka.bootstrapServers(),
                "parkwatch.schema.registry.url", kafka.registryUrl(),
                "parkwatch.topic.partitions", "1",
                "parkwatch.gateway.host", "127.0.0.1",
                "parkwatch.gateway.port", "0"));
        topics = config.topicLayout().topics();
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            admin.ensureTopics(topics);
        }
        // Registered as README shows it: a CEMS with the stack it measures, and one whose stack was left out.
        String[] connection = {"--set", "parkwatch.bootstrap.servers=" + kafka.bootstrapServers(),
                "--set", "parkwatch.schema.registry.url=" + kafka.registryUrl()};
        assertThat(ParkWatchCli.commandLine().execute(concat(new String[] {"device", "--mn", CEMS, "--password",
                "123456", "--enterprise", "E0001", "--stack", "E0001-S1"}, connection))).isZero();
        assertThat(ParkWatchCli.commandLine().execute(concat(new String[] {"device", "--mn", NO_STACK, "--password",
                "654321", "--enterprise", "E0002"}, connection))).isZero();
        assertThat(kafka.readCommitted(topics.devices(), Device.class)).extracting(Device::getStackId)
                .containsExactlyInAnyOrder("E0001-S1", null);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void shouldTurnAnHourOfACemsIntoAFlueGasSampleAndAnswerItOnceWritten() throws Exception {
        String hourly = "QN=20260315100105123;ST=31;CN=2061;PW=123456;MN=" + CEMS + ";Flag=5;" + AREA;
        String noStack = "QN=20260315100105456;ST=31;CN=2061;PW=654321;MN=" + NO_STACK + ";Flag=5;" + AREA;
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Hj212Gateway gateway = GatewayRunner.start(config, meters);
             Socket device = new Socket("127.0.0.1", gateway.port());
             Socket unplaced = new Socket("127.0.0.1", gateway.port())) {
            device.setSoTimeout(30_000);
            unplaced.setSoTimeout(30_000);
            String answer = "QN=20260315100105123;ST=91;CN=9014;PW=123456;MN=" + CEMS + ";Flag=4;CP=&&&&";

            device.getOutputStream().write(framed(hourly));
            assertThat(read(device.getInputStream(), framed(answer).length)).isEqualTo(text(framed(answer)));
            // No answer reached it in time, say: it sends the hour again, and is answered again.
            device.getOutputStream().write(framed(hourly));
            assertThat(read(device.getInputStream(), framed(answer).length)).isEqualTo(text(framed(answer)));

            String refusedAnswer = "QN=20260315100105456;ST=91;CN=9014;PW=654321;MN=" + NO_STACK + ";Flag=4;CP=&&&&";
            unplaced.getOutputStream().write(framed(noStack));
            assertThat(read(unplaced.getInputStream(), framed(refusedAnswer).length))
                    .isEqualTo(text(framed(refusedAnswer)));
        }

        List<FlueGasSample> samples = kafka.readCommitted(topics.flueGasSamples(), FlueGasSample.class);
        assertThat(samples).hasSize(2).allSatisfy(sample -> {
            // Both copies carry one eventId, by which the pipeline keeps the first.
            assertThat(sample.getEventId()).isEqualTo("hj212:" + CEMS + ":2061:20260315090000");
            assertThat(sample.getEnterpriseId()).isEqualTo("E0001");
            assertThat(sample.getStackId()).isEqualTo("E0001-S1");
            assertThat(sample.getFlowM3()).isEqualTo(45000.0);
            assertThat(sample.getO2Percent()).isEqualTo(9.2);
            assertThat(sample.getSo2()).isEqualTo(new StackPollutant(120.5, 122.5, 5.4225, DataFlag.N));
            assertThat(sample.getNox().getLoadKg()).isCloseTo(9.45, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(sample.getParticulate()).isEqualTo(new StackPollutant(null, null, null, DataFlag.D));
            // 09:00 on the device's Beijing clock is 01:00 UTC.
            assertThat(sample.getIntervalStart()).isEqualTo(Instant.parse("2026-03-15T01:00:00Z"));
            assertThat(sample.getIntervalEnd()).isEqualTo(Instant.parse("2026-03-15T02:00:00Z"));
            assertThat(sample.getSource()).isEqualTo("hj212");
        });
        assertThat(kafka.readCommitted(topics.wastewaterSamples(), org.parkwatch.avro.WastewaterSample.class))
                .isEmpty();

        List<DeadLetter> letters = kafka.readCommitted(topics.deadLetters(), DeadLetter.class);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).isEqualTo(RejectReason.UNKNOWN_STACK);
            assertThat(letter.getEnterpriseId()).isEqualTo("E0002");
            assertThat(letter.getEventId()).isEqualTo("hj212:" + NO_STACK + ":2061:20260315090000");
            assertThat(letter.getSourceTopic()).isEqualTo(topics.hj212Packets());
            assertThat(letter.getDetail()).contains(NO_STACK, "stackId");
        });
        assertThat(meters.counter("parkwatch.input.rejected", "input", "hj212", "reason", "UNKNOWN_STACK").count())
                .isEqualTo(1);
        assertThat(meters.counter("parkwatch.gateway.packets", "cn", "2061", "result", "ACCOUNTED").count())
                .isEqualTo(2);
    }

    /** The frame around a data segment: its length, and its CRC by HJ 212-2017 Appendix A. */
    private static byte[] framed(String segment) {
        byte[] data = segment.getBytes(StandardCharsets.US_ASCII);
        return ("##" + String.format("%04d", data.length) + segment + Hj212Crc.hex(Hj212Crc.of(data)) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static String read(InputStream in, int length) throws IOException {
        return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
