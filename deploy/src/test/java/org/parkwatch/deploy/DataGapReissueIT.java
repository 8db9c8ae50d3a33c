package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parkwatch.avro.DataGap;
import org.parkwatch.avro.DataGapClosure;
import org.parkwatch.avro.DataGapKind;
import org.parkwatch.avro.DataGapState;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.gateway.GatewayRunner;
import org.parkwatch.gateway.Hj212Gateway;
import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.gateway.hj212.FrameScanner;
import org.parkwatch.gateway.hj212.Packet;
import org.parkwatch.gateway.hj212.PacketParser;
import org.parkwatch.gateway.hj212.Scanned;
import org.parkwatch.topology.Topics;

/**
 * A device skips an hour, over a real socket against a real broker and registry: the gateway opens a gap, asks the
 * connected device for the hour (HJ 212-2017 Table C.21), takes its 9011 and 9012 without a dead letter, answers the
 * resent hour 9014, and closes the gap as reissued; the gap's records are on the gap topic in that order.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DataGapReissueIT {

    private static final String MN = "010000A8900016F000169DC0";
    private static final String SECOND_MN = "010000A8900016F000169DC1";
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private static KafkaStack kafka;
    private static ParkWatchConfig config;
    private static Topics topics;

    @BeforeAll
    static void startKafkaAndRegisterTheDevice() {
        kafka = KafkaStack.start();
        config = new ConfigLoader(Map.of()).load(Optional.empty(), Map.of(
                "parkwatch.bootstrap.servers", kafka.bootstrapServers(),
                "parkwatch.schema.registry.url", kafka.registryUrl(),
                "parkwatch.topic.partitions", "1",
                "parkwatch.gateway.host", "127.0.0.1",
                "parkwatch.gateway.port", "0",
                // checked often so the test is quick; a second request only after the test is over
                "parkwatch.gateway.gaps.check.interval.ms", "200",
                "parkwatch.gateway.reissue.backoff.ms", "600000",
                // no hour overdue within the test (3 h after its end), so the hour is judged missing only because a
                // later one came, whatever the minute the test runs at
                "parkwatch.gateway.gaps.hourly.grace.ms", "10800000"));
        topics = config.topicLayout().topics();
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            admin.ensureTopics(topics);
        }
        assertThat(ParkWatchCli.commandLine().execute("device", "--mn", MN, "--password", "123456",
                "--enterprise", "E1", "--outlet", "E1-W1", "--set", "parkwatch.bootstrap.servers="
                        + kafka.bootstrapServers(), "--set", "parkwatch.schema.registry.url=" + kafka.registryUrl()))
                .isZero();
        assertThat(ParkWatchCli.commandLine().execute("device", "--mn", SECOND_MN, "--password", "123456",
                "--enterprise", "E2", "--outlet", "E2-W1", "--set", "parkwatch.bootstrap.servers="
                        + kafka.bootstrapServers(), "--set", "parkwatch.schema.registry.url=" + kafka.registryUrl()))
                .isZero();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static String hourly(String qn, Instant hour) {
        return hourly(MN, qn, hour);
    }

    private static String hourly(String mn, String qn, Instant hour) {
        return "QN=" + qn + ";ST=32;CN=2061;PW=123456;MN=" + mn + ";Flag=5;CP=&&DataTime="
                + DATA_TIME.format(hour.atZone(BEIJING)) + ";w00000-Cou=63.0,w00000-Avg=17.5,w00000-Flag=N;"
                + "w01018-Cou=2.52,w01018-Avg=40.1,w01018-Flag=N;w21003-Avg=1.5,w21003-Flag=N&&";
    }

    @Test
    void shouldAskTheDeviceForTheHourItSkippedAndCloseTheGapWhenItComes() throws Exception {
        Instant current = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant skipped = current.minus(2, ChronoUnit.HOURS);
        String skippedTime = DATA_TIME.format(skipped.atZone(BEIJING));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Hj212Gateway gateway = GatewayRunner.start(config, meters);
             Socket device = new Socket("127.0.0.1", gateway.port())) {
            device.setSoTimeout(30_000);
            FrameScanner frames = new FrameScanner();
            InputStream in = device.getInputStream();

            // Three hours ago, then an hour ago: the hour between is missing.
            device.getOutputStream().write(Answers.frame(hourly("20260101000000001", current.minus(3, ChronoUnit.HOURS))));
            assertThat(next(in, frames).cn()).isEqualTo("9014");
            device.getOutputStream().write(Answers.frame(hourly("20260101000000002", current.minus(1, ChronoUnit.HOURS))));

            // Its answer, and the platform's request for the hour missing, as Table C.21 writes it in the device's
            // version (Flag 5: 2017, answer asked); the request may come first, the answer waits for the write.
            Packet request = null;
            String requestFrame = null;
            boolean answered = false;
            while (request == null || !answered) {
                Packet packet = next(in, frames);
                if (packet.cn().equals("9014")) {
                    assertThat(packet.qn()).contains("20260101000000002");
                    answered = true;
                } else {
                    assertThat(request).as("one request").isNull();
                    request = packet;
                    requestFrame = lastFrame;
                }
            }
            String qn = request.qn().orElseThrow();
            assertThat(qn).matches("\\d{17}");
            assertThat(requestFrame).isEqualTo(new String(Answers.frame(
                    "QN=" + qn + ";ST=32;CN=2061;PW=123456;MN=" + MN + ";Flag=5;CP=&&BeginTime=" + skippedTime
                            + ";EndTime=" + skippedTime + "&&"), StandardCharsets.US_ASCII));

            // The device: ready, the hour (answered 9014), done.
            device.getOutputStream().write(Answers.frame("QN=" + qn + ";ST=91;CN=9011;PW=123456;MN=" + MN
                    + ";Flag=4;CP=&&QnRtn=1&&"));
            device.getOutputStream().write(Answers.frame(hourly("20260101000000003", skipped)));
            Packet answer = next(in, frames);
            assertThat(answer.cn()).isEqualTo("9014");
            assertThat(answer.qn()).contains("20260101000000003");
            device.getOutputStream().write(Answers.frame("QN=" + qn + ";ST=91;CN=9012;PW=123456;MN=" + MN
                    + ";Flag=4;CP=&&ExeRtn=1&&"));

            String gapId = MN + "|MISSING_HOURLY|" + skipped;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gapsOf(gapId))
                    .extracting(DataGap::getState).contains(DataGapState.CLOSED));
            List<DataGap> gaps = gapsOf(gapId);
            assertThat(gaps).allSatisfy(gap -> {
                assertThat(gap.getGapId()).isEqualTo(gapId);
                assertThat(gap.getKind()).isEqualTo(DataGapKind.MISSING_HOURLY);
                assertThat(gap.getEnterpriseId()).isEqualTo("E1");
                assertThat(gap.getOutletId()).isEqualTo("E1-W1");
                assertThat(gap.getPeriodStart()).isEqualTo(skipped);
                assertThat(gap.getPeriodEnd()).isEqualTo(skipped.plus(1, ChronoUnit.HOURS));
            });
            // Opened, asked, answered ready, closed as reissued: four records in that order.
            assertThat(gaps).extracting(DataGap::getState, DataGap::getReissueRequests, DataGap::getLastReissueAnswer)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(DataGapState.OPEN, 0, null),
                            org.assertj.core.groups.Tuple.tuple(DataGapState.OPEN, 1, null),
                            org.assertj.core.groups.Tuple.tuple(DataGapState.OPEN, 1, "QnRtn=1"),
                            org.assertj.core.groups.Tuple.tuple(DataGapState.CLOSED, 1, "QnRtn=1"));
            assertThat(gaps.get(3).getClosedBy()).isEqualTo(DataGapClosure.REISSUED);

            assertThat(meters.counter("parkwatch.gateway.reissues.requested").count()).isEqualTo(1);
            assertThat(meters.counter("parkwatch.gateway.reissues.answered").count()).isEqualTo(1);
            assertThat(meters.counter("parkwatch.gateway.reissues.failed").count()).isZero();
            assertThat(meters.get("parkwatch.gateway.gaps.open").gauge().value()).isZero();
            assertThat(meters.counter("parkwatch.gateway.packets", "cn", "9011", "result", "KEPT").count())
                    .isEqualTo(1);
            assertThat(meters.counter("parkwatch.gateway.packets", "cn", "9012", "result", "KEPT").count())
                    .isEqualTo(1);
        }
        // The device's answers are no dead letters; the three hours are accounted.
        assertThat(kafka.readCommitted(topics.deadLetters(), DeadLetter.class)).isEmpty();
        assertThat(kafka.readCommitted(topics.wastewaterSamples(), WastewaterSample.class))
                .filteredOn(sample -> sample.getEnterpriseId().equals("E1"))
                .extracting(WastewaterSample::getIntervalStart).containsExactly(current.minus(3, ChronoUnit.HOURS),
                        current.minus(1, ChronoUnit.HOURS), skipped);
    }

    @Test
    void shouldRestoreAGapStillOpenAfterARestartAndCloseItWhenItsHourComes() throws Exception {
        Instant current = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant skipped = current.minus(2, ChronoUnit.HOURS);
        String gapId = SECOND_MN + "|MISSING_HOURLY|" + skipped;
        try (Hj212Gateway gateway = GatewayRunner.start(config, new SimpleMeterRegistry());
             Socket device = new Socket("127.0.0.1", gateway.port())) {
            device.setSoTimeout(30_000);
            device.getOutputStream().write(Answers.frame(hourly(SECOND_MN, "20260101000000011",
                    current.minus(3, ChronoUnit.HOURS))));
            device.getOutputStream().write(Answers.frame(hourly(SECOND_MN, "20260101000000012",
                    current.minus(1, ChronoUnit.HOURS))));
            // This device does not answer the request; the gap is open when the gateway stops.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gapsOf(gapId))
                    .extracting(DataGap::getReissueRequests).contains(1));
        }

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Hj212Gateway gateway = GatewayRunner.start(config, meters);
             Socket device = new Socket("127.0.0.1", gateway.port())) {
            assertThat(meters.get("parkwatch.gateway.gaps.open").gauge().value()).as("read back").isEqualTo(1);
            device.setSoTimeout(30_000);
            FrameScanner frames = new FrameScanner();
            device.getOutputStream().write(Answers.frame(hourly(SECOND_MN, "20260101000000013", skipped)));
            Packet answer = next(device.getInputStream(), frames);
            while (!answer.cn().equals("9014")) { // a request for the hour again may come first
                answer = next(device.getInputStream(), frames);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gapsOf(gapId))
                    .extracting(DataGap::getState).last().isEqualTo(DataGapState.CLOSED));
            assertThat(meters.get("parkwatch.gateway.gaps.open").gauge().value()).isZero();
        }
        List<DataGap> gaps = gapsOf(gapId);
        assertThat(gaps.get(0).getState()).isEqualTo(DataGapState.OPEN);
        assertThat(gaps.get(gaps.size() - 1).getClosedBy()).isEqualTo(DataGapClosure.REISSUED);
        assertThat(gaps).filteredOn(gap -> gap.getState() == DataGapState.CLOSED).hasSize(1);
    }

    private static List<DataGap> gapsOf(String gapId) {
        return kafka.readCommitted(topics.dataGaps(), DataGap.class).stream()
                .filter(gap -> gap.getGapId().equals(gapId)).toList();
    }

    private String lastFrame;

    /** The next frame from the gateway, read. */
    private Packet next(InputStream in, FrameScanner frames) throws IOException {
        while (true) {
            if (!pending.isEmpty()) {
                Scanned.Frame frame = (Scanned.Frame) pending.remove(0);
                lastFrame = new String(frame.bytes(), StandardCharsets.US_ASCII);
                try {
                    return PacketParser.parse(frame.dataSegmentText());
                } catch (org.parkwatch.gateway.hj212.UnreadablePacketException e) {
                    throw new IllegalStateException(e);
                }
            }
            byte[] chunk = new byte[2048];
            int read = in.read(chunk);
            if (read < 0) {
                throw new IOException("gateway closed the connection");
            }
            pending.addAll(frames.feed(Arrays.copyOf(chunk, read)));
        }
    }

    private final List<Scanned> pending = new java.util.ArrayList<>();
}
