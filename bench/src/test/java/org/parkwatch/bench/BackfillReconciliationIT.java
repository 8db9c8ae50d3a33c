package org.parkwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.simulator.EventDefect;
import org.parkwatch.simulator.EventKind;
import org.parkwatch.simulator.GeneratorSettings;
import org.parkwatch.simulator.ParkModel;
import org.parkwatch.simulator.ParkSettings;
import org.parkwatch.simulator.SimulatorTally;

/** Two weeks of a five-enterprise park through the real pipeline, reconciled with the simulator's own tally. */
class BackfillReconciliationIT {

    private static final String PREFIX = "it-backfill";
    private static final String APPLICATION_ID = PREFIX + "-pipeline";
    private static final int PARTITIONS = 2;
    // grid.location.EAST, the 2023 version still in force in 2025 (china-default-factors.json; domain.md 2.1).
    private static final double EAST_GRID_TCO2_PER_MWH = 0.55;

    @TempDir
    Path workDir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldReconcileEveryEnterpriseTotalOfATwoWeekBackfillWithTheSimulatorsTally() throws Exception {
        ParkModel park = ParkModel.generate(ParkSettings.defaults(1).withEnterpriseCount(5));
        Instant from = LocalDate.of(2025, 6, 2).atStartOfDay(park.zone()).toInstant();
        Instant to = from.plus(Duration.ofDays(14));
        GeneratorSettings settings = GeneratorSettings.defaults(1).withMeterInterval(Duration.ofHours(1))
                .withSampleInterval(Duration.ofHours(1));

        BackfillReconciliation.Result result;
        try (BenchCluster cluster = BenchCluster.start(workDir)) {
            cluster.preparePark(PREFIX, park, PARTITIONS);
            PipelineLauncher launcher = new PipelineLauncher(cluster, PREFIX, PARTITIONS, "512m", List.of(),
                    workDir.resolve("logs"), Map.of());
            try (JavaProcess pipeline = launcher.start("pipeline-it", APPLICATION_ID, workDir.resolve("state"),
                    Map.of())) {
                result = new BackfillReconciliation(cluster.bootstrapServers(), cluster.registryUrl(), PREFIX,
                        APPLICATION_ID, new PrintOut(System.out)).run(park, from, to, settings, pipeline::isAlive);
            }
        }

        assertThat(result.mismatches()).isEmpty();
        assertThat(result.enterprisesChecked()).isEqualTo(5);
        // Per enterprise 9 totals and 3 accepted-event counts, plus the park's dead letters.
        assertThat(result.quantitiesChecked()).isEqualTo(5 * 12 + 1);

        SimulatorTally tally = result.simulation().tally();
        // 14 days x 24 hourly intervals; no output report falls inside June 2-16.
        assertThat(tally.eventCount(EventKind.METER_READING) % (14 * 24)).isZero();
        assertThat(tally.eventCount(EventKind.OUTPUT_REPORT)).isZero();
        for (String id : tally.enterpriseIds()) {
            long meters = tally.eventCount(id, EventKind.METER_READING, EventDefect.NONE);
            long fuels = tally.eventCount(id, EventKind.FUEL_CONSUMPTION, EventDefect.NONE);
            long samples = tally.eventCount(id, EventKind.WASTEWATER_SAMPLE, EventDefect.NONE);
            // Ledger lines: 3 per meter reading (CO2 location, CO2 market, energy), 3 per fuel event (CO2, SO2,
            // energy), 2 per sample (COD, NH3-N).
            assertThat(published(result, id, "entryCount")).isEqualTo(3 * meters + 3 * fuels + 2 * samples);
            assertThat(published(result, id, "accepted meter_reading")).isEqualTo(meters);
            if (tally.energy(id, EnergyCarrier.HEAT) == 0 && tally.energy(id, EnergyCarrier.STEAM) == 0) {
                // Electricity only: CO2 [mg] = kWh / 1000 x tCO2/MWh x 10^9, within 1 mg of rounding per reading.
                double kwh = tally.energy(id, EnergyCarrier.ELECTRICITY)
                        + tally.energy(id, EnergyCarrier.GREEN_ELECTRICITY);
                assertThat((double) published(result, id, "co2Scope2LocationMg"))
                        .isCloseTo(kwh / 1000 * EAST_GRID_TCO2_PER_MWH * 1e9, within((double) meters + 1));
            }
        }
        assertThat(published(result, park.parkId(), "dead letters")).isZero();
    }

    private static long published(BackfillReconciliation.Result result, String subject, String quantity) {
        BigDecimal actual = result.comparisons().stream()
                .filter(c -> c.subject().equals(subject) && c.quantity().equals(quantity))
                .findFirst().orElseThrow().actual();
        return actual.longValueExact();
    }
}
