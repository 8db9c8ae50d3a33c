package org.parkwatch.api;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.json.JavalinJackson;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.Totals;

/**
 * JSON shapes of the API. Avro records are not serialised directly (their schema would leak into the output);
 * amounts are given in the units people read (t CO2, kg SO2/COD/NH3-N, tce) and also as exact milligrams.
 */
final class JsonViews {

    private JsonViews() {
    }

    static JavalinJackson mapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return new JavalinJackson(mapper, false);
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
        Totals a = t.getTotals();
        m.put("co2Scope1T", tonnes(a.getCo2Scope1Mg()));
        m.put("co2Scope2LocationT", tonnes(a.getCo2Scope2LocationMg()));
        m.put("co2Scope2MarketT", tonnes(a.getCo2Scope2MarketMg()));
        m.put("so2Kg", kilograms(a.getSo2Mg()));
        m.put("codKg", kilograms(a.getCodMg()));
        m.put("nh3nKg", kilograms(a.getNh3nMg()));
        m.put("energyTce", tonnes(a.getEnergyMgce()));
        m.put("entryCount", a.getEntryCount());
        m.put("estimatedEntryCount", a.getEstimatedEntryCount());
        m.put("exactMg", Map.of("co2Scope1", a.getCo2Scope1Mg(), "co2Scope2Location", a.getCo2Scope2LocationMg(),
                "co2Scope2Market", a.getCo2Scope2MarketMg(), "so2", a.getSo2Mg(), "cod", a.getCodMg(),
                "nh3n", a.getNh3nMg(), "energyMgce", a.getEnergyMgce()));
        return m;
    }

    private static BigDecimal tonnes(long mg) {
        return BigDecimal.valueOf(mg, 9);
    }

    private static BigDecimal kilograms(long mg) {
        return BigDecimal.valueOf(mg, 6);
    }
}
