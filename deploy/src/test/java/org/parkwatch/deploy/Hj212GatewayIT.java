package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parkwatch.avro.AccountedGranularity;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.Device;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.deploy.admin.TopicAdmin;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.gateway.GatewayRunner;
import org.parkwatch.gateway.Hj212Gateway;
import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.topology.Topics;

/**
 * A device talks to the gateway over a real socket, against a real broker and registry: its hourly data are answered
 * only once written (with the registry down nothing can be written, so nothing is answered, and the device's resend
 * is), they become a WastewaterSample on the pipeline's input, and a packet with a bad CRC is refused with QnRtn 9
 * and kept as a dead letter with its bytes.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class Hj212GatewayIT {

    private static final String MN = "010000A8900016F000169DC0";
    /** HJ 212-2017 Table C.17, with NH3-N added. */
    private static final String HOURLY = "QN=20160801090000001;ST=32;CN=2061;PW=123456;MN=" + MN + ";Flag=5;"
            + "CP=&&DataTime=20160801080000;w00000-Cou=63.0,w00000-Avg=17.5,w00000-Flag=N;"
            + "w01018-Cou=2.52,w01018-Avg=40.1,w01018-Flag=N;w21003-Avg=1.5,w21003-Flag=N&&";
    /** Its answer per Table C.17: length 87, CRC FF01 (computed independently). */
    private static final String DATA_ANSWER = "##0087QN=20160801090000001;ST=91;CN=9014;PW=123456;MN=" + MN
            + ";Flag=4;CP=&&&&FF01\r\n";

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
                "parkwatch.gateway.port", "0"));
        topics = config.topicLayout().topics();
        try (TopicAdmin admin = TopicAdmin.connect(config.kafka(), config.topicLayout())) {
            admin.ensureTopics(topics);
        }
        // Registered as README shows it, with the device command.
        assertThat(ParkWatchCli.commandLine().execute("device", "--mn", MN, "--password", "123456",
                "--enterprise", "E1", "--outlet", "E1-W1", "--set", "parkwatch.bootstrap.servers=" + kafka.bootstrapServers(),
                "--set", "parkwatch.schema.registry.url=" + kafka.registryUrl())).isZero();
        assertThat(kafka.readCommitted(topics.devices(), Device.class)).singleElement().satisfies(device -> {
            assertThat(device.getAccountedGranularity()).isEqualTo(AccountedGranularity.HOURLY);
            assertThat(device.getActive()).isTrue();
        });
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void shouldAnswerDataOnlyOnceWrittenAndRefuseABadCrcAsADeadLetter() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Hj212Gateway gateway = GatewayRunner.start(config, meters);
             Socket device = new Socket("127.0.0.1", gateway.port())) {
            device.setSoTimeout(3_000);
            InputStream answers = device.getInputStream();

            // The registry is down: the sample cannot be written, so the device hears nothing.
            int registryPort = kafka.registryPort();
            kafka.stopRegistry();
            device.getOutputStream().write(Answers.frame(HOURLY));
            assertThatThrownBy(() -> answers.readNBytes(DATA_ANSWER.length()))
                    .isInstanceOf(SocketTimeoutException.class);

            // Registry back; the device resends and gets its data answer, written by then.
            kafka.restartRegistry(registryPort);
            device.setSoTimeout(30_000);
            device.getOutputStream().write(Answers.frame(HOURLY));
            assertThat(read(answers, DATA_ANSWER.length())).isEqualTo(DATA_ANSWER);
            assertThat(endOffset(topics.wastewaterSamples())).isEqualTo(1);
            assertThat(endOffset(topics.hj212Packets())).isEqualTo(2); // both attempts kept as received

            // A corrupted packet: the CRC no longer matches the data segment.
            String corrupted = new String(Answers.frame(HOURLY), StandardCharsets.US_ASCII)
                    .replace("w01018-Avg=40.1", "w01018-Avg=90.1");
            device.getOutputStream().write(corrupted.getBytes(StandardCharsets.US_ASCII));
            String refusal = "QN=20160801090000001;ST=91;CN=9011;PW=123456;MN=" + MN + ";Flag=4;CP=&&QnRtn=9&&";
            assertThat(read(answers, Answers.frame(refusal).length))
                    .isEqualTo(new String(Answers.frame(refusal), StandardCharsets.US_ASCII));
        }

        List<WastewaterSample> samples = kafka.readCommitted(topics.wastewaterSamples(), WastewaterSample.class);
        assertThat(samples).singleElement().satisfies(sample -> {
            assertThat(sample.getEventId()).isEqualTo("hj212:" + MN + ":2061:20160801080000");
            assertThat(sample.getEnterpriseId()).isEqualTo("E1");
            assertThat(sample.getOutletId()).isEqualTo("E1-W1");
            assertThat(sample.getVolumeM3()).isEqualTo(63.0);
            assertThat(sample.getCodMgPerL()).isEqualTo(40.1);
            assertThat(sample.getAmmoniaNitrogenMgPerL()).isEqualTo(1.5);
            assertThat(sample.getCodFlag()).isEqualTo(DataFlag.N);
            // 08:00 on the devices' (Beijing) clock is 00:00 UTC.
            assertThat(sample.getIntervalStart()).isEqualTo(Instant.parse("2016-08-01T00:00:00Z"));
            assertThat(sample.getIntervalEnd()).isEqualTo(Instant.parse("2016-08-01T01:00:00Z"));
            assertThat(sample.getSource()).isEqualTo("hj212");
        });

        List<ConsumerRecord<String, byte[]>> raw = readRaw(topics.hj212Packets());
        assertThat(raw).extracting(ConsumerRecord::key).containsExactly(MN, MN, MN);
        assertThat(new String(raw.get(1).value(), StandardCharsets.US_ASCII))
                .isEqualTo(new String(Answers.frame(HOURLY), StandardCharsets.US_ASCII));

        List<DeadLetter> letters = kafka.readCommitted(topics.deadLetters(), DeadLetter.class);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).isEqualTo(RejectReason.HJ212_BAD_CRC);
            assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(
                    raw.get(2).value()));
            assertThat(new String(raw.get(2).value(), StandardCharsets.US_ASCII)).contains("w01018-Avg=90.1");
            assertThat(letter.getSourceTopic()).isEqualTo(topics.hj212Packets());
            assertThat(letter.getSourceOffset()).isEqualTo(2);
            assertThat(letter.getEnterpriseId()).isNull();
            assertThat(letter.getDetail()).contains("CRC sent");
        });
        assertThat(meters.counter("parkwatch.input.rejected", "input", "hj212", "reason", "HJ212_BAD_CRC").count())
                .isEqualTo(1);
        assertThat(meters.counter("parkwatch.gateway.packets", "cn", "2061", "result", "ACCOUNTED").count())
                .isEqualTo(2);
        assertThat(meters.counter("parkwatch.gateway.publish.failed").count()).isEqualTo(1);
        assertThat(meters.timer("parkwatch.gateway.answer.latency").count()).isEqualTo(2);
    }

    private static String read(InputStream in, int length) throws IOException {
        return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    private static long endOffset(String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            return consumer.endOffsets(List.of(new TopicPartition(topic, 0))).values().iterator().next();
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readRaw(String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }
}
