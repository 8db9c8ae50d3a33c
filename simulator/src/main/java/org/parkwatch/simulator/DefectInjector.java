package org.parkwatch.simulator;

import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.WastewaterSample;

/** Adds, at the configured rate, a deliberately bad event after a valid one (see {@link EventDefect}). */
final class DefectInjector {

    static final String UNKNOWN_METER_UNIT = "MMBtu";
    static final String UNKNOWN_FUEL_UNIT = "lb";

    private final long seed;
    private final double rate;

    DefectInjector(long seed, double rate) {
        this.seed = seed;
        this.rate = rate;
    }

    /** The bad event to follow {@code valid}, or null; {@code sourceKey} tells the sources of an enterprise apart. */
    SimulatedEvent after(SimulatedEvent valid, int enterprise, long sourceKey) {
        if (rate <= 0) {
            return null;
        }
        SplittableRandom random = Seeds.random(seed, Seeds.DEFECT, enterprise, sourceKey,
                valid.eventTime().toEpochMilli());
        if (random.nextDouble() >= rate) {
            return null;
        }
        EventDefect defect = switch (valid.kind()) {
            case METER_READING, FUEL_CONSUMPTION -> EventDefect.values()[1 + random.nextInt(3)];
            default -> random.nextBoolean() ? EventDefect.NEGATIVE_QUANTITY : EventDefect.DUPLICATE_RESEND;
        };
        SpecificRecord value = valid.value();
        SpecificRecord bad;
        if (value instanceof MeterReading reading) {
            bad = meter(reading, defect);
        } else if (value instanceof FuelConsumption fuel) {
            bad = fuel(fuel, defect);
        } else if (value instanceof WastewaterSample sample) {
            bad = wastewater(sample, defect);
        } else {
            return null;
        }
        return new SimulatedEvent(valid.kind(), valid.key(), valid.eventTime(), bad, defect);
    }

    private static MeterReading meter(MeterReading valid, EventDefect defect) {
        MeterReading.Builder copy = MeterReading.newBuilder(valid);
        return switch (defect) {
            case NEGATIVE_QUANTITY -> copy.setQuantity(-valid.getQuantity())
                    .setEventId(valid.getEventId() + "-bad-negative").build();
            case UNKNOWN_UNIT -> copy.setUnit(UNKNOWN_METER_UNIT).setEventId(valid.getEventId() + "-bad-unit").build();
            default -> copy.build();
        };
    }

    private static FuelConsumption fuel(FuelConsumption valid, EventDefect defect) {
        FuelConsumption.Builder copy = FuelConsumption.newBuilder(valid);
        return switch (defect) {
            case NEGATIVE_QUANTITY -> copy.setQuantity(-valid.getQuantity())
                    .setEventId(valid.getEventId() + "-bad-negative").build();
            case UNKNOWN_UNIT -> copy.setUnit(UNKNOWN_FUEL_UNIT).setEventId(valid.getEventId() + "-bad-unit").build();
            default -> copy.build();
        };
    }

    private static WastewaterSample wastewater(WastewaterSample valid, EventDefect defect) {
        WastewaterSample.Builder copy = WastewaterSample.newBuilder(valid);
        return defect == EventDefect.NEGATIVE_QUANTITY
                ? copy.setVolumeM3(-valid.getVolumeM3()).setEventId(valid.getEventId() + "-bad-negative").build()
                : copy.build();
    }
}
