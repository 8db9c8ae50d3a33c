package org.parkwatch.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactorHistoryTest {

    private final FactorHistory history = TestFactors.history();

    @Test
    void shouldStartADataYearAtLocalMidnightInShanghai() {
        // 2023-01-01T00:00+08:00 is 2022-12-31T16:00Z
        assertThat(FactorKeys.validFromOfDataYear(2023)).isEqualTo(Instant.parse("2022-12-31T16:00:00Z"));
    }

    @Test
    void shouldUseTheOldVersionUpToTheLastMillisecondOfTheYearLocalTime() {
        Instant lastMsOf2022 = LocalDateTime.parse("2022-12-31T23:59:59.999").atZone(FactorKeys.FACTOR_ZONE)
                .toInstant();
        Instant firstMsOf2023 = LocalDateTime.parse("2023-01-01T00:00:00.000").atZone(FactorKeys.FACTOR_ZONE)
                .toInstant();

        assertThat(history.at("grid.location.EAST", lastMsOf2022)).contains(TestFactors.GRID_EAST_2022);
        assertThat(history.at("grid.location.EAST", firstMsOf2023)).contains(TestFactors.GRID_EAST_2023);
        assertThat(history.at("grid.location.EAST", firstMsOf2023.plusSeconds(86_400 * 400)))
                .contains(TestFactors.GRID_EAST_2023);
    }

    @Test
    void shouldFindNothingBeforeTheFirstVersionOrForAnUnknownKey() {
        assertThat(history.at("grid.location.EAST", TestFactors.Y2022.minusMillis(1))).isEmpty();
        assertThat(history.at("grid.location.MARS", TestFactors.Y2023)).isEmpty();
    }

    @Test
    void shouldThrowFactorMissingWithTheKeyWhenRequired() {
        assertThatThrownBy(() -> history.require("grid.location.NORTH", TestFactors.Y2023))
                .isInstanceOfSatisfying(FactorMissingException.class,
                        e -> assertThat(e.factorKey()).isEqualTo("grid.location.NORTH"));
    }

    @Test
    void shouldReplaceAVersionWithTheSameKeyAndValidFrom() {
        FactorVersion corrected = TestFactors.version("grid.location.EAST", TestFactors.Y2023, 0.5501, "tCO2/MWh",
                Map.of());

        FactorHistory updated = history.plus(corrected);

        assertThat(updated.versions("grid.location.EAST")).containsExactly(TestFactors.GRID_EAST_2022, corrected);
        assertThat(history.versions("grid.location.EAST"))
                .containsExactly(TestFactors.GRID_EAST_2022, TestFactors.GRID_EAST_2023);
        assertThat(updated.size()).isEqualTo(history.size());
    }

    @Test
    void shouldListKeysSorted() {
        FactorHistory small = FactorHistory.of(List.of(TestFactors.HEAT, TestFactors.GRID_EAST_2022));

        assertThat(small.keys()).containsExactly("grid.location.EAST", "heat");
        assertThat(FactorHistory.empty().keys()).isEmpty();
    }

    @Test
    void shouldThrowFactorMissingForAMissingParameter() {
        assertThatThrownBy(() -> TestFactors.HEAT.requireParameter("oxidationRate"))
                .isInstanceOf(FactorMissingException.class)
                .hasMessageContaining("oxidationRate");
        assertThat(TestFactors.RAW_COAL.parameter("oxidationRate")).hasValue(0.94);
    }
}
