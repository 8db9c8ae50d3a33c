package org.parkwatch.topology;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.DataGap;
import org.parkwatch.avro.DeadLetter;
import org.parkwatch.avro.IntensitySnapshot;
import org.parkwatch.avro.LedgerCorrection;
import org.parkwatch.avro.LedgerRecord;
import org.parkwatch.avro.Restatement;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.serde.SerdeSettings;
import org.parkwatch.serde.SpecificAvroSerde;
import org.parkwatch.serde.registry.SchemaRegistryClient;

/** The serdes of every public topic: Confluent wire format through one Schema Registry client. */
public record PipelineSerdes(Serde<MeterReading> meterReading, Serde<FuelConsumption> fuelConsumption,
                             Serde<WastewaterSample> wastewaterSample, Serde<Enterprise> enterprise,
                             Serde<EmissionFactor> emissionFactor,
                             Serde<EmissionTotals> emissionTotals, Serde<DeadLetter> deadLetter,
                             Serde<ThresholdRule> thresholdRule, Serde<Alert> alert,
                             Serde<OutputReport> outputReport, Serde<IntensitySnapshot> intensitySnapshot,
                             Serde<LedgerCorrection> ledgerCorrection, Serde<Restatement> restatement,
                             Serde<FlueGasSample> flueGasSample, Serde<DataGap> dataGap,
                             Serde<LedgerRecord> ledgerRecord) {

    public static PipelineSerdes using(SchemaRegistryClient registry, SerdeSettings valueSettings) {
        return new PipelineSerdes(
                serde(registry, MeterReading.class, valueSettings), serde(registry, FuelConsumption.class, valueSettings),
                serde(registry, WastewaterSample.class, valueSettings), serde(registry, Enterprise.class, valueSettings),
                serde(registry, EmissionFactor.class, valueSettings),
                serde(registry, EmissionTotals.class, valueSettings), serde(registry, DeadLetter.class, valueSettings),
                serde(registry, ThresholdRule.class, valueSettings), serde(registry, Alert.class, valueSettings),
                serde(registry, OutputReport.class, valueSettings),
                serde(registry, IntensitySnapshot.class, valueSettings),
                serde(registry, LedgerCorrection.class, valueSettings), serde(registry, Restatement.class, valueSettings),
                serde(registry, FlueGasSample.class, valueSettings), serde(registry, DataGap.class, valueSettings),
                serde(registry, LedgerRecord.class, valueSettings));
    }

    private static <T extends SpecificRecord> Serde<T> serde(SchemaRegistryClient registry, Class<T> type,
                                                             SerdeSettings settings) {
        return new SpecificAvroSerde<>(registry, type, settings);
    }
}
