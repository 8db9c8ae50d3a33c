package org.parkwatch.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.parkwatch.deploy.admin.ReferenceDataLoader;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.deploy.gateway.GatewayRunner;
import org.parkwatch.gateway.Hj212Gateway;
import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.simulator.EventGenerator;
import org.parkwatch.simulator.GeneratorSettings;
import org.parkwatch.simulator.ParkModel;
import org.parkwatch.simulator.ParkSettings;
import org.parkwatch.simulator.hj212.DeviceFleet;
import org.parkwatch.simulator.hj212.LoggerPackets;
import org.parkwatch.simulator.hj212.SimulatedDevice;
import org.parkwatch.topology.Topics;

/**
 * The HJ 212 gateway under many devices: the gateway as {@code ./parkwatch gateway} runs it (its defaults, the
 * benchmark's broker and registry), the devices registered on the devices topic as the local stack registers its
 * simulated loggers, and a {@link DeviceSwarm} of that many devices on one event loop, each sending hourly data
 * (2061) and waiting for each 9014 before the next. After one warm-up packet per device (connections, schema
 * registration, JIT), the timed round gives packets/s through the gateway and the packet → answer latency seen by
 * the devices. The baseline, measured in the same run: the same packets' bytes produced straight to Kafka by one
 * idempotent producer with acks=all, the gateway's own producer settings, as fast as it takes them.
 */
final class GatewayPhase {

    static final String PREFIX = "gw";
    static final Duration ROUND_TIMEOUT = Duration.ofMinutes(5);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * @param devices          devices connected
     * @param packetsPerDevice timed packets each sent
     * @param timed            the timed round through the gateway
     * @param latency          its packet → answer latencies
     * @param gatewayMeanMs    the gateway's own mean arrival → answer time over the timed round (its metric)
     * @param baselineRecords  packets produced straight to Kafka
     * @param baselineSeconds  from the first send to the last acknowledgement
     */
    record Result(int devices, int packetsPerDevice, DeviceSwarm.Round timed, LatencyStats latency,
                  double gatewayMeanMs, long baselineRecords, double baselineSeconds) {

        double gatewayRate() {
            return timed.answered() / timed.seconds();
        }

        double baselineRate() {
            return baselineRecords / baselineSeconds;
        }

        String markdown() {
            return String.format("""
                    ### HJ 212 gateway (%,d devices on one event loop, %d timed hourly packets each, answer awaited)

                    | Path of the same packets | packets/s | wall time |
                    |---|---:|---:|
                    | Device → gateway → Kafka (raw packet and WastewaterSample, acks=all) → 9014 answer | %,.0f | %.1f s |
                    | One idempotent producer straight to Kafka (raw bytes only, acks=all) | %,.0f | %.1f s |

                    - Gateway / straight producer: **%.2f**; %,d of %,d packets answered
                    - Packet → answer at the device: %s; the gateway's own arrival → answer mean %.0f ms
                    """, devices, packetsPerDevice, gatewayRate(), timed.seconds(), baselineRate(), baselineSeconds,
                    gatewayRate() / baselineRate(), timed.answered(), timed.sent(), latency, gatewayMeanMs);
        }
    }

    private final BenchCluster cluster;
    private final int partitions;

    GatewayPhase(BenchCluster cluster, int partitions) {
        this.cluster = cluster;
        this.partitions = partitions;
    }

    Result run(int deviceCount, int packetsPerDevice, long seed, PrintOut out) throws Exception {
        // One outlet or two per enterprise: as many enterprises as devices always give enough loggers.
        ParkModel park = ParkModel.generate(ParkSettings.defaults(seed).withEnterpriseCount(deviceCount));
        cluster.preparePark(PREFIX, park, partitions);
        Map<String, String> settings = cluster.pipelineSettings(PREFIX, PREFIX + "-gateway",
                cluster.workDir().resolve("unused"), partitions);
        settings.put("parkwatch.gateway.host", "127.0.0.1");
        settings.put("parkwatch.gateway.port", "0");
        ParkWatchConfig config = new ConfigLoader(Map.of()).load(Optional.empty(), settings);
        Topics topics = config.topicLayout().topics();
        String baselineTopic = PREFIX + ".baseline-packets";
        cluster.createTopics(List.of(baselineTopic), partitions);

        List<SimulatedDevice> devices = DeviceFleet.of(park, deviceCount, seed).devices().subList(0, deviceCount);
        Map<String, org.parkwatch.avro.Device> records = new LinkedHashMap<>();
        devices.forEach(d -> records.put(d.mn(), d.record()));
        try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
            loader.publish(topics.devices(), records);
        }
        EventGenerator generator = new EventGenerator(park, GeneratorSettings.defaults(seed));
        List<List<DeviceSwarm.Packet>> warmUp = packets(devices, generator, 0, 1);
        List<List<DeviceSwarm.Packet>> timed = packets(devices, generator, 1, packetsPerDevice);

        DeviceSwarm.Round round;
        double gatewayMeanMs;
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Hj212Gateway gateway = GatewayRunner.start(config, meters)) {
            long connecting = System.nanoTime();
            try (DeviceSwarm swarm = DeviceSwarm.connect(new InetSocketAddress("127.0.0.1", gateway.port()),
                    deviceCount)) {
                out.line("Gateway on port %d: %,d devices connected in %.1f s", gateway.port(), deviceCount,
                        (System.nanoTime() - connecting) / 1e9);
                DeviceSwarm.Round warm = swarm.round(warmUp, ROUND_TIMEOUT);
                out.line("Warm-up: %,d of %,d packets answered in %.1f s", warm.answered(), warm.sent(),
                        warm.seconds());
                Timer answers = meters.get("parkwatch.gateway.answer.latency").timer();
                long countBefore = answers.count();
                double totalBefore = answers.totalTime(TimeUnit.MILLISECONDS);
                round = swarm.round(timed, ROUND_TIMEOUT);
                gatewayMeanMs = (answers.totalTime(TimeUnit.MILLISECONDS) - totalBefore)
                        / Math.max(1, answers.count() - countBefore);
                out.line("Timed: %,d of %,d packets answered in %.1f s (%,.0f packets/s)", round.answered(),
                        round.sent(), round.seconds(), round.answered() / round.seconds());
            }
        }
        double baselineSeconds = produceStraight(baselineTopic, timed);
        long baselineRecords = timed.stream().mapToLong(List::size).sum();
        out.line("Straight to Kafka: %,d packets in %.2f s (%,.0f/s)", baselineRecords, baselineSeconds,
                baselineRecords / baselineSeconds);
        return new Result(deviceCount, packetsPerDevice, round, LatencyStats.of((int) round.sent(),
                round.latencyNanos()), gatewayMeanMs, baselineRecords, baselineSeconds);
    }

    /** Hourly packets {@code first} to {@code first + count - 1} of each device, hours from 2026-01-01. */
    private static List<List<DeviceSwarm.Packet>> packets(List<SimulatedDevice> devices, EventGenerator generator,
                                                          int first, int count) {
        LoggerPackets packets = new LoggerPackets(ZONE);
        Instant base = LocalDate.of(2026, 1, 1).atStartOfDay(ZONE).toInstant();
        List<List<DeviceSwarm.Packet>> all = new ArrayList<>();
        for (SimulatedDevice device : devices) {
            List<DeviceSwarm.Packet> own = new ArrayList<>();
            for (int k = first; k < first + count; k++) {
                Instant hour = base.plus(Duration.ofHours(k));
                String qn = packets.qn(base.plus(Duration.ofHours(k + 1)).plusMillis(device.index()));
                own.add(new DeviceSwarm.Packet(Answers.frame(packets.hourly(device, qn, device.password(),
                        generator.wastewaterSample(device.enterprise(), device.outletIndex(), hour,
                                hour.plus(Duration.ofHours(1))), false)), qn, device.mn()));
            }
            all.add(own);
        }
        return all;
    }

    /** Seconds one idempotent acks=all producer takes to have every packet's bytes acknowledged. */
    private double produceStraight(String topic, List<List<DeviceSwarm.Packet>> packets) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // The gateway's producer lingers 1 ms: the same here, so the comparison is of the path, not the batching.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            // A first record to every partition outside the timing: metadata, the producer id, and leaders that
            // are ready (a batch sent to a partition created a moment ago can be refused, and its retry then be
            // taken out of sequence).
            for (int partition = 0; partition < partitions; partition++) {
                producer.send(new ProducerRecord<>(topic, partition, new byte[0], new byte[0])).get();
            }
            long start = System.nanoTime();
            for (List<DeviceSwarm.Packet> own : packets) {
                for (DeviceSwarm.Packet packet : own) {
                    producer.send(new ProducerRecord<>(topic, packet.mn().getBytes(
                                    java.nio.charset.StandardCharsets.UTF_8), packet.frame()),
                            (metadata, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                }
                            });
                }
            }
            producer.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failure.get() != null) {
                throw new IllegalStateException("the baseline producer failed", failure.get());
            }
            return seconds;
        }
    }
}
