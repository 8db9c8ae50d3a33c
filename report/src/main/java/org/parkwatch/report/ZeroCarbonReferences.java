package org.parkwatch.report;

import java.util.List;

/**
 * The zero-carbon park reference values a park report is read against: the one place in the code that holds them.
 * Every value cites its source and carries the confidence tag ParkWatch's domain reference gives it
 * (shared/reference/domain.md §6.3 and §6.4): [P] primary, [S] secondary, [U] unconfirmed; "single source" says
 * that only one secondary source reports it, and it stays so marked in every report until the notice's own text is
 * read. No value here is tagged [U]. These are reference values to read a park against, not the targets in force:
 * those are the threshold rules (agencies publish their own; default-rules.json holds ParkWatch's defaults).
 */
public final class ZeroCarbonReferences {

    /** 发改环资〔2025〕910号 as domain.md §6.3 cites it. */
    private static final String NATIONAL_NOTICE = "NDRC, MIIT and NEA, Notice on building zero-carbon parks "
            + "(关于开展零碳园区建设的通知, 发改环资〔2025〕910号, July 2025)";
    private static final String NATIONAL_SOURCE = "thresholds as reported by https://www.shangjiandao.com/author/238;"
            + " the 1 + 5 indicator system as reported by https://www.chinacsr.com/cn/2026/01/14/62015 and"
            + " http://www.cpem.org.cn/list2/110764.html (domain.md §6.3)";
    private static final String JIANGSU_GUIDE = "Jiangsu, Guideline for building (near-)zero-carbon industrial parks"
            + " (江苏省（近）零碳产业园区建设指南（暂行）, 2024), performance reference values";
    private static final String JIANGSU_SOURCE = "http://tanpaifang.com/tanguwen/2024/0716/107386.html; category"
            + " names as cited in http://www.cheyanzixun.com/page10?article_id=61039 (domain.md §6.4)";

    /** The national core indicator for parks using 200 000 to 1 000 000 tce a year. */
    public static final ReferenceValue NATIONAL_CO2_PER_TCE_MID = new ReferenceValue("national-2025.co2-per-tce",
            NATIONAL_NOTICE, "Core indicator: CO2 per unit of energy consumed (单位能耗碳排放), a veto indicator",
            IntensityMetric.CO2_PER_TCE.unit(), 0.20, "parks using 200 000 to 1 000 000 tce a year",
            NATIONAL_SOURCE, "S", true);
    /** The national core indicator for parks using 1 000 000 tce a year or more. */
    public static final ReferenceValue NATIONAL_CO2_PER_TCE_LARGE = new ReferenceValue(
            "national-2025.co2-per-tce.large", NATIONAL_NOTICE,
            "Core indicator: CO2 per unit of energy consumed (单位能耗碳排放), a veto indicator",
            IntensityMetric.CO2_PER_TCE.unit(), 0.30, "parks using 1 000 000 tce a year or more", NATIONAL_SOURCE,
            "S", true);
    /** The national guiding indicator: clean energy's share of energy consumption, at least. */
    public static final ReferenceValue NATIONAL_CLEAN_ENERGY_SHARE = new ReferenceValue(
            "national-2025.clean-energy-share", NATIONAL_NOTICE,
            "Guiding indicator: clean-energy share of energy consumption (清洁能源消费占比), at least", "%", 90,
            "", NATIONAL_SOURCE, "S", true);
    public static final ReferenceValue JIANGSU_ENERGY_PER_IAV = new ReferenceValue("jiangsu-2024.energy-per-iav",
            JIANGSU_GUIDE, "Energy consumption per IAV (当量值), at most", IntensityMetric.ENERGY.unit(), 0.35, "",
            JIANGSU_SOURCE, "S", false);
    public static final ReferenceValue JIANGSU_CO2_PER_IAV = new ReferenceValue("jiangsu-2024.co2-per-iav",
            JIANGSU_GUIDE, "CO2 per IAV, at most", IntensityMetric.CO2_LOCATION.unit(), 0.6,
            "ParkWatch compares scope 1 + scope 2 location-based CO2", JIANGSU_SOURCE, "S", false);
    public static final ReferenceValue JIANGSU_NON_FOSSIL_SHARE = new ReferenceValue("jiangsu-2024.non-fossil-share",
            JIANGSU_GUIDE, "Non-fossil share of energy consumption, at least", "%", 20, "", JIANGSU_SOURCE, "S",
            false);
    public static final ReferenceValue JIANGSU_RENEWABLE_ELECTRICITY_SHARE = new ReferenceValue(
            "jiangsu-2024.renewable-electricity-share", JIANGSU_GUIDE,
            "Renewable electricity share (green certificates included), at least", "%", 30, "", JIANGSU_SOURCE, "S",
            false);

    /** Every reference value, in the order a report lists them. */
    public static final List<ReferenceValue> ALL = List.of(NATIONAL_CO2_PER_TCE_MID, NATIONAL_CO2_PER_TCE_LARGE,
            NATIONAL_CLEAN_ENERGY_SHARE, JIANGSU_ENERGY_PER_IAV, JIANGSU_CO2_PER_IAV, JIANGSU_NON_FOSSIL_SHARE,
            JIANGSU_RENEWABLE_ELECTRICITY_SHARE);

    private ZeroCarbonReferences() {
    }

    /**
     * One reference value.
     *
     * @param value        the level, in unit; an upper limit unless the indicator says "at least"
     * @param condition    to which parks it applies, or how ParkWatch reads it
     * @param confidence   the tag of domain.md: P, S, C, D or U
     * @param singleSource only one secondary source reports the value: verify against the notice before relying on it
     */
    public record ReferenceValue(String id, String programme, String indicator, String unit, double value,
                                 String condition, String source, String confidence, boolean singleSource) {

        /** "at least" indicators are lower limits (shares); the others upper limits (intensities). */
        public boolean isLowerLimit() {
            return indicator.contains("at least");
        }

        /** The confidence tag as a report prints it, e.g. {@code [S, single source]}. */
        public String tag() {
            return "[" + confidence + (singleSource ? ", single source" : "") + "]";
        }
    }
}
