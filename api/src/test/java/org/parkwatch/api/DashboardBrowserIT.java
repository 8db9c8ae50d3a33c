package org.parkwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parkwatch.avro.AlertSeverity;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.WindowKind;

/**
 * The dashboard in a real headless Chromium, read as a person reads it: the enterprises appear, figures appear once
 * readings flow and grow as more arrive, the hourly chart fills, and an alert shows up with its enterprise turning
 * red. Leaves a screenshot in docs/dashboard.png for the README.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DashboardBrowserIT {

    private static final List<String[]> ENTERPRISES = List.of(
            new String[] {"E0001", "Jiangnan Special Steel", "steel"},
            new String[] {"E0002", "Huadong Petrochemical", "petrochemicals"},
            new String[] {"E0003", "Taihu Fine Chemicals", "chemicals"},
            new String[] {"E0004", "Suzhou Microelectronics", "electronics"},
            new String[] {"E0005", "Wuxi Textile Dyeing", "textiles"},
            new String[] {"E0006", "Changzhou Food Processing", "food"},
            new String[] {"E0007", "Nantong Heavy Equipment", "equipment"},
            new String[] {"E0008", "Yangzi Glass Works", "building-materials"});
    private static final String HOUR_CO2 =
            "(() => { const r = document.querySelector('#overview-HOUR'); return r ? r.cells[1].innerText : null; })()";

    private static final String HOUR_LABEL = "document.querySelector('#overview-HOUR th').innerText";
    private static final String DAY_LABEL = "document.querySelector('#overview-DAY th').innerText";
    private static final String TARGET_ROW = "document.querySelector('#intensity-table [data-rule-id=%s]').innerText";

    @TempDir
    Path stateDir;

    private PipelineFixture fixture;
    private HeadlessChromium browser;
    private int eventSeq;

    @BeforeEach
    void requireChromium() {
        Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.BINARY),
                "Skipped: /usr/bin/chromium is absent; run bin/test-setup to install Debian's chromium");
    }

    @AfterEach
    void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void shouldShowFiguresAppearAndChangeAsDataFlowsAndAnAlertWhenOneOpens() throws IOException {
        fixture = new PipelineFixture();
        fixture.publishEnterprises(ENTERPRISES.stream()
                .map(e -> PipelineFixture.enterprise(e[0], "park-1", GridRegion.EAST, e[1], e[2])).toList());
        fixture.publishDefaultFactors(f -> false);
        fixture.publishParkTarget("target-co2-day", "park-1", "co2.intensity.location", WindowKind.DAY, 0.54, 0.6,
                "tCO2/10^4 RMB");
        fixture.publishParkTarget("target-energy-day", "park-1", "energy.intensity", WindowKind.DAY, 0.45, 0.5,
                "tce/10^4 RMB");
        // A second target of the same metric (another standard): its row must be told apart by its rule.
        fixture.publishParkTarget("target-energy-day-strict", "park-1", "energy.intensity", WindowKind.DAY, 0.3,
                0.35, "tce/10^4 RMB");
        PipelineFixture.Instance instance = fixture.start(fixture.newApplicationId(), stateDir,
                ApiSettings.local("127.0.0.1", 0));
        await().atMost(Duration.ofSeconds(90)).until(() -> instance.streams().state() == KafkaStreams.State.RUNNING);
        browser = HeadlessChromium.start(1400, 1250);
        browser.navigate(instance.url() + "/");

        // Before any reading: the park and its enterprises are listed, without figures.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.text("document.querySelector('#park-select').value")).isEqualTo("park-1");
            assertThat(browser.text("document.querySelectorAll('#enterprises-body tr').length")).isEqualTo("8");
            assertThat(browser.text("document.querySelector('[data-enterprise-id=E0001]').innerText"))
                    .contains("NO DATA", "Jiangnan Special Steel");
            assertThat(browser.text(HOUR_CO2)).isEqualTo("–");
        });

        // History first: a round at 10:30 two days ago (Beijing). The park's latest windows are then two days old:
        // named by their own period, never "This hour", and the dashboard says it is catching up.
        ZoneId beijing = ZoneId.of("Asia/Shanghai");
        LocalDate twoDaysAgo = LocalDate.now(beijing).minusDays(2);
        Instant oldDay = twoDaysAgo.atStartOfDay(beijing).toInstant();
        sendRound(oldDay.plus(Duration.ofMinutes(10 * 60 + 30)), 0);
        String oldDate = twoDaysAgo.getDayOfMonth() + " "
                + twoDaysAgo.getMonth().getDisplayName(TextStyle.SHORT, Locale.UK);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.text(HOUR_LABEL)).isEqualTo("latest: hour 10:00, " + oldDate);
            assertThat(browser.text(DAY_LABEL)).isEqualTo("latest: day " + oldDate);
            assertThat(browser.text("document.querySelector('#catch-up').innerText"))
                    .isEqualTo("catching up: accounted through " + oldDate + ", 10:30");
            assertThat(browser.text("document.querySelector('[data-enterprise-id=E0001]').innerText"))
                    .contains("hour 10:00, " + oldDate, "day " + oldDate);
        });
        // Then that day's IAV reports, which come later (their record time is now): the day targets are judged
        // against the covered day, named by its period, instead of "no added value yet"; each row names its rule.
        for (String[] e : ENTERPRISES) {
            fixture.sendOutputReport(e[0] + "-iav-old", e[0], oldDay, oldDay.plus(1, ChronoUnit.DAYS), 100.0);
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.text(TARGET_ROW.formatted("target-co2-day")))
                    .contains("co2.intensity.location", "target-co2-day · test target", "day " + oldDate, "on target")
                    .doesNotContain("no added value yet");
            assertThat(browser.text(TARGET_ROW.formatted("target-energy-day"))).contains("target-energy-day · ");
            assertThat(browser.text(TARGET_ROW.formatted("target-energy-day-strict")))
                    .contains("target-energy-day-strict · ", "day " + oldDate);
        });

        // Each enterprise reports 160 x 10^4 RMB of added value for today (Beijing time), 53.3 for the park per hour.
        // The day's intensity is highest just after Beijing midnight, when only the current hour's two rounds below
        // (8 enterprises, 14 400 kWh each round, about 8 t CO2) fall in today: 16 / 53.3 = 0.30, below the 0.54
        // warning level of the park intensity rule whatever the time of day, so no intensity alert opens here.
        Instant today = LocalDate.now(beijing).atStartOfDay(beijing).toInstant();
        for (String[] e : ENTERPRISES) {
            fixture.sendOutputReport(e[0] + "-iav", e[0], today, today.plus(1, ChronoUnit.DAYS), 160.0);
        }
        // The last twelve hours, oldest first, then the current hour.
        Instant now = Instant.now();
        Instant thisHour = now.truncatedTo(ChronoUnit.HOURS);
        for (int h = 12; h >= 1; h--) {
            sendRound(thisHour.minus(h, ChronoUnit.HOURS).plus(30, ChronoUnit.MINUTES), 10 * (12 - h));
        }
        sendRound(Instant.now().truncatedTo(ChronoUnit.MILLIS), 0);

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            assertThat(number(browser.text(HOUR_CO2))).isPositive();
            assertThat(browser.text("document.querySelector('#intensity-table [data-metric=\\'co2.intensity.location\\']').innerText"))
                    .contains("on target");
            assertThat(browser.text("document.querySelector('[data-enterprise-id=E0001]').innerText")).contains("OK");
            JsonNode bars = browser.evaluate("Array.from(document.querySelectorAll('#chart rect.bar'))"
                    + ".map(b => Number(b.getAttribute('data-value')))");
            assertThat(bars.size()).isEqualTo(24);
            long filled = 0;
            for (JsonNode b : bars) {
                filled += b.asDouble() > 0 ? 1 : 0;
            }
            assertThat(filled).isGreaterThanOrEqualTo(12);
        });
        // Caught up: the current windows are labelled as such, and the note is gone.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.text(HOUR_LABEL)).isEqualTo("This hour");
            assertThat(browser.text(DAY_LABEL)).isEqualTo("Today");
            assertThat(browser.text("String(document.querySelector('#catch-up').hidden)")).isEqualTo("true");
            assertThat(browser.text("document.querySelector('[data-enterprise-id=E0001]').innerText"))
                    .doesNotContain(oldDate);
            assertThat(browser.text(TARGET_ROW.formatted("target-co2-day"))).contains("this day");
        });
        double before = number(browser.text(HOUR_CO2));

        sendRound(Instant.now().truncatedTo(ChronoUnit.MILLIS), 0);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(number(browser.text(HOUR_CO2))).isGreaterThan(before));

        assertThat(browser.text("document.querySelector('#alert-count').innerText")).isEqualTo("0");
        fixture.sendAlert(PipelineFixture.alert("alert-E0003-co2", "E0003", "park-1", AlertSeverity.CRITICAL,
                AlertState.OPEN, Instant.now().truncatedTo(ChronoUnit.MILLIS), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.text("document.querySelector('#alert-count').innerText")).isEqualTo("1");
            assertThat(browser.text("document.querySelector('#alerts-body').innerText"))
                    .contains("CRITICAL", "enterprise E0003", "CRITICAL CO2 of E0003");
            assertThat(browser.text("document.querySelector('[data-enterprise-id=E0003]').innerText"))
                    .startsWith("CRITICAL");
        });

        Path docs = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent().resolve("docs");
        browser.screenshot(docs.resolve("dashboard.png"));
        assertThat(Files.size(docs.resolve("dashboard.png"))).isGreaterThan(10_000L);
    }

    /** One electricity reading per enterprise over the minute ending at {@code end}; bigger plants draw more. */
    private void sendRound(Instant end, int extraKwh) {
        for (int i = 0; i < ENTERPRISES.size(); i++) {
            String id = ENTERPRISES.get(i)[0];
            fixture.sendElectricity(id + "-" + (++eventSeq), id, 400.0 * (ENTERPRISES.size() - i) + extraKwh, end);
        }
    }

    private static double number(String shown) {
        return shown == null || shown.equals("–") ? 0 : Double.parseDouble(shown.replace(",", ""));
    }
}
