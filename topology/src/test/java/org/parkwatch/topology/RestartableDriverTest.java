package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The restart the property test relies on keeps every store exactly as last committed, under exactly-once, with
 * a store that has never been written among them.
 */
class RestartableDriverTest {

    @Test
    void shouldKeepEveryStoreAsCommittedAcrossARestart() {
        DayOfActivity day = new DayOfActivity(1);
        try (RestartableDriver driver = new RestartableDriver(day)) {
            day.events.subList(0, 60).forEach(driver::deliver);
            driver.publish();
            day.events.subList(60, 70).forEach(driver::deliver);
            Map<String, List<String>> before = driver.taskStoreContents();

            driver.restart();

            assertThat(before.get(StoreNames.ENTERPRISE_WINDOWS)).isNotEmpty();
            assertThat(before.get(StoreNames.LEDGER_ENTRIES)).isNotEmpty();
            Map<String, List<String>> after = driver.taskStoreContents();
            assertThat(after.keySet()).isEqualTo(before.keySet());
            before.forEach((store, entries) -> assertThat(after.get(store)).as(store).hasSameSizeAs(entries));
            before.forEach((store, entries) -> assertThat(after.get(store)).as(store).isEqualTo(entries));
        }
    }
}
