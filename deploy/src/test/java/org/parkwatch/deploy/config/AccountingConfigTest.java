package org.parkwatch.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.FuelType;
import org.parkwatch.topology.AccountingSettings;

class AccountingConfigTest {

    @Test
    void shouldDefaultToTheTopologyDefaults() {
        assertThat(AccountingConfig.from(Map.of())).isEqualTo(AccountingSettings.defaults());
    }

    @Test
    void shouldReadEveryAccountingKey() {
        AccountingSettings settings = AccountingConfig.from(Map.ofEntries(
                Map.entry(AccountingConfig.CALENDAR_ZONE, "Asia/Urumqi"),
                Map.entry(AccountingConfig.GRACE_MS, "600000"),
                Map.entry(AccountingConfig.DEDUP_WINDOW_MS, "86400000"),
                Map.entry(AccountingConfig.PUBLISH_INTERVAL_MS, "1000"),
                Map.entry(AccountingConfig.ELECTRICITY_KWH_PER_HOUR, "1000"),
                Map.entry(AccountingConfig.HEAT_GJ_PER_HOUR, "20"),
                Map.entry(AccountingConfig.STEAM_TONNES_PER_HOUR, "30"),
                Map.entry(AccountingConfig.FUEL_PER_HOUR, "NATURAL_GAS:2000, raw_coal:5"),
                Map.entry(AccountingConfig.WASTEWATER_M3_PER_HOUR, "40"),
                Map.entry(AccountingConfig.CONCENTRATION_MG_PER_L, "5000"),
                Map.entry(AccountingConfig.MAX_INTERVAL_MS, "86400000"),
                Map.entry(AccountingConfig.FUTURE_TOLERANCE_MS, "60000")));

        assertThat(settings.zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
        assertThat(settings.grace()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.dedupWindow()).isEqualTo(Duration.ofDays(1));
        assertThat(settings.publishInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.bounds().electricityKwhPerHour()).isEqualTo(1000.0);
        assertThat(settings.bounds().heatGjPerHour()).isEqualTo(20.0);
        assertThat(settings.bounds().steamTonnesPerHour()).isEqualTo(30.0);
        assertThat(settings.bounds().fuelPerHour())
                .containsOnly(Map.entry(FuelType.NATURAL_GAS, 2000.0), Map.entry(FuelType.RAW_COAL, 5.0));
        assertThat(settings.bounds().maxFuelPerHour(FuelType.DIESEL)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(settings.bounds().wastewaterM3PerHour()).isEqualTo(40.0);
        assertThat(settings.bounds().concentrationMgPerL()).isEqualTo(5000.0);
        assertThat(settings.bounds().maxInterval()).isEqualTo(Duration.ofDays(1));
        assertThat(settings.bounds().futureTolerance()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void shouldRejectDedupWindowShorterThanGraceNamingTheKey() {
        assertThatThrownBy(() -> AccountingConfig.from(Map.of(
                AccountingConfig.GRACE_MS, "7200000", AccountingConfig.DEDUP_WINDOW_MS, "3600000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AccountingConfig.DEDUP_WINDOW_MS);
    }

    @Test
    void shouldRejectALedgerIndexKeptShorterThanTheDedupWindowSinceItRecognisesTheResends() {
        assertThatThrownBy(() -> AccountingConfig.from(Map.of(
                AccountingConfig.DEDUP_WINDOW_MS, "604800000", AccountingConfig.LEDGER_STORE_RETENTION_MS, "86400000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AccountingConfig.LEDGER_STORE_RETENTION_MS);
    }

    @Test
    void shouldRejectUnknownFuelNamingTheKey() {
        assertThatThrownBy(() -> AccountingConfig.from(Map.of(AccountingConfig.FUEL_PER_HOUR, "COAL:10")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AccountingConfig.FUEL_PER_HOUR)
                .hasMessageContaining("COAL:10");
    }

    @Test
    void shouldRejectFuelListedTwice() {
        assertThatThrownBy(() -> AccountingConfig.from(Map.of(AccountingConfig.FUEL_PER_HOUR, "LPG:10,LPG:20")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AccountingConfig.FUEL_PER_HOUR);
    }

    @Test
    void shouldRejectZeroBoundNamingTheKey() {
        assertThatThrownBy(() -> AccountingConfig.from(Map.of(AccountingConfig.ELECTRICITY_KWH_PER_HOUR, "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AccountingConfig.ELECTRICITY_KWH_PER_HOUR);
    }

    @Test
    void shouldReadTheBackfillHorizonAndRefuseOneShorterThanTheGraceOrLongerThanTheLedgerIndex() {
        assertThat(AccountingConfig.from(Map.of(AccountingConfig.BACKFILL_HORIZON_MS, "86400000")).backfillHorizon())
                .isEqualTo(java.time.Duration.ofDays(1));
        assertThatThrownBy(() -> AccountingConfig.from(Map.of(
                AccountingConfig.GRACE_MS, "7200000", AccountingConfig.BACKFILL_HORIZON_MS, "3600000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AccountingConfig.BACKFILL_HORIZON_MS);
        // a resend of backfilled activity must still be found in the ledger index
        assertThatThrownBy(() -> AccountingConfig.from(Map.of(
                AccountingConfig.BACKFILL_HORIZON_MS, String.valueOf(java.time.Duration.ofDays(500).toMillis()))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AccountingConfig.LEDGER_STORE_RETENTION_MS);
    }
}
