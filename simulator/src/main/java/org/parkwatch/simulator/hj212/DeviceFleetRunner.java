package org.parkwatch.simulator.hj212;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.parkwatch.simulator.EventGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a fleet of simulated data loggers and CEMS against an HJ 212 platform, one thread each (a fleet is a few
 * devices): each uploads the hours of its history, if any, as fast as the platform answers, sends real-time data on
 * connecting, then follows the wall clock: real-time data every minute and the past hour's data on the hour. Between
 * uploads a data logger answers the platform's requests for missing hours; now and then (a seeded fault) it falls
 * silent for a while and sends the hours it held back once heard again.
 */
public final class DeviceFleetRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceFleetRunner.class);

    /**
     * @param platform      the gateway's address
     * @param answerTimeout how long a logger waits for an answer before it sends again
     * @param retries       how many times it sends again before it reconnects
     * @param faults        which hours go wrong
     */
    public record Settings(InetSocketAddress platform, Duration answerTimeout, int retries, FaultPlan faults) {
    }

    private final List<Thread> threads = new ArrayList<>();
    private final List<DataLogger> loggers = new ArrayList<>();
    private final FleetTally tally = new FleetTally();

    private DeviceFleetRunner() {
    }

    /**
     * Starts every device of {@code fleet}; with {@code historyFrom}, each first uploads its hours from then to the
     * start of the current hour (as of this call).
     */
    public static DeviceFleetRunner start(DeviceFleet fleet, EventGenerator generator, ZoneId zone, Settings settings,
                                          Optional<Instant> historyFrom) {
        DeviceFleetRunner runner = new DeviceFleetRunner();
        LoggerPackets packets = new LoggerPackets(zone);
        // One end of history for every logger, whenever its thread starts.
        Instant currentHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        for (SimulatedDevice device : fleet.devices()) {
            DataLogger logger = new DataLogger(settings.platform(), settings.answerTimeout(), settings.retries());
            LoggerSession session = new LoggerSession(device, generator, packets, settings.faults(), logger,
                    runner.tally);
            runner.add(device.mn(), logger, session, hour -> settings.faults().goesSilent(device, hour), historyFrom,
                    currentHour);
        }
        CemsPackets cemsPackets = new CemsPackets(zone);
        for (SimulatedCems cems : fleet.cems()) {
            DataLogger logger = new DataLogger(settings.platform(), settings.answerTimeout(), settings.retries());
            // a CEMS answers reissue requests as a logger does, but does not fall silent here
            runner.add(cems.mn(), logger, new CemsSession(cems, generator, cemsPackets, settings.faults(), logger,
                    runner.tally), hour -> false, historyFrom, currentHour);
        }
        runner.threads.forEach(Thread::start);
        return runner;
    }

    public FleetTally tally() {
        return tally;
    }

    private void add(String mn, DataLogger logger, HourlyUploads session, Predicate<Instant> goesSilent,
                     Optional<Instant> historyFrom, Instant currentHour) {
        Thread thread = new Thread(() -> run(mn, session, goesSilent, historyFrom, currentHour),
                "parkwatch-hj212-" + mn);
        thread.setDaemon(true);
        loggers.add(logger);
        threads.add(thread);
    }

    /** @param goesSilent whether the device falls silent on the hour given (a seeded fault) */
    private void run(String mn, HourlyUploads session, Predicate<Instant> goesSilent, Optional<Instant> historyFrom,
                     Instant currentHour) {
        try {
            if (historyFrom.isPresent()) {
                for (Instant hour = historyFrom.get(); hour.isBefore(currentHour); hour = hour.plus(1, ChronoUnit.HOURS)) {
                    session.uploadHour(hour);
                    session.answerPlatformRequests();
                }
                session.uploadHeldBack();
                LOG.info("HJ 212 logger {} uploaded its history from {}", mn, historyFrom.get());
            }
            session.answerPlatformRequests();
            session.sendRealTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));
            Instant silentUntil = Instant.MIN;
            while (true) {
                Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), minute).toMillis()));
                boolean onTheHour = minute.equals(minute.truncatedTo(ChronoUnit.HOURS));
                if (onTheHour && !minute.isBefore(silentUntil) && goesSilent.test(minute)) {
                    silentUntil = minute.plus(FaultPlan.SILENCE);
                    session.goSilent();
                    LOG.info("HJ 212 logger {} goes silent until {} (a seeded fault)", mn, silentUntil);
                }
                if (minute.isBefore(silentUntil)) {
                    if (onTheHour) {
                        session.holdBack(minute.minus(1, ChronoUnit.HOURS));
                    }
                    continue;
                }
                if (onTheHour) {
                    session.uploadHour(minute.minus(1, ChronoUnit.HOURS));
                }
                session.answerPlatformRequests();
                session.sendRealTime(minute);
            }
        } catch (InterruptedException e) {
            LOG.debug("HJ 212 logger {} stopped", mn);
        } catch (RuntimeException e) {
            LOG.error("HJ 212 logger {} failed", mn, e);
        }
    }

    /** Stops every logger and waits briefly for its thread. */
    @Override
    public void close() {
        loggers.forEach(DataLogger::close);
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.info("HJ 212 loggers stopped: {}", tally);
    }
}
