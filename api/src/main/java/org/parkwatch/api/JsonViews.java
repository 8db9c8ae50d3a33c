package org.parkwatch.api;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.json.JavalinJackson;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.FactorRef;
import org.parkwatch.avro.IntensitySnapshot;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.topology.TotalsViews;
import org.parkwatch.avro.Totals;

/**
 * JSON shapes of the API. Avro records are not serialised directly (their schema would leak into the output);
 * amounts are given in the units people read (t CO2, kg SO2/COD/NH3-N, tce) and also as exact milligrams.
 */
final class JsonViews {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Figures relayed from a peer keep their exact decimal form.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JsonViews() {
    }

    static ObjectMapper objectMapper() {
        return MAPPER;
    }

    static JavalinJackson mapper() {
        return new JavalinJackson(MAPPER, false);
    }

    static Map<String, Object> enterprise(Enterprise e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enterpriseId", e.getEnterpriseId());
        m.put("parkId", e.getParkId());
        m.put("name", e.getName());
        m.put("sector", e.getSector());
        m.put("gridRegion", e.getGridRegion().name());
        m.put("active", e.getActive());
        return m;
    }

    static Map<String, Object> totals(EmissionTotals t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window", t.getWindow().name());
        m.put("windowStart", t.getWindowStart());
        m.put("windowEnd", t.getWindowEnd());
        m.put("closed", t.getClosed());
        m.putAll(amounts(t.getTotals()));
        return m;
    }

    static Map<String, Object> amounts(Totals a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("co2Scope1T", tonnes(a.getCo2Scope1Mg()));
        m.put("co2Scope2LocationT", tonnes(a.getCo2Scope2LocationMg()));
        m.put("co2Scope2MarketT", tonnes(a.getCo2Scope2MarketMg()));
        m.put("so2Kg", kilograms(a.getSo2Mg()));
        m.put("codKg", kilograms(a.getCodMg()));
        m.put("nh3nKg", kilograms(a.getNh3nMg()));
        m.put("energyTce", tonnes(a.getEnergyMgce()));
        m.put("noxKg", kilograms(a.getNoxMg()));
        m.put("particulateKg", kilograms(a.getParticulateMg()));
        m.put("entryCount", a.getEntryCount());
        m.put("estimatedEntryCount", a.getEstimatedEntryCount());
        Map<String, Object> exact = new LinkedHashMap<>();
        exact.put("co2Scope1", a.getCo2Scope1Mg());
        exact.put("co2Scope2Location", a.getCo2Scope2LocationMg());
        exact.put("co2Scope2Market", a.getCo2Scope2MarketMg());
        exact.put("so2", a.getSo2Mg());
        exact.put("cod", a.getCodMg());
        exact.put("nh3n", a.getNh3nMg());
        exact.put("energyMgce", a.getEnergyMgce());
        exact.put("nox", a.getNoxMg());
        exact.put("particulate", a.getParticulateMg());
        m.put("exactMg", exact);
        return m;
    }

    static Map<String, Object> alert(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alertId", a.getAlertId());
        m.put("ruleId", a.getRuleId());
        m.put("ruleVersion", a.getRuleVersion());
        m.put("subjectType", a.getSubjectType().name());
        m.put("subjectId", a.getSubjectId());
        m.put("parkId", a.getParkId());
        m.put("enterpriseId", EnterpriseAlerts.enterpriseOf(a));
        m.put("metric", a.getMetric());
        m.put("window", a.getWindow().name());
        m.put("windowStart", a.getWindowStart());
        m.put("windowEnd", a.getWindowEnd());
        m.put("severity", a.getSeverity().name());
        m.put("state", a.getState().name());
        m.put("value", a.getValue());
        m.put("warningLevel", a.getWarningLevel());
        m.put("limit", a.getLimit());
        m.put("clearLevel", a.getClearLevel());
        m.put("unit", a.getUnit());
        m.put("openedAt", a.getOpenedAt());
        m.put("transitionAt", a.getTransitionAt());
        m.put("totals", a.getTotals() == null ? null : amounts(a.getTotals()));
        m.put("addedValue", a.getAddedValue());
        m.put("factors", factorRefs(a.getFactors()));
        m.put("ledgerEntryIds", a.getLedgerEntryIds());
        m.put("message", a.getMessage());
        return m;
    }

    static Map<String, Object> entry(EmissionEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entryId", e.getEntryId());
        m.put("eventId", e.getEventId());
        m.put("inputTopic", e.getInputTopic());
        m.put("enterpriseId", e.getEnterpriseId());
        m.put("parkId", e.getParkId());
        m.put("sourceId", e.getSourceId());
        m.put("pollutant", e.getPollutant().name());
        m.put("scope", e.getScope().name());
        m.put("amountMg", e.getAmountMg());
        m.put("amount", e.getAmount());
        m.put("displayUnit", e.getDisplayUnit());
        m.put("activityQuantity", e.getActivityQuantity());
        m.put("activityUnit", e.getActivityUnit());
        m.put("intervalStart", e.getIntervalStart());
        m.put("intervalEnd", e.getIntervalEnd());
        m.put("formula", e.getFormula());
        m.put("inputs", e.getInputs());
        m.put("factors", factorRefs(e.getFactors()));
        m.put("estimated", e.getEstimated());
        m.put("estimationReason", e.getEstimationReason());
        return m;
    }

    static Map<String, Object> factor(EmissionFactor f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("factorKey", f.getFactorKey());
        m.put("validFrom", f.getValidFrom());
        m.put("value", f.getValue());
        m.put("unit", f.getUnit());
        m.put("parameters", f.getParameters());
        m.put("source", f.getSource());
        m.put("publishedAt", f.getPublishedAt());
        return m;
    }

    /** An intensity of a window: per 10^4 RMB of industrial added value, keyed by the metric names rules use. */
    static Map<String, Object> intensity(IntensitySnapshot i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("window", i.getWindow().name());
        m.put("windowStart", i.getWindowStart());
        m.put("windowEnd", i.getWindowEnd());
        m.put("status", i.getStatus().name());
        m.put("addedValue10kRmb", i.getAddedValue());
        m.put("coveredHours", i.getCoveredMillis() / 3_600_000.0);
        m.put("values", TotalsViews.intensityValues(i));
        m.put("iavReportIds", i.getIavReportIds());
        return m;
    }

    /** A threshold rule seen as a target: the level a metric should stay under. */
    static Map<String, Object> target(ThresholdRule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ruleId", r.getRuleId());
        m.put("metric", r.getMetric());
        m.put("window", r.getWindow().name());
        m.put("scopeId", r.getScopeId());
        m.put("warningLevel", r.getWarningLevel());
        m.put("limit", r.getLimit());
        m.put("unit", r.getUnit());
        m.put("source", r.getSource());
        return m;
    }

    private static List<Map<String, Object>> factorRefs(List<FactorRef> refs) {
        return refs.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("factorKey", r.getFactorKey());
            m.put("validFrom", r.getValidFrom());
            m.put("value", r.getValue());
            m.put("unit", r.getUnit());
            m.put("parameters", r.getParameters());
            m.put("source", r.getSource());
            return m;
        }).toList();
    }

    private static BigDecimal tonnes(long mg) {
        return BigDecimal.valueOf(mg, 9);
    }

    private static BigDecimal kilograms(long mg) {
        return BigDecimal.valueOf(mg, 6);
    }
}
