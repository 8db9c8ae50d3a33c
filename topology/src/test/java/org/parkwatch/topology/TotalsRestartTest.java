package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.EmissionTotals;
import org.parkwatch.avro.IntensitySnapshot;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.Totals;
import org.parkwatch.avro.internal.ActivityAmounts;
import org.parkwatch.avro.internal.IavReportState;
import org.parkwatch.avro.internal.IavReports;
import org.parkwatch.avro.internal.TotalsInput;
import org.parkwatch.avro.internal.WindowBookState;
import org.parkwatch.totals.WindowCalendar;

/**
 * The totals step over state that outlives it: a task restarted (a crash, a rebalance) finds only its stores, not
 * what it held in memory. Each restart here is a new processor over the same stores, as Kafka Streams builds after
 * restoring them; what the stores hold is what the last commit left.
 */
class TotalsRestartTest {

    private static final Duration GRACE = Duration.ofHours(2);
    private static final WindowCalendar CALENDAR = new WindowCalendar(PipelineFixture.SHANGHAI);

    /** The five stores of one level, in memory, shared by successive processors as a restored task's would be. */
    private static final class Level {
        final String prefix;
        final KeyValueStore<String, WindowBookState> books;
        final KeyValueStore<String, EmissionTotals> history;
        final KeyValueStore<String, Long> watermarks;
        final KeyValueStore<String, IavReports> iav;
        final KeyValueStore<String, IntensitySnapshot> intensities;
        final KeyValueStore<String, Long> revisions;
        final KeyValueStore<String, ActivityAmounts> deltas;

        Level(String prefix) {
            this.prefix = prefix;
            books = store(prefix + "books", new InternalAvroSerde<>(WindowBookState.getClassSchema()));
            history = store(prefix + "history", new InternalAvroSerde<>(EmissionTotals.getClassSchema()));
            watermarks = store(prefix + "watermarks", Serdes.Long());
            iav = store(prefix + "iav", new InternalAvroSerde<>(IavReports.getClassSchema()));
            intensities = store(prefix + "intensities", new InternalAvroSerde<>(IntensitySnapshot.getClassSchema()));
            revisions = store(prefix + "revisions", Serdes.Long());
            deltas = store(prefix + "deltas", new InternalAvroSerde<>(ActivityAmounts.getClassSchema()));
        }

        private static <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
            return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                    .withLoggingDisabled().build();
        }

        TotalsProcessor.TotalsStores names() {
            return new TotalsProcessor.TotalsStores(prefix + "books", prefix + "history", prefix + "watermarks",
                    prefix + "iav", prefix + "intensities", prefix + "revisions", prefix + "deltas");
        }

        /** A processor started over these stores, as after a restart; the first context also initialises them. */
        Started start(SubjectType type, boolean first) {
            MockProcessorContext<String, TotalsOutput> context = new MockProcessorContext<>();
            context.setCurrentSystemTimeMs(PipelineFixture.NOW.toEpochMilli());
            for (KeyValueStore<String, ?> s : List.of(books, history, watermarks, iav, intensities, revisions, deltas)) {
                if (first) {
                    s.init(context.getStateStoreContext(), s);
                }
                context.addStateStore(s);
            }
            boolean park = type == SubjectType.PARK;
            TotalsProcessor processor = new TotalsProcessor(type, names(), park, park ? List.of() : List.of("meter"),
                    Duration.ofMinutes(5), CALENDAR, GRACE, Duration.ofMillis(200));
            processor.init(context);
            return new Started(processor, context);
        }
    }

    private record Started(TotalsProcessor processor, MockProcessorContext<String, TotalsOutput> context) {

        /** An activity of the subject (an enterprise, or at the park level the park: its key). */
        void activity(String eventId, String subject, Instant time, long co2Mg) {
            activity(eventId, subject, time, co2Mg, false);
        }

        /** As above; {@code covered}: an IAV report of the enterprise covers the activity's hour. */
        void activity(String eventId, String subject, Instant time, long co2Mg, boolean covered) {
            Totals totals = new Totals(0L, co2Mg, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 0L);
            processor.process(new Record<>(subject, new TotalsInput(subject, "park-1", new ActivityAmounts(eventId,
                    subject, "park-1", time, totals, eventId, covered, List.of(), null), null, List.of()),
                    time.toEpochMilli()));
        }

        void report(IavReportState report) {
            processor.process(new Record<>("park-1", new TotalsInput(report.getEnterpriseId(), "park-1", null, report,
                    List.of()), 0L));
        }

        /** One publication, as the wall-clock schedule makes it. */
        void publish() {
            context.scheduledPunctuators().get(0).getPunctuator().punctuate(0L);
        }

        List<EmissionTotals> published(String windowKey) {
            List<EmissionTotals> out = new ArrayList<>();
            for (var f : context.forwarded()) {
                if (f.record().value() instanceof TotalsOutput.Update u && u.totals() != null
                        && f.record().key().equals(windowKey)) {
                    out.add(u.totals());
                }
            }
            return out;
        }
    }

    private static Instant local(String t) {
        return PipelineFixture.local(t);
    }

    @Test
    void shouldPublishWhatChangedBeforeACrashThatCameBetweenACommitAndAPublication() {
        Level level = new Level("e-");
        Started before = level.start(SubjectType.ENTERPRISE, true);
        Instant time = local("2023-03-01T10:59:59.999");
        level.watermarks.put("meter", time.toEpochMilli());
        before.activity("a-1", "E1", time, 100);
        // committed, then the process dies before its next publication

        Started after = level.start(SubjectType.ENTERPRISE, false);
        after.publish();

        String hour = TotalsRecords.key(SubjectType.ENTERPRISE, "E1", org.parkwatch.totals.WindowKind.HOUR,
                local("2023-03-01T10:00"));
        assertThat(after.published(hour)).singleElement()
                .satisfies(t -> assertThat(t.getTotals().getCo2Scope2LocationMg()).isEqualTo(100L));
    }

    @Test
    void shouldReviseNotReopenAWindowClosedBeforeARestart() {
        Level level = new Level("e-");
        Started first = level.start(SubjectType.ENTERPRISE, true);
        level.watermarks.put("meter", local("2023-03-01T10:59:59.999").toEpochMilli());
        first.activity("a-1", "E1", local("2023-03-01T10:59:59.999"), 100);
        first.publish();
        // the meter input reaches 13:00: 10:00-11:00 closes (11:00 + 2 h grace)
        level.watermarks.put("meter", local("2023-03-01T13:00").toEpochMilli());
        first.activity("a-2", "E1", local("2023-03-01T12:59:59.999"), 1);
        first.publish();
        String hour = TotalsRecords.key(SubjectType.ENTERPRISE, "E1", org.parkwatch.totals.WindowKind.HOUR,
                local("2023-03-01T10:00"));
        assertThat(first.published(hour)).last().satisfies(t -> assertThat(t.getClosed()).isTrue());

        // restarted; before any publication, activity of 10:00-11:00 arrives (an input of its own, not late for it)
        Started restarted = level.start(SubjectType.ENTERPRISE, false);
        restarted.activity("a-3", "E1", local("2023-03-01T10:30"), 5);
        restarted.publish();
        level.watermarks.put("meter", local("2023-03-01T16:00").toEpochMilli());
        restarted.activity("a-4", "E1", local("2023-03-01T15:59:59.999"), 1);
        restarted.publish();

        assertThat(restarted.published(hour)).isNotEmpty().allSatisfy(t -> assertThat(t.getClosed()).isTrue())
                .last().satisfies(t -> assertThat(t.getTotals().getCo2Scope2LocationMg()).isEqualTo(105L));
        assertThat(level.history.get(hour).getTotals().getCo2Scope2LocationMg()).isEqualTo(105L);
    }

    @Test
    void shouldPublishAClosedWindowRevisedManyTimesOnceAtTheNextPublicationEvenAfterACrash() {
        Level level = new Level("p-");
        Started park = level.start(SubjectType.PARK, true);
        park.activity("a-1", "park-1", local("2023-03-01T10:59:59.999"), 100);
        park.publish();
        // the park reads 13:00 from another enterprise's partition: 10:00-11:00 closes (11:00 + 2 h grace)
        park.activity("a-2", "park-1", local("2023-03-01T13:00"), 1);
        park.publish();
        String hour = TotalsRecords.key(SubjectType.PARK, "park-1", org.parkwatch.totals.WindowKind.HOUR,
                local("2023-03-01T10:00"));
        assertThat(park.published(hour)).last().satisfies(t -> assertThat(t.getClosed()).isTrue());
        int publishedBefore = park.published(hour).size();

        // a lagging enterprise partition brings three records of that hour: the figure is revised three times...
        park.activity("a-3", "park-1", local("2023-03-01T10:10"), 5);
        park.activity("a-4", "park-1", local("2023-03-01T10:20"), 7);
        park.activity("a-5", "park-1", local("2023-03-01T10:30"), 11);
        assertThat(park.published(hour)).hasSize(publishedBefore);
        assertThat(level.history.get(hour).getTotals().getCo2Scope2LocationMg()).isEqualTo(123L);

        // ...and published once, by the next publication, even when the process died before it
        Started restarted = level.start(SubjectType.PARK, false);
        restarted.publish();
        assertThat(restarted.published(hour)).singleElement().satisfies(t -> {
            assertThat(t.getClosed()).isTrue();
            assertThat(t.getTotals().getCo2Scope2LocationMg()).isEqualTo(100L + 5 + 7 + 11);
            assertThat(t.getTotals().getEntryCount()).isEqualTo(4L);
        });
        restarted.publish();
        assertThat(restarted.published(hour)).hasSize(1);
    }

    @Test
    void shouldKeepOneSmallRecordPerEnterpriseOfAParkAndOnlyTheReportsStillNeeded() {
        Level level = new Level("p-");
        Started park = level.start(SubjectType.PARK, true);
        // the park has reached mid-December 2023: its closing watermark is there after a publication
        park.activity("a-1", "park-1", local("2023-12-15T12:00"), 1);
        park.publish();
        // three years of monthly reports for 100 enterprises
        for (int e = 0; e < 100; e++) {
            String enterprise = String.format("E%03d", e);
            for (LocalDate month = LocalDate.of(2021, 1, 1); month.isBefore(LocalDate.of(2024, 1, 1));
                 month = month.plusMonths(1)) {
                Instant start = month.atStartOfDay(PipelineFixture.SHANGHAI).toInstant();
                Instant end = month.plusMonths(1).atStartOfDay(PipelineFixture.SHANGHAI).toInstant();
                park.report(new IavReportState(enterprise + "-" + month, enterprise, start, end, 100.0, end));
            }
        }

        // kept: reports ending after the start of the previous calendar year (2022), i.e. 2022 and 2023: 24 each
        Instant cutoff = local("2022-01-01T00:00");
        List<KeyValue<String, IavReports>> records = new ArrayList<>();
        try (KeyValueIterator<String, IavReports> it = level.iav.all()) {
            it.forEachRemaining(records::add);
        }
        assertThat(records).hasSize(100).allSatisfy(kv -> {
            assertThat(kv.value.getReports()).hasSize(24)
                    .allSatisfy(r -> assertThat(r.getPeriodEnd()).isAfter(cutoff))
                    .extracting(IavReportState::getEnterpriseId).containsOnly(kv.key.substring("park-1".length() + 1));
        });
    }

    @Test
    void shouldSplitAParkRecordOfStateVersionOneIntoOneRecordPerEnterprise() {
        Level level = new Level("p-");
        Started first = level.start(SubjectType.PARK, true);
        Instant march = local("2023-03-01T00:00");
        Instant april = local("2023-04-01T00:00");
        level.iav.put("park-1", new IavReports("park-1", List.of(
                new IavReportState("r-1", "E1", march, april, 744.0, april),
                new IavReportState("r-2", "E2", march, april, 1488.0, april))));

        first.activity("a-1", "park-1", local("2023-03-10T10:00"), 1);

        assertThat(level.iav.get("park-1")).isNull();
        assertThat(level.iav.get("park-1" + ParkIavReports.SEP + "E1").getReports())
                .extracting(IavReportState::getEventId).containsExactly("r-1");
        assertThat(level.iav.get("park-1" + ParkIavReports.SEP + "E2").getReports())
                .extracting(IavReportState::getEventId).containsExactly("r-2");
        // the migrated reports still make the park's denominator: March's IAV is 744 + 1 488 (10^4 RMB)
        first.publish();
        IntensitySnapshot month = level.intensities.get(TotalsRecords.key(SubjectType.PARK, "park-1",
                org.parkwatch.totals.WindowKind.MONTH, march));
        assertThat(month.getIavReportIds()).containsExactly("r-1", "r-2");
    }

    @Test
    void shouldKeepTheIavOfAWindowRevisedAfterItsReportsLeftTheRetentionHorizon() {
        Level level = new Level("p-");
        Started park = level.start(SubjectType.PARK, true);
        Instant june = local("2021-06-01T00:00");
        // June 2021 (720 h) at 1 (10^4 RMB) per hour for E1
        park.report(new IavReportState("r-june", "E1", june, local("2021-07-01T00:00"), 720.0, june));
        park.activity("a-1", "park-1", local("2021-06-10T10:00"), 100, true);
        // two and a half years on, June 2021 is long closed; a newer report of E1 prunes the old one
        park.activity("a-2", "park-1", local("2023-12-15T12:00"), 1);
        park.publish();
        park.report(new IavReportState("r-nov", "E1", local("2023-11-01T00:00"), local("2023-12-01T00:00"), 720.0,
                local("2023-12-01T00:00")));
        assertThat(level.iav.get("park-1" + ParkIavReports.SEP + "E1").getReports())
                .extracting(IavReportState::getEventId).containsExactly("r-nov");

        // a lagging partition delivers more of June 2021, in a covered hour
        park.activity("a-3", "park-1", local("2021-06-10T11:00"), 50, true);

        IntensitySnapshot month = level.intensities.get(TotalsRecords.key(SubjectType.PARK, "park-1",
                org.parkwatch.totals.WindowKind.MONTH, june));
        assertThat(month.getStatus()).isEqualTo(org.parkwatch.avro.IntensityStatus.AVAILABLE);
        assertThat(month.getAddedValue()).isEqualTo(720.0);
        assertThat(month.getCoveredTotals().getCo2Scope2LocationMg()).isEqualTo(150L);
        // 150 mg = 1.5e-7 t over 720 (10^4 RMB)
        assertThat(month.getCo2LocationTPer10kRmb()).isEqualTo(150 / 1e9 / 720);
        assertThat(month.getIavReportIds()).containsExactly("r-june");
    }
}
