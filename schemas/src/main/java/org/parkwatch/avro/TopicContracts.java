package org.parkwatch.avro;

import java.util.List;

import org.apache.avro.Schema;

/** The top-level records that travel on ParkWatch topics: the schemas whose evolution is guarded. */
public final class TopicContracts {

    private TopicContracts() {
    }

    public static List<Schema> all() {
        return List.of(
                MeterReading.getClassSchema(), FuelConsumption.getClassSchema(), WastewaterSample.getClassSchema(),
                OutputReport.getClassSchema(), EmissionFactor.getClassSchema(), Enterprise.getClassSchema(),
                ThresholdRule.getClassSchema(), EmissionEntry.getClassSchema(), LedgerRecord.getClassSchema(), EmissionTotals.getClassSchema(),
                IntensitySnapshot.getClassSchema(), Alert.getClassSchema(), DeadLetter.getClassSchema(),
                Device.getClassSchema(), LedgerCorrection.getClassSchema(), Restatement.getClassSchema(),
                FlueGasSample.getClassSchema(), DataGap.getClassSchema());
    }
}
