package org.parkwatch.ingest;

import java.time.Instant;
import java.util.List;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.FuelType;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.WastewaterSample;

/** Valid input records of one enterprise over the hour before {@link #NOW}, for tests to spoil one field at a time. */
final class Inputs {

    static final Instant NOW = Instant.parse("2024-03-01T00:00:00Z");
    static final Instant HOUR_START = Instant.parse("2024-02-29T23:00:00Z");
    static final String ENTERPRISE_ID = "E-steel-01";

    private Inputs() {
    }

    static Enterprise enterprise() {
        return Enterprise.newBuilder()
                .setEnterpriseId(ENTERPRISE_ID)
                .setParkId("P1")
                .setName("Steelworks")
                .setSector("steel")
                .setGridRegion(GridRegion.EAST)
                .setOutlets(List.of())
                .setStacks(List.of(org.parkwatch.avro.Stack.newBuilder().setStackId("S1")
                        .setCombustionUnits(List.of("B1")).build()))
                .setPermittedLoads(PermittedLoads.newBuilder().build())
                .build();
    }

    /** An hour of stack S1's CEMS: 200 000 m3 of flue gas, SO2 70 kg, NOx 30 kg, particulate 5 kg. */
    static org.parkwatch.avro.FlueGasSample.Builder flueGas() {
        return org.parkwatch.avro.FlueGasSample.newBuilder()
                .setEventId("g-1")
                .setEnterpriseId(ENTERPRISE_ID)
                .setStackId("S1")
                .setFlowM3(200_000.0)
                .setO2Percent(9.0)
                .setSo2(new org.parkwatch.avro.StackPollutant(350.0, 380.0, 70.0, org.parkwatch.avro.DataFlag.N))
                .setNox(new org.parkwatch.avro.StackPollutant(150.0, 160.0, 30.0, org.parkwatch.avro.DataFlag.N))
                .setParticulate(new org.parkwatch.avro.StackPollutant(25.0, 27.0, 5.0, org.parkwatch.avro.DataFlag.N))
                .setIntervalStart(HOUR_START)
                .setIntervalEnd(NOW);
    }

    static MeterReading.Builder meter() {
        return MeterReading.newBuilder()
                .setEventId("m-1")
                .setEnterpriseId(ENTERPRISE_ID)
                .setMeterId("meter-1")
                .setCarrier(EnergyCarrier.ELECTRICITY)
                .setQuantity(1.2)
                .setUnit("MWh")
                .setIntervalStart(HOUR_START)
                .setIntervalEnd(NOW);
    }

    static FuelConsumption.Builder fuel() {
        return FuelConsumption.newBuilder()
                .setEventId("f-1")
                .setEnterpriseId(ENTERPRISE_ID)
                .setUnitId("boiler-1")
                .setFuel(FuelType.RAW_COAL)
                .setQuantity(10)
                .setUnit("t")
                .setIntervalStart(HOUR_START)
                .setIntervalEnd(NOW);
    }

    static WastewaterSample.Builder wastewater() {
        return WastewaterSample.newBuilder()
                .setEventId("w-1")
                .setEnterpriseId(ENTERPRISE_ID)
                .setOutletId("DW001")
                .setVolumeM3(63)
                .setVolumeFlag(DataFlag.N)
                .setCodMgPerL(40.1)
                .setCodFlag(DataFlag.N)
                .setAmmoniaNitrogenMgPerL(2.5)
                .setAmmoniaNitrogenFlag(DataFlag.N)
                .setIntervalStart(HOUR_START)
                .setIntervalEnd(NOW);
    }
}
