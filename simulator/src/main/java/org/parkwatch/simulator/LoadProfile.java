package org.parkwatch.simulator;

import java.time.DayOfWeek;

/**
 * How an enterprise's activity varies over the hours of the day and the days of the week, scaled so that its mean
 * over a week is 1. The shapes are assumptions for simulation: continuous process plants run around the clock,
 * two-shift plants slow down at night, day-shift workshops mostly stop at night and at the weekend.
 */
enum LoadProfile {
    CONTINUOUS,
    TWO_SHIFT,
    DAY_SHIFT;

    private final double[][] normalised = new double[7][24];

    static {
        for (LoadProfile profile : values()) {
            profile.normalise();
        }
    }

    /** The factor for the hour starting at {@code hour} (0-23) on {@code day}. */
    double factor(DayOfWeek day, int hour) {
        return normalised[day.getValue() - 1][hour];
    }

    private void normalise() {
        double sum = 0;
        for (int d = 0; d < 7; d++) {
            for (int h = 0; h < 24; h++) {
                sum += raw(DayOfWeek.of(d + 1), h);
            }
        }
        double mean = sum / (7 * 24);
        for (int d = 0; d < 7; d++) {
            for (int h = 0; h < 24; h++) {
                normalised[d][h] = raw(DayOfWeek.of(d + 1), h) / mean;
            }
        }
    }

    private double raw(DayOfWeek day, int hour) {
        boolean saturday = day == DayOfWeek.SATURDAY;
        boolean sunday = day == DayOfWeek.SUNDAY;
        return switch (this) {
            // A mild afternoon peak from cooling loads.
            case CONTINUOUS -> 1 + 0.04 * Math.sin(2 * Math.PI * (hour - 9) / 24.0);
            case TWO_SHIFT -> (hour >= 6 && hour < 22 ? 1.15 : 0.6) * (saturday || sunday ? 0.85 : 1.0);
            case DAY_SHIFT -> {
                double shift = hour >= 8 && hour < 18 ? 1.4 : (hour >= 6 && hour < 20 ? 0.9 : 0.45);
                yield shift * (saturday ? 0.7 : sunday ? 0.5 : 1.0);
            }
        };
    }
}
