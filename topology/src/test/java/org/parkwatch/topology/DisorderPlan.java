package org.parkwatch.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import org.parkwatch.topology.DayOfActivity.Event;
import org.parkwatch.topology.DayOfActivity.Input;

/**
 * One way of delivering a day of activity: the order of the records, when the wall clock moves (publications, an
 * input going idle) and where the pipeline restarts. Built from a seed, so a failing order can be replayed.
 *
 * <p>Every order keeps each record within the grace period of its own input's progress (each activity input is in
 * event-time order up to a jitter below the grace period, then shifted as a whole), so a correct pipeline refuses
 * none of them as late, and must reach the figures of the in-order run.
 */
final class DisorderPlan {

    /** What may be done to the order. */
    record Disorder(boolean shuffle, boolean topicLag, boolean idleInput, boolean restarts) {

        static final Disorder NONE = new Disorder(false, false, false, false);
        static final Disorder SHUFFLE = new Disorder(true, false, false, false);
        static final Disorder LAGS = new Disorder(true, true, false, false);
        static final Disorder IDLE = new Disorder(true, false, true, false);
        static final Disorder RESTARTS = new Disorder(true, false, false, true);
        static final Disorder ALL = new Disorder(true, true, true, true);
    }

    sealed interface Step permits Deliver, Publish, GoIdle, Restart {
    }

    /** Delivers one record, stamped with the wall clock (the broker's append time). */
    record Deliver(Event event) implements Step {
    }

    /** Moves the wall clock by one publication interval: changed windows are published, windows may close. */
    record Publish() implements Step {
    }

    /** Moves the wall clock past the idle timeout while an input is held back. */
    record GoIdle(Input held) implements Step {
    }

    /** The pipeline stops (state as last committed) and starts again; {@code unpublished}: right after a commit. */
    record Restart(boolean unpublished) implements Step {
    }

    /** Jitter within an input: below the 2 h grace period, so a record is never late on its own input. */
    static final Duration MAX_JITTER = Duration.ofMinutes(90);

    final long seed;
    final List<Step> steps;
    final String description;

    private DisorderPlan(long seed, List<Step> steps, String description) {
        this.seed = seed;
        this.steps = steps;
        this.description = description;
    }

    static DisorderPlan of(DayOfActivity day, Disorder disorder, long seed) {
        Random random = new Random(seed);
        List<String> notes = new ArrayList<>();
        Map<Input, Duration> lag = new HashMap<>();
        Input[] activityInputs = {Input.METER, Input.FUEL, Input.WASTEWATER, Input.FLUE_GAS};
        if (disorder.topicLag()) {
            Input lagging = activityInputs[random.nextInt(activityInputs.length)];
            Duration by = Duration.ofMinutes(180 + random.nextInt(6 * 60));
            lag.put(lagging, by);
            notes.add(lagging + " delivered " + by.toMinutes() + " min of event time behind the other inputs");
        }
        Input held = null;
        Instant holdFrom = null;
        Instant holdTo = null;
        if (disorder.idleInput()) {
            held = activityInputs[random.nextInt(activityInputs.length)];
            holdFrom = DayOfActivity.DAY_START.plus(Duration.ofMinutes(4 * 60 + random.nextInt(10 * 60)));
            holdTo = holdFrom.plus(Duration.ofMinutes(2 * 60 + random.nextInt(4 * 60)));
            notes.add(held + " silent (idle past the timeout) from " + local(holdFrom) + " to " + local(holdTo)
                    + " of delivery time, then resumes with its held records");
        }
        // delivery time of each record: its event time, shifted by its input's lag, plus a jitter
        Map<Event, Instant> at = new HashMap<>();
        for (Event e : day.events) {
            Instant t;
            if (e.input() == Input.IAV) {
                // reports come whenever: at the start of their period in order, anywhere in the day otherwise
                t = disorder.shuffle() ? DayOfActivity.DAY_START.plusSeconds(random.nextInt(28 * 3600)) : e.eventTime();
            } else {
                t = e.eventTime().plus(lag.getOrDefault(e.input(), Duration.ZERO));
                if (disorder.shuffle()) {
                    t = t.plusSeconds(random.nextInt((int) MAX_JITTER.toSeconds()));
                }
            }
            if (held != null && e.input() == held && !t.isBefore(holdFrom) && t.isBefore(holdTo)) {
                // held back, then delivered at the end of the silence in the same order, before anything of its
                // input that came after the silence (so that none of them is late on its own input)
                t = holdTo.minusNanos(Duration.between(t, holdTo).toMillis());
            }
            at.put(e, t);
        }
        List<Event> order = new ArrayList<>(day.events);
        order.sort(Comparator.comparing((Event e) -> at.get(e)).thenComparingInt(Event::index));

        TreeSet<Integer> restartsAfter = new TreeSet<>();
        Map<Integer, Boolean> restartUnpublished = new HashMap<>();
        if (disorder.restarts()) {
            int count = 1 + random.nextInt(3);
            while (restartsAfter.size() < count) {
                int position = random.nextInt(order.size());
                restartsAfter.add(position);
                restartUnpublished.put(position, random.nextBoolean());
            }
        }
        List<Step> steps = new ArrayList<>();
        boolean idled = false;
        for (int i = 0; i < order.size(); i++) {
            Event e = order.get(i);
            if (held != null && !idled && !at.get(e).isBefore(holdFrom.plus(Duration.between(holdFrom, holdTo)
                    .dividedBy(2)))) {
                steps.add(new GoIdle(held));
                idled = true;
            }
            steps.add(new Deliver(e));
            if (restartsAfter.contains(i)) {
                boolean unpublished = restartUnpublished.get(i);
                if (!unpublished) {
                    steps.add(new Publish());
                }
                steps.add(new Restart(unpublished));
                notes.add("restart after delivery " + (i + 1) + " (" + e + ")"
                        + (unpublished ? ", between its commit and the next publication" : ", after a publication"));
            } else if (disorder.shuffle() ? random.nextInt(6) == 0 : i % 5 == 4) {
                steps.add(new Publish());
            }
        }
        for (int i = 0; i < 3; i++) {
            steps.add(new Publish());
        }
        String description = (notes.isEmpty() ? (disorder.shuffle() ? "shuffled within the grace period"
                : "in order") : (disorder.shuffle() ? "shuffled within the grace period; " : "")
                + String.join("; ", notes)) + "; " + order.size() + " deliveries, first ten: "
                + order.subList(0, 10);
        return new DisorderPlan(seed, steps, description);
    }

    private static String local(Instant t) {
        return t.atZone(PipelineFixture.SHANGHAI).toLocalDateTime().toString();
    }
}
