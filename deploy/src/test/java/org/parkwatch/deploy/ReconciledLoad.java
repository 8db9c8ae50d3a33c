package org.parkwatch.deploy;

import java.time.Instant;
import java.util.Random;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.topology.FactorRecordKey;
import org.parkwatch.topology.Topics;

/**
 * Random activity of the process-level tests, each event with the amounts it must add to its enterprise's totals,
 * computed by hand from the test factors (grid 0.55, market 0.6096 kgCO2/kWh, 0.1229 kgce/kWh), so a test can
 * reconcile the published totals to the milligram whatever crashes or rebalances it put the pipeline through.
 */
final class ReconciledLoad {

    /** Indexes of the expected sums: CO2 location, CO2 market, energy, COD (mg or mgce), ledger entries. */
    static final int CO2_LOCATION = 0;
    static final int CO2_MARKET = 1;
    static final int ENERGY = 2;
    static final int COD = 3;
    static final int ENTRIES = 4;

    private ReconciledLoad() {
    }

    /** Sends the {@code i}-th event (a minute from {@code start + i} minutes) and adds what it must account. */
    static void send(KafkaProducer<String, SpecificRecord> producer, Topics topics, String enterprise, int i,
                     Instant start, Random random, long[] sums) {
        producer.send(event(topics, enterprise, "", i, start, random, sums));
    }

    /**
     * The {@code i}-th event (a minute from {@code start + i} minutes), its eventId prefixed with {@code idPrefix},
     * having added what it must account to {@code sums}.
     */
    static ProducerRecord<String, SpecificRecord> event(Topics topics, String enterprise, String idPrefix, int i,
                                                        Instant start, Random random, long[] sums) {
        Instant from = start.plusSeconds(60L * i);
        Instant to = from.plusSeconds(60);
        if (random.nextBoolean()) {
            int kwh = 1 + random.nextInt(5_000);
            sums[CO2_LOCATION] += kwh * 550_000L; // kWh x 0.55 kgCO2/kWh x 1e6 mg/kg
            sums[CO2_MARKET] += kwh * 609_600L;   // kWh x 0.6096 kgCO2/kWh x 1e6
            sums[ENERGY] += kwh * 122_900L;       // kWh x 0.1229 kgce/kWh x 1e6 mgce/kgce
            sums[ENTRIES] += 3;                   // location, market, energy
            return new ProducerRecord<>(topics.meterReadings(), enterprise, MeterReading.newBuilder()
                    .setEventId(idPrefix + "m-" + i).setEnterpriseId(enterprise).setMeterId("M1")
                    .setCarrier(EnergyCarrier.ELECTRICITY).setQuantity(kwh).setUnit("kWh")
                    .setIntervalStart(from).setIntervalEnd(to).build());
        }
        int m3 = 1 + random.nextInt(100); // at most 6 000 m3/h: within the plausibility bound
        int cod = 10 + random.nextInt(300);
        int nh3n = 1 + random.nextInt(30);
        sums[COD] += (long) m3 * cod * 1_000L; // m3 x mg/L = g; x 1 000 = mg
        sums[ENTRIES] += 2;                    // COD, NH3-N
        return new ProducerRecord<>(topics.wastewaterSamples(), enterprise, WastewaterSample.newBuilder()
                .setEventId(idPrefix + "w-" + i).setEnterpriseId(enterprise).setOutletId("W1").setVolumeM3(m3)
                .setCodMgPerL((double) cod).setAmmoniaNitrogenMgPerL((double) nh3n)
                .setIntervalStart(from).setIntervalEnd(to).build());
    }

    /** Publishes a factor version the way an agency does: keyed by factor and validity, stamped with its validity. */
    static void factor(KafkaProducer<String, SpecificRecord> producer, Topics topics, String key, Instant validFrom,
                       double value, String unit) {
        producer.send(new ProducerRecord<>(topics.emissionFactors(), FactorRecordKey.of(key, validFrom),
                EmissionFactor.newBuilder().setFactorKey(key).setValidFrom(validFrom).setValue(value).setUnit(unit)
                        .setSource("test").setPublishedAt(validFrom).build()));
    }
}
