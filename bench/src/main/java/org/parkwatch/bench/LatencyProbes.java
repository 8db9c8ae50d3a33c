package org.parkwatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.Outlet;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.simulator.SimulatorCommand;
import org.parkwatch.topology.Topics;

/**
 * The probe enterprise of the latency phase and the events it sends, each stamped with the wall-clock instant it was
 * handed to the producer. Meter probes all fall in one hour window, so each makes the enterprise's hour intensity
 * count more ledger entries; wastewater probes each cover their own second, so the alert they cause names them by
 * its transition time.
 */
final class LatencyProbes implements AutoCloseable {

    static final String ENTERPRISE_ID = "LATENCY-PROBE";
    static final String METER_ID = ENTERPRISE_ID + "-M1";
    static final String OUTLET_ID = ENTERPRISE_ID + "-W1";
    /** GB 8978-1996 class 3 COD limit, as the simulator gives outlets discharging to a sewer. */
    static final double COD_LIMIT_MG_PER_L = 500.0;
    /** 1.4 times the limit: at once CRITICAL, no escalation after. */
    static final double BREACHING_COD_MG_PER_L = 700.0;
    /** 0.2 times the limit, well below the clear level (0.85). */
    static final double CLEAN_COD_MG_PER_L = 100.0;
    /**
     * The default COD concentration rule opens after this many consecutive breaching samples; each alert probe is
     * the last of such a run, the ones before it are sent right before it.
     */
    static final int BREACHES_TO_OPEN = 3;

    /** A wastewater probe whose transition is timed: the state it should cause and when it was sent. */
    record AlertProbe(AlertState expected, long sentNanos) {
    }

    private final KafkaProducer<String, SpecificRecord> producer;
    private final Topics topics;
    private final String prefix;
    private final Instant meterHour;
    private final Instant sampleStart;
    private final Map<Integer, Long> meterSent = new ConcurrentHashMap<>();
    private final Map<Integer, AlertProbe> alertSent = new ConcurrentHashMap<>();
    private final AtomicLong failedSends = new AtomicLong();
    private int nextSample;

    /**
     * @param meterHour   start of the hour window every meter probe falls in
     * @param sampleStart start of the second the first wastewater probe covers; later ones follow second by second
     */
    LatencyProbes(BenchCluster cluster, Topics topics, String prefix, Instant meterHour, Instant sampleStart) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        // Probes leave at once: batching them would add its own delay to what is measured.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(props, new StringSerializer(),
                SimulatorCommand.registrySerializer(cluster.registryUrl()));
        this.topics = topics;
        this.prefix = prefix;
        this.meterHour = meterHour;
        this.sampleStart = sampleStart;
    }

    /** The probe enterprise: one electricity meter and one outlet with a class-3 COD limit, no permit loads. */
    static Enterprise enterprise(String parkId, GridRegion region) {
        return Enterprise.newBuilder().setEnterpriseId(ENTERPRISE_ID).setParkId(parkId)
                .setName("Latency probe enterprise").setSector("chemicals").setGridRegion(region)
                .setOutlets(List.of(Outlet.newBuilder().setOutletId(OUTLET_ID).setDischargeClass("GB8978-1996/3")
                        .setCodLimitMgPerL(COD_LIMIT_MG_PER_L).setAmmoniaNitrogenLimitMgPerL(45.0).build()))
                .setPermittedLoads(new PermittedLoads(null, null, null)).build();
    }

    /** Sends meter probe {@code k}: 10 kWh over its own second of the probe hour. */
    void meter(int k) {
        Instant start = meterHour.plusSeconds(k % 3600);
        MeterReading reading = MeterReading.newBuilder().setEventId(prefix + "-probe-meter-" + k)
                .setEnterpriseId(ENTERPRISE_ID).setMeterId(METER_ID).setCarrier(EnergyCarrier.ELECTRICITY)
                .setQuantity(10.0).setUnit("kWh").setIntervalStart(start).setIntervalEnd(start.plusSeconds(1))
                .build();
        meterSent.put(k, System.nanoTime());
        send(topics.meterReadings(), reading);
    }

    /** Sends a run of breaching samples; the last one, timed, should open the probe outlet's COD alert. */
    void breach() {
        for (int i = 1; i < BREACHES_TO_OPEN; i++) {
            sample(BREACHING_COD_MG_PER_L);
        }
        alertSent.put(nextSample, new AlertProbe(AlertState.OPEN, System.nanoTime()));
        sample(BREACHING_COD_MG_PER_L);
    }

    /** Sends one clean sample, timed, that should resolve the open alert. */
    void clear() {
        alertSent.put(nextSample, new AlertProbe(AlertState.RESOLVED, System.nanoTime()));
        sample(CLEAN_COD_MG_PER_L);
    }

    /** The index of the wastewater probe whose interval holds {@code accountingTime}. */
    int sampleIndexAt(Instant accountingTime) {
        return (int) Math.floorDiv(Duration.between(sampleStart, accountingTime).toMillis(), 1000L);
    }

    Map<Integer, Long> meterSent() {
        return meterSent;
    }

    Map<Integer, AlertProbe> alertSent() {
        return alertSent;
    }

    long failedSends() {
        return failedSends.get();
    }

    void flush() {
        producer.flush();
    }

    /** Index of the next wastewater probe. */
    int nextSampleIndex() {
        return nextSample;
    }

    private void sample(double cod) {
        int index = nextSample++;
        Instant start = sampleStart.plusSeconds(index);
        WastewaterSample sample = WastewaterSample.newBuilder().setEventId(prefix + "-probe-sample-" + index)
                .setEnterpriseId(ENTERPRISE_ID).setOutletId(OUTLET_ID).setVolumeM3(0.01).setCodMgPerL(cod)
                .setAmmoniaNitrogenMgPerL(5.0).setIntervalStart(start).setIntervalEnd(start.plusSeconds(1)).build();
        send(topics.wastewaterSamples(), sample);
    }

    private void send(String topic, SpecificRecord value) {
        producer.send(new ProducerRecord<>(topic, ENTERPRISE_ID, value), (metadata, e) -> {
            if (e != null) {
                failedSends.incrementAndGet();
            }
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
