package org.parkwatch.report;

/** The intensity figures of a report, named as the threshold rules name their metrics (README, Alerts). */
public enum IntensityMetric {
    CO2_LOCATION("co2.intensity.location", "CO2 (scope 1 + 2 location) per IAV", "tCO2/10^4 RMB"),
    CO2_MARKET("co2.intensity.market", "CO2 (scope 1 + 2 market) per IAV", "tCO2/10^4 RMB"),
    SO2("so2.intensity", "SO2 per IAV", "kg/10^4 RMB"),
    COD("cod.intensity", "COD per IAV", "kg/10^4 RMB"),
    NH3N("nh3n.intensity", "NH3-N per IAV", "kg/10^4 RMB"),
    ENERGY("energy.intensity", "Energy per IAV", "tce/10^4 RMB"),
    CO2_PER_TCE("co2.per.tce", "CO2 (scope 1 + 2 location) per tce", "tCO2/tce");

    private final String metric;
    private final String label;
    private final String unit;

    IntensityMetric(String metric, String label, String unit) {
        this.metric = metric;
        this.label = label;
        this.unit = unit;
    }

    public String metric() {
        return metric;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public static java.util.Optional<IntensityMetric> ofMetric(String metric) {
        for (IntensityMetric m : values()) {
            if (m.metric.equals(metric)) {
                return java.util.Optional.of(m);
            }
        }
        return java.util.Optional.empty();
    }
}
