package org.parkwatch.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How events are generated.
 *
 * @param seed                   the same seed gives the same events
 * @param meterInterval          metering interval of energy meters; must divide an hour (HJ 212-2017 allows
 *                               minute intervals of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30 min, domain.md 1.1) or be
 *                               whole hours dividing a day (daily records, as plants keep them for fuel and meters)
 * @param sampleInterval         interval of fuel and wastewater events; divides an hour or is whole hours dividing
 *                               a day
 * @param analyserGapProbability chance that one analyser (COD or NH3-N) of a wastewater sample has no valid value
 *                               (flag D, M or B, concentration absent)
 * @param badEventRate           chance that a valid meter, fuel or wastewater event is followed by a deliberately
 *                               bad one (negative quantity, unknown unit or a duplicate resend); 0 for none
 * @param excursions             how often alert-worthy excursions happen
 */
public record GeneratorSettings(long seed, Duration meterInterval, Duration sampleInterval,
                                double analyserGapProbability, double badEventRate, ExcursionSettings excursions) {

    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    public GeneratorSettings {
        Objects.requireNonNull(excursions, "excursions");
        requireRegularInterval("meterInterval", meterInterval);
        requireRegularInterval("sampleInterval", sampleInterval);
        ExcursionSettings.requireProbability("analyserGapProbability", analyserGapProbability);
        ExcursionSettings.requireProbability("badEventRate", badEventRate);
    }

    /**
     * 15-minute meters, hourly fuel and wastewater, 2 % analyser gaps (an assumption for simulation), no bad
     * events and the default excursions.
     */
    public static GeneratorSettings defaults(long seed) {
        return new GeneratorSettings(seed, Duration.ofMinutes(15), Duration.ofHours(1), 0.02, 0.0,
                ExcursionSettings.defaults());
    }

    public GeneratorSettings withMeterInterval(Duration interval) {
        return new GeneratorSettings(seed, interval, sampleInterval, analyserGapProbability, badEventRate, excursions);
    }

    public GeneratorSettings withSampleInterval(Duration interval) {
        return new GeneratorSettings(seed, meterInterval, interval, analyserGapProbability, badEventRate, excursions);
    }

    public GeneratorSettings withAnalyserGapProbability(double p) {
        return new GeneratorSettings(seed, meterInterval, sampleInterval, p, badEventRate, excursions);
    }

    public GeneratorSettings withBadEventRate(double rate) {
        return new GeneratorSettings(seed, meterInterval, sampleInterval, analyserGapProbability, rate, excursions);
    }

    public GeneratorSettings withExcursions(ExcursionSettings settings) {
        return new GeneratorSettings(seed, meterInterval, sampleInterval, analyserGapProbability, badEventRate,
                settings);
    }

    private static void requireRegularInterval(String name, Duration interval) {
        Objects.requireNonNull(interval, name);
        long millis = interval.toMillis();
        boolean dividesHour = millis > 0 && millis % 60_000 == 0 && HOUR_MILLIS % millis == 0;
        boolean hoursDividingDay = millis > HOUR_MILLIS && millis % HOUR_MILLIS == 0 && DAY_MILLIS % millis == 0;
        if (!dividesHour && !hoursDividingDay) {
            throw new IllegalArgumentException(name + " must be a whole number of minutes dividing an hour, or of"
                    + " hours dividing a day: " + interval);
        }
    }
}
