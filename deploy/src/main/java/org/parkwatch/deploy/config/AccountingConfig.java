package org.parkwatch.deploy.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.parkwatch.avro.FuelType;
import org.parkwatch.ingest.PlausibilityBounds;
import org.parkwatch.topology.AccountingSettings;

/**
 * Keys of how activity is accounted: the window calendar, lateness, resend detection, publishing pace and the
 * plausibility bounds of inputs. Defaults are those of {@link AccountingSettings#defaults()}, so they are stated
 * (with their reasons) in one place only.
 */
public final class AccountingConfig {

    public static final String CALENDAR_ZONE = "parkwatch.calendar.zone";
    public static final String GRACE_MS = "parkwatch.grace.ms";
    public static final String DEDUP_WINDOW_MS = "parkwatch.dedup.window.ms";
    public static final String PUBLISH_INTERVAL_MS = "parkwatch.totals.publish.interval.ms";
    public static final String INPUT_IDLE_TIMEOUT_MS = "parkwatch.watermark.input.idle.ms";
    public static final String LEDGER_STORE_RETENTION_MS = "parkwatch.ledger.store.retention.ms";
    public static final String BACKFILL_HORIZON_MS = "parkwatch.backfill.horizon.ms";
    public static final String ELECTRICITY_KWH_PER_HOUR = "parkwatch.plausibility.electricity.kwh.per.hour";
    public static final String HEAT_GJ_PER_HOUR = "parkwatch.plausibility.heat.gj.per.hour";
    public static final String STEAM_TONNES_PER_HOUR = "parkwatch.plausibility.steam.tonnes.per.hour";
    public static final String FUEL_PER_HOUR = "parkwatch.plausibility.fuel.per.hour";
    public static final String WASTEWATER_M3_PER_HOUR = "parkwatch.plausibility.wastewater.m3.per.hour";
    public static final String CONCENTRATION_MG_PER_L = "parkwatch.plausibility.concentration.mg.per.l";
    public static final String MAX_INTERVAL_MS = "parkwatch.plausibility.max.interval.ms";
    public static final String FUTURE_TOLERANCE_MS = "parkwatch.plausibility.future.tolerance.ms";

    private AccountingConfig() {
    }

    public static ConfigDef definition() {
        AccountingSettings d = AccountingSettings.defaults();
        PlausibilityBounds b = d.bounds();
        return new ConfigDef()
                .define(CALENDAR_ZONE, Type.STRING, d.zone().getId(), Validators.zoneId(), Importance.HIGH,
                        "Time zone of the accounting calendar (days, months, years of the totals); Chinese "
                                + "statistics use Asia/Shanghai.")
                .define(GRACE_MS, Type.LONG, d.grace().toMillis(), Range.atLeast(0), Importance.HIGH,
                        "How long after a window ends activity for it is still accepted into the open window; "
                                + "the window then closes and is published as final.")
                .define(BACKFILL_HORIZON_MS, Type.LONG, d.backfillHorizon().toMillis(), Range.atLeast(0),
                        Importance.HIGH, "How far behind its input's event-time watermark activity is still "
                                + "accounted: older than the grace period but within this horizon, it revises the "
                                + "closed windows it falls in (published again as closed, with a revision number); "
                                + "older, it is a LATE_EVENT dead letter. Default 40 days: a whole month and the "
                                + "first 9 days of the next, for resent device data and monthly reports. At least "
                                + "the grace period, at most parkwatch.ledger.store.retention.ms.")
                .define(DEDUP_WINDOW_MS, Type.LONG, d.dedupWindow().toMillis(), Range.atLeast(1), Importance.MEDIUM,
                        "How long at least an eventId is remembered to drop resends; at least the grace period. "
                                + "Resends are recognised by the ledger index, so for as long as it keeps their "
                                + "event: parkwatch.ledger.store.retention.ms, which may not be shorter.")
                .define(PUBLISH_INTERVAL_MS, Type.LONG, d.publishInterval().toMillis(), Range.atLeast(1),
                        Importance.MEDIUM, "How often changed totals are published (wall clock).")
                .define(INPUT_IDLE_TIMEOUT_MS, Type.LONG, d.inputIdleTimeout().toMillis(), Range.atLeast(1),
                        Importance.LOW, "An input topic whose event time has not advanced for this long (wall clock) "
                                + "no longer holds windows open; while it sends, windows close only once every input "
                                + "topic has passed their end plus the grace period.")
                .define(LEDGER_STORE_RETENTION_MS, Type.LONG, d.ledgerStoreRetention().toMillis(), Range.atLeast(1),
                        Importance.LOW, "How long ledger entries stay queryable by enterprise and time through the "
                                + "API (a local state store), and how long a resend of their event is recognised "
                                + "and dropped; at least the dedup window. The ledger topic keeps them forever.")
                .define(ELECTRICITY_KWH_PER_HOUR, Type.DOUBLE, b.electricityKwhPerHour(), Validators.positive(),
                        Importance.LOW, "Largest plausible electricity use of one enterprise, kWh per hour.")
                .define(HEAT_GJ_PER_HOUR, Type.DOUBLE, b.heatGjPerHour(), Validators.positive(), Importance.LOW,
                        "Largest plausible purchased heat, GJ per hour.")
                .define(STEAM_TONNES_PER_HOUR, Type.DOUBLE, b.steamTonnesPerHour(), Validators.positive(),
                        Importance.LOW, "Largest plausible purchased steam, tonnes per hour.")
                .define(FUEL_PER_HOUR, Type.LIST, fuelList(b.fuelPerHour()), fuelListValidator(), Importance.LOW,
                        "Largest plausible use per fuel, FUEL:amount entries in the fuel's canonical unit per hour "
                                + "(t for solid and liquid fuels, Nm3 for gases); a fuel not listed has no bound.")
                .define(WASTEWATER_M3_PER_HOUR, Type.DOUBLE, b.wastewaterM3PerHour(), Validators.positive(),
                        Importance.LOW, "Largest plausible wastewater flow, m3 per hour.")
                .define(CONCENTRATION_MG_PER_L, Type.DOUBLE, b.concentrationMgPerL(), Validators.positive(),
                        Importance.LOW, "Largest plausible pollutant concentration, mg/L.")
                .define(MAX_INTERVAL_MS, Type.LONG, b.maxInterval().toMillis(), Range.atLeast(1), Importance.LOW,
                        "Longest interval one reading may cover.")
                .define(FUTURE_TOLERANCE_MS, Type.LONG, b.futureTolerance().toMillis(), Range.atLeast(0),
                        Importance.LOW, "How far ahead of the clock an event time may be (data-logger clock drift).");
    }

    /**
     * The accounting settings these values give.
     *
     * @throws ConfigException naming the key when a value is invalid, also when the values disagree with each other
     */
    @SuppressWarnings("unchecked")
    public static AccountingSettings from(Map<String, ?> values) {
        Map<String, Object> p = definition().parse(values);
        Duration grace = Duration.ofMillis((Long) p.get(GRACE_MS));
        Duration dedup = Duration.ofMillis((Long) p.get(DEDUP_WINDOW_MS));
        if (dedup.compareTo(grace) < 0) {
            throw new ConfigException(DEDUP_WINDOW_MS, dedup.toMillis(), "must be at least " + GRACE_MS + " ("
                    + grace.toMillis() + "), or a resend arriving within the grace period would be counted twice");
        }
        long ledgerRetention = (Long) p.get(LEDGER_STORE_RETENTION_MS);
        if (ledgerRetention < dedup.toMillis()) {
            throw new ConfigException(LEDGER_STORE_RETENTION_MS, ledgerRetention, "must be at least " + DEDUP_WINDOW_MS
                    + " (" + dedup.toMillis() + "): resends are recognised by the ledger index");
        }
        long horizon = (Long) p.get(BACKFILL_HORIZON_MS);
        if (horizon < grace.toMillis()) {
            throw new ConfigException(BACKFILL_HORIZON_MS, horizon, "must be at least " + GRACE_MS + " ("
                    + grace.toMillis() + ")");
        }
        if (ledgerRetention < horizon) {
            throw new ConfigException(LEDGER_STORE_RETENTION_MS, ledgerRetention, "must be at least "
                    + BACKFILL_HORIZON_MS + " (" + horizon + "): resends of backfilled activity are recognised by "
                    + "the ledger index");
        }
        PlausibilityBounds bounds = new PlausibilityBounds((Double) p.get(ELECTRICITY_KWH_PER_HOUR),
                (Double) p.get(HEAT_GJ_PER_HOUR), (Double) p.get(STEAM_TONNES_PER_HOUR),
                parseFuels((List<String>) p.get(FUEL_PER_HOUR)), (Double) p.get(WASTEWATER_M3_PER_HOUR),
                (Double) p.get(CONCENTRATION_MG_PER_L), Duration.ofMillis((Long) p.get(MAX_INTERVAL_MS)),
                Duration.ofMillis((Long) p.get(FUTURE_TOLERANCE_MS)));
        return new AccountingSettings(ZoneId.of((String) p.get(CALENDAR_ZONE)), grace, dedup,
                Duration.ofMillis((Long) p.get(PUBLISH_INTERVAL_MS)),
                Duration.ofMillis((Long) p.get(INPUT_IDLE_TIMEOUT_MS)), bounds,
                Duration.ofMillis((Long) p.get(LEDGER_STORE_RETENTION_MS)), Duration.ofMillis(horizon));
    }

    private static List<String> fuelList(Map<FuelType, Double> perHour) {
        List<String> entries = new ArrayList<>();
        for (FuelType fuel : FuelType.values()) {
            Double bound = perHour.get(fuel);
            if (bound != null) {
                entries.add(fuel.name() + ":" + bound);
            }
        }
        return entries;
    }

    private static ConfigDef.Validator fuelListValidator() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            try {
                @SuppressWarnings("unchecked")
                List<String> entries = (List<String>) value;
                parseFuels(entries);
            } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }, () -> "FUEL:amount entries, FUEL one of " + List.of(FuelType.values()));
    }

    private static Map<FuelType, Double> parseFuels(List<String> entries) {
        Map<FuelType, Double> perHour = new EnumMap<>(FuelType.class);
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("entry '" + entry + "' is not FUEL:amount");
            }
            FuelType fuel;
            try {
                fuel = FuelType.valueOf(entry.substring(0, colon).strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown fuel in '" + entry + "'", e);
            }
            double amount;
            try {
                amount = Double.parseDouble(entry.substring(colon + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("amount of '" + entry + "' is not a number", e);
            }
            if (!(amount > 0) || Double.isInfinite(amount)) {
                throw new IllegalArgumentException("amount of '" + entry + "' must be a finite number above zero");
            }
            if (perHour.put(fuel, amount) != null) {
                throw new IllegalArgumentException("fuel " + fuel + " is listed twice");
            }
        }
        return perHour;
    }
}
