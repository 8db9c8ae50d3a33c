package org.parkwatch.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.avro.specific.SpecificRecord;
import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.avro.FuelConsumption;
import org.parkwatch.avro.WastewaterSample;

/**
 * Generates the events of a {@link ParkModel} for a period of event time, deterministically from the seed: meter
 * readings every meter interval, fuel consumption and wastewater samples every sample interval, and an output
 * report per enterprise at the end of each calendar month of the park's zone. Events come in event-time order; at
 * one instant, enterprise by enterprise, meters before units before outlets.
 *
 * <p>An event depends only on its source and interval, so the events of (a, c] are those of (a, b] followed by
 * those of (b, c]. Intervals of several hours (daily records) start at local midnight of the park's zone, which
 * must then be a whole number of hours from UTC; their load factor is the mean of the hours they span.
 */
public final class EventGenerator {

    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    private final ParkModel park;
    private final GeneratorSettings settings;
    private final SourceEvents sources;
    private final StackEvents stacks;
    private final DefectInjector defects;
    private final long meterMillis;
    private final long sampleMillis;
    private final long stepMillis;
    // How far local midnight lies from a UTC multiple of a day: intervals longer than an hour are counted from it.
    private final long localMidnightMillis;
    // Enterprises whose outlets report through another path (HJ 212 data loggers): no wastewater events of theirs.
    private final Set<String> wastewaterElsewhere;

    public EventGenerator(ParkModel park, GeneratorSettings settings) {
        this(park, settings, Set.of());
    }

    private EventGenerator(ParkModel park, GeneratorSettings settings, Set<String> wastewaterElsewhere) {
        this.wastewaterElsewhere = Set.copyOf(wastewaterElsewhere);
        this.park = Objects.requireNonNull(park, "park");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sources = new SourceEvents(settings);
        this.stacks = new StackEvents(settings, sources);
        this.defects = new DefectInjector(settings.seed(), settings.badEventRate());
        this.meterMillis = settings.meterInterval().toMillis();
        this.sampleMillis = settings.sampleInterval().toMillis();
        this.stepMillis = gcd(meterMillis, sampleMillis);
        long offset = park.zone().getRules().getOffset(Instant.EPOCH).getTotalSeconds() * 1000L;
        if (Math.max(meterMillis, sampleMillis) > HOUR_MILLIS && offset % HOUR_MILLIS != 0) {
            throw new IllegalArgumentException("intervals longer than an hour need a zone a whole number of hours"
                    + " from UTC, not " + park.zone());
        }
        this.localMidnightMillis = offset;
    }

    public ParkModel park() {
        return park;
    }

    /**
     * The same generator without the wastewater samples of these enterprises, whose outlets send their data
     * another way (as HJ 212 data loggers), so that no interval is counted from both.
     */
    public EventGenerator withoutWastewaterOf(Set<String> enterpriseIds) {
        return new EventGenerator(park, settings, enterpriseIds);
    }

    /**
     * The sample of one outlet over [start, end), the same as the generator's own wastewater event of that interval
     * would be; for outlets that report as devices, whatever their reporting interval.
     */
    public WastewaterSample wastewaterSample(EnterpriseSpec enterprise, int outletIndex, Instant start, Instant end) {
        long millis = end.toEpochMilli() - start.toEpochMilli();
        double factor = meanFactor(enterprise.profile(), start.atZone(park.zone()), millis);
        return sources.wastewaterSample(enterprise, outletIndex, start.toEpochMilli(), end.toEpochMilli(), factor);
    }

    /**
     * What the CEMS of one stack measures over [start, end): its flue gas from the fuel its unit burns over the same
     * interval (the generator's fuel event of that interval, whatever the sample interval), for stacks whose CEMS
     * report as devices.
     */
    public FlueGasSample flueGasSample(EnterpriseSpec enterprise, int stackIndex, Instant start, Instant end) {
        long millis = end.toEpochMilli() - start.toEpochMilli();
        double factor = meanFactor(enterprise.profile(), start.atZone(park.zone()), millis);
        return stacks.flueGasSample(enterprise, enterprise.stacks().get(stackIndex), start.toEpochMilli(),
                end.toEpochMilli(), factor);
    }

    /** The fuel event of one unit over [start, end), the same as the generator's own event of that interval. */
    public FuelConsumption fuelConsumption(EnterpriseSpec enterprise, int unitIndex, Instant start, Instant end) {
        long millis = end.toEpochMilli() - start.toEpochMilli();
        double factor = meanFactor(enterprise.profile(), start.atZone(park.zone()), millis);
        return sources.fuelConsumption(enterprise, unitIndex, start.toEpochMilli(), end.toEpochMilli(), factor);
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /** The grid on which intervals end: the greatest common divisor of the meter and sample intervals. */
    public Duration step() {
        return Duration.ofMillis(stepMillis);
    }

    /** The Enterprise record of every enterprise, stamped with {@code eventTime}. */
    public List<SimulatedEvent> enterpriseEvents(Instant eventTime) {
        return park.enterpriseRecords().stream()
                .map(e -> new SimulatedEvent(EventKind.ENTERPRISE, e.getEnterpriseId(), eventTime, e,
                        EventDefect.NONE))
                .toList();
    }

    /**
     * Every event whose event time (the end of its interval or period) is in (from, to], lazily and in
     * event-time order. With aligned bounds these are the intervals that lie within [from, to).
     */
    public Stream<SimulatedEvent> events(Instant from, Instant to) {
        Iterator<SimulatedEvent> iterator = new StepIterator(from.toEpochMilli(), to.toEpochMilli());
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The first grid instant strictly after {@code time}. */
    Instant nextStepAfter(Instant time) {
        return Instant.ofEpochMilli(gridAfter(time.toEpochMilli()));
    }

    private final class StepIterator implements Iterator<SimulatedEvent> {

        private final ArrayDeque<SimulatedEvent> buffer = new ArrayDeque<>();
        private final long end;
        private long cursor;
        private long nextGrid;
        private ZonedDateTime nextMonth;

        StepIterator(long from, long to) {
            this.cursor = from;
            this.end = to;
            this.nextGrid = gridAfter(from);
            this.nextMonth = monthStartAfter(Instant.ofEpochMilli(from), park.zone());
        }

        @Override
        public boolean hasNext() {
            while (buffer.isEmpty() && cursor < end) {
                advance();
            }
            return !buffer.isEmpty();
        }

        @Override
        public SimulatedEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.poll();
        }

        private void advance() {
            long upper = Math.min(nextGrid, end);
            while (nextMonth.toInstant().toEpochMilli() <= upper) {
                addOutputReports(nextMonth.minusMonths(1).toInstant(), nextMonth.toInstant());
                nextMonth = nextMonth.plusMonths(1);
            }
            if (nextGrid <= end) {
                addIntervals(nextGrid);
            }
            cursor = upper;
            nextGrid += stepMillis;
        }

        private void addOutputReports(Instant periodStart, Instant periodEnd) {
            for (EnterpriseSpec enterprise : park.enterprises()) {
                add(EventKind.OUTPUT_REPORT, enterprise, periodEnd,
                        sources.outputReport(enterprise, periodStart, periodEnd));
            }
        }

        private void addIntervals(long t) {
            boolean meterDue = due(t, meterMillis);
            boolean sampleDue = due(t, sampleMillis);
            ZonedDateTime meterStart = Instant.ofEpochMilli(t - meterMillis).atZone(park.zone());
            ZonedDateTime sampleStart = Instant.ofEpochMilli(t - sampleMillis).atZone(park.zone());
            Instant eventTime = Instant.ofEpochMilli(t);
            for (EnterpriseSpec e : park.enterprises()) {
                LoadProfile profile = e.profile();
                if (meterDue) {
                    double factor = meanFactor(profile, meterStart, meterMillis);
                    for (int j = 0; j < e.meters().size(); j++) {
                        addWithDefect(EventKind.METER_READING, e, eventTime, j,
                                sources.meterReading(e, j, t - meterMillis, t, factor));
                    }
                }
                if (sampleDue) {
                    double factor = meanFactor(profile, sampleStart, sampleMillis);
                    for (int j = 0; j < e.combustionUnits().size(); j++) {
                        addWithDefect(EventKind.FUEL_CONSUMPTION, e, eventTime, j,
                                sources.fuelConsumption(e, j, t - sampleMillis, t, factor));
                    }
                    for (int j = 0; !wastewaterElsewhere.contains(e.enterpriseId()) && j < e.outlets().size(); j++) {
                        addWithDefect(EventKind.WASTEWATER_SAMPLE, e, eventTime, j,
                                sources.wastewaterSample(e, j, t - sampleMillis, t, factor));
                    }
                }
            }
        }

        private void addWithDefect(EventKind kind, EnterpriseSpec enterprise, Instant eventTime, int sourceIndex,
                                   SpecificRecord value) {
            SimulatedEvent valid = add(kind, enterprise, eventTime, value);
            SimulatedEvent bad = defects.after(valid, enterprise.index(), kind.ordinal() * 16L + sourceIndex);
            if (bad != null) {
                buffer.add(bad);
            }
        }

        private SimulatedEvent add(EventKind kind, EnterpriseSpec enterprise, Instant eventTime,
                                   SpecificRecord value) {
            SimulatedEvent event = new SimulatedEvent(kind, enterprise.enterpriseId(), eventTime, value,
                    EventDefect.NONE);
            buffer.add(event);
            return event;
        }
    }

    /** The first grid instant strictly after {@code t}; a grid of hours runs from local midnight. */
    private long gridAfter(long t) {
        long shift = stepMillis > HOUR_MILLIS ? localMidnightMillis : 0;
        return Math.floorDiv(t + shift, stepMillis) * stepMillis + stepMillis - shift;
    }

    /** Whether an interval of this length ends at {@code t}; intervals of hours end on local midnight's grid. */
    private boolean due(long t, long intervalMillis) {
        return intervalMillis > HOUR_MILLIS ? Math.floorMod(t + localMidnightMillis, intervalMillis) == 0
                : t % intervalMillis == 0;
    }

    /** The load factor of an interval: its hour's, or the mean of the hours of a longer one. */
    private static double meanFactor(LoadProfile profile, ZonedDateTime start, long intervalMillis) {
        if (intervalMillis <= HOUR_MILLIS) {
            return profile.factor(start.getDayOfWeek(), start.getHour());
        }
        long hours = intervalMillis / HOUR_MILLIS;
        double sum = 0;
        for (int h = 0; h < hours; h++) {
            ZonedDateTime hour = start.plusHours(h);
            sum += profile.factor(hour.getDayOfWeek(), hour.getHour());
        }
        return sum / hours;
    }

    /** The start of the first calendar month of {@code zone} that begins strictly after {@code time}. */
    static ZonedDateTime monthStartAfter(Instant time, ZoneId zone) {
        return time.atZone(zone).toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(zone);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
