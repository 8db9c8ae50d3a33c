package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.gateway.hj212.FrameScanner;
import org.parkwatch.gateway.hj212.PacketParser;
import org.parkwatch.gateway.hj212.Scanned;
import org.parkwatch.topology.Topics;

/**
 * The gateway process is SIGKILLed while a device streams hourly data asking for answers: every packet it had
 * answered is on the pipeline's input topic, and once the device resends what was not answered (as HJ 212 devices
 * do) to the restarted gateway, every packet is there; resends of packets written but not answered before the kill
 * carry the same eventId, so the pipeline drops them.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GatewayKillIT {

    private static final String MN = "010000A8900016F0001KILL1";
    private static final int PACKETS = 200;
    private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private static KafkaStack kafka;
    private static Topics topics;

    @BeforeAll
    static void startKafkaAndRegisterTheDevice() {
        kafka = KafkaStack.start();
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings(0));
        topics = config.topicLayout().topics();
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            admin.ensureTopics(topics);
        }
        assertThat(ParkWatchCli.commandLine().execute("device", "--mn", MN, "--password", "123456",
                "--enterprise", "E1", "--outlet", "E1-W1", "--set", "parkwatch.bootstrap.servers="
                        + kafka.bootstrapServers(), "--set", "parkwatch.schema.registry.url=" + kafka.registryUrl()))
                .isZero();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private static Map<String, String> settings(int port) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("parkwatch.bootstrap.servers", kafka.bootstrapServers());
        s.put("parkwatch.schema.registry.url", kafka.registryUrl());
        s.put("parkwatch.topic.partitions", "1");
        s.put("parkwatch.gateway.host", "127.0.0.1");
        s.put("parkwatch.gateway.port", String.valueOf(port));
        s.put("parkwatch.gateway.metrics.port", "0");
        return s;
    }

    @Test
    void shouldLoseNoAnsweredPacketWhenTheGatewayIsKilledMidStream() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, byte[]> packets = new LinkedHashMap<>(); // eventId -> frame
        LocalDateTime hour = LocalDateTime.of(2026, 3, 1, 0, 0);
        for (int i = 0; i < PACKETS; i++, hour = hour.plusHours(1)) {
            String time = DATA_TIME.format(hour);
            packets.put("hj212:" + MN + ":2061:" + time, Answers.frame("QN=" + time + "000;ST=32;CN=2061;PW=123456;MN="
                    + MN + ";Flag=5;CP=&&DataTime=" + time + ";w00000-Cou=" + (10 + i % 50)
                    + ".0,w00000-Flag=N;w01018-Avg=40.5,w01018-Flag=N&&"));
        }

        Set<String> answeredBeforeKill;
        GatewayProcess first = GatewayProcess.start(settings(port));
        try (Socket device = connect(port)) {
            Answered answered = Answered.listen(device.getInputStream());
            OutputStream out = device.getOutputStream();
            int sent = 0;
            for (byte[] frame : packets.values()) {
                out.write(frame);
                out.flush();
                sent++;
                if (sent == PACKETS / 2) {
                    // half sent: wait until some are answered, then kill while the rest are in flight
                    answered.awaitAtLeast(20, Duration.ofSeconds(60));
                    first.killHard();
                    break;
                }
            }
            answeredBeforeKill = Set.copyOf(answered.eventIds());
        }
        assertThat(answeredBeforeKill).hasSizeGreaterThanOrEqualTo(20);

        Set<String> written = kafka.readCommitted(topics.wastewaterSamples(), WastewaterSample.class).stream()
                .map(s -> s.getEventId().toString()).collect(Collectors.toSet());
        assertThat(written).as("every answered packet was written before its answer").containsAll(answeredBeforeKill);

        // The restarted gateway; the device resends everything it has no answer for.
        try (GatewayProcess second = GatewayProcess.start(settings(port)); Socket device = connect(port)) {
            Answered answered = Answered.listen(device.getInputStream());
            Set<String> before = answeredBeforeKill;
            List<String> unanswered = packets.keySet().stream().filter(id -> !before.contains(id)).toList();
            for (String id : unanswered) {
                device.getOutputStream().write(packets.get(id));
            }
            device.getOutputStream().flush();
            answered.awaitAtLeast(unanswered.size(), Duration.ofSeconds(90));
            assertThat(answered.eventIds()).containsExactlyInAnyOrderElementsOf(unanswered);
            // the process serves its own metrics to Prometheus
            String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(second.metricsUrl())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("parkwatch_gateway_packets_total{cn=\"2061\",result=\"ACCOUNTED\"}");
        }

        List<String> all = kafka.readCommitted(topics.wastewaterSamples(), WastewaterSample.class).stream()
                .map(s -> s.getEventId().toString()).toList();
        assertThat(Set.copyOf(all)).containsExactlyInAnyOrderElementsOf(packets.keySet());
        // A copy more than once only where the first gateway wrote a packet but died before answering it.
        assertThat(all.size() - PACKETS).isLessThanOrEqualTo(PACKETS - answeredBeforeKill.size());
    }

    private static Socket connect(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return new Socket("127.0.0.1", port);
            } catch (java.net.ConnectException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(200);
            }
        }
    }

    /** The data answers (9014) a device reads, by the eventId of the packet each answers (its QN is DataTime). */
    private static final class Answered {
        private final Set<String> eventIds = ConcurrentHashMap.newKeySet();

        static Answered listen(InputStream in) {
            Answered a = new Answered();
            Thread reader = new Thread(() -> {
                FrameScanner scanner = new FrameScanner();
                byte[] buffer = new byte[4096];
                try {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        for (Scanned s : scanner.feed(java.util.Arrays.copyOf(buffer, n))) {
                            if (s instanceof Scanned.Frame frame) {
                                var answer = PacketParser.parse(frame.dataSegmentText());
                                if (answer.cn().equals("9014")) {
                                    String time = answer.qn().orElseThrow().substring(0, 14);
                                    a.eventIds.add("hj212:" + MN + ":2061:" + time);
                                }
                            }
                        }
                    }
                } catch (Exception connectionGone) {
                    // the gateway was killed, or the test closed the socket
                }
            }, "device-answers");
            reader.setDaemon(true);
            reader.start();
            return a;
        }

        Set<String> eventIds() {
            return Set.copyOf(eventIds);
        }

        void awaitAtLeast(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (eventIds.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
    }

    /** The gateway as its own operating-system process, started as an operator runs it. */
    private static final class GatewayProcess implements AutoCloseable {
        private final Process process;
        private final Path log;

        private GatewayProcess(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        /** The metrics URL the process printed when it started listening. */
        String metricsUrl() throws Exception {
            java.util.regex.Pattern printed = java.util.regex.Pattern.compile("metrics on (http://\\S+/metrics)");
            for (int i = 0; i < 600; i++) {
                java.util.regex.Matcher m = printed.matcher(Files.readString(log));
                if (m.find()) {
                    return m.group(1);
                }
                Thread.sleep(100);
            }
            throw new AssertionError("the gateway printed no metrics URL: " + Files.readString(log));
        }

        static GatewayProcess start(Map<String, String> settings) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
                    System.getProperty("java.class.path"), "org.parkwatch.deploy.ParkWatchCli", "gateway"));
            settings.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
            Path log = Files.createTempFile("gateway-kill", ".log");
            return new GatewayProcess(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start(), log);
        }

        void killHard() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
