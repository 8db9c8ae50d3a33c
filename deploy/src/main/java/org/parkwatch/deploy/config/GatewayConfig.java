package org.parkwatch.deploy.config;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.parkwatch.gateway.gaps.DataGapSettings;

/**
 * The HJ 212 gateway: where monitoring devices connect, how long a silent connection stays open, and how long
 * start-up waits for the device list; how it judges data gaps and asks devices for missing hours again; and, in the
 * local stack, how many simulated enterprises reach it as devices.
 */
public record GatewayConfig(String host, int port, Duration idleTimeout, Duration devicesLoadTimeout,
                            int metricsPort, int simulatedEnterprises, double simulatedFaultProbability,
                            DataGapSettings gaps) {

    public static final String HOST = "parkwatch.gateway.host";
    public static final String PORT = "parkwatch.gateway.port";
    public static final String IDLE_TIMEOUT_MS = "parkwatch.gateway.idle.timeout.ms";
    public static final String DEVICES_LOAD_TIMEOUT_MS = "parkwatch.gateway.devices.load.timeout.ms";
    public static final String METRICS_PORT = "parkwatch.gateway.metrics.port";
    public static final String SIMULATED_ENTERPRISES = "parkwatch.gateway.simulated.enterprises";
    public static final String SIMULATED_FAULT_PROBABILITY = "parkwatch.gateway.simulated.fault.probability";
    public static final String GAPS_CHECK_INTERVAL_MS = "parkwatch.gateway.gaps.check.interval.ms";
    public static final String GAPS_SILENCE_TOLERANCE = "parkwatch.gateway.gaps.silence.tolerance";
    public static final String GAPS_SILENCE_FLOOR_MS = "parkwatch.gateway.gaps.silence.floor.ms";
    public static final String GAPS_HOURLY_GRACE_MS = "parkwatch.gateway.gaps.hourly.grace.ms";
    public static final String GAPS_LOOKBACK_MS = "parkwatch.gateway.gaps.lookback.ms";
    public static final String REISSUE_MAX_REQUESTS = "parkwatch.gateway.reissue.max.requests";
    public static final String REISSUE_BACKOFF_MS = "parkwatch.gateway.reissue.backoff.ms";

    public static ConfigDef definition() {
        return new ConfigDef()
                .define(HOST, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), Importance.HIGH,
                        "Address the HJ 212 gateway listens on for monitoring devices; 0.0.0.0 takes them from "
                                + "every network, 127.0.0.1 from this machine only (the local stack).")
                .define(PORT, Type.INT, 9212, Range.between(0, 65_535), Importance.HIGH,
                        "TCP port devices send HJ 212 packets to; 0 picks a free one.")
                .define(IDLE_TIMEOUT_MS, Type.LONG, Duration.ofHours(2).toMillis(), Range.atLeast(1_000),
                        Importance.LOW, "A device connection silent this long is closed (devices reconnect); "
                                + "above the longest interval between a device's packets, an hour for hourly data.")
                .define(DEVICES_LOAD_TIMEOUT_MS, Type.LONG, 60_000L, Range.atLeast(1), Importance.LOW,
                        "How long the gateway waits at start-up to read the device list before it stops: it "
                                + "listens only once it knows every registered device.")
                .define(METRICS_PORT, Type.INT, 9213, Range.between(0, 65_535), Importance.MEDIUM,
                        "HTTP port of the standalone gateway process (./parkwatch gateway) for Prometheus "
                                + "(/metrics) and probes (/health/live, /health/ready), on the gateway's host; 0 "
                                + "picks a free one. The local stack serves the gateway's metrics on the API's "
                                + "/metrics instead.")
                .define(SIMULATED_ENTERPRISES, Type.INT, 3, Range.atLeast(0), Importance.LOW,
                        "In the local stack (./parkwatch local), how many of the simulated park's enterprises (the "
                                + "first: E0001, E0002, ...) run their wastewater outlets as HJ 212 data loggers "
                                + "sending to the gateway over TCP instead of sending Avro, and a CEMS (ST=31) on "
                                + "each of their stacks; 0 for none.")
                .define(SIMULATED_FAULT_PROBABILITY, Type.DOUBLE, 0.02, Range.between(0, 1), Importance.LOW,
                        "In the local stack, the chance that a simulated logger's or CEMS's hourly upload meets "
                                + "a fault seen in the field (bad CRC, wrong password, truncated frame, lost hour, "
                                + "late RF=1 resend), drawn from the seed.")
                // Defaults: DataGapSettings.defaults(), ParkWatch's own choices (HJ 212 sets none).
                .define(GAPS_CHECK_INTERVAL_MS, Type.LONG, GAP_DEFAULTS.checkInterval().toMillis(), Range.atLeast(100),
                        Importance.LOW, "How often the gateway checks devices for silence and overdue hours of "
                                + "hourly data, and sends the reissue requests due.")
                .define(GAPS_SILENCE_TOLERANCE, Type.DOUBLE, GAP_DEFAULTS.silenceTolerance(), Range.atLeast(1),
                        Importance.LOW, "A device is silent (a SILENT data gap, a DATA_GAP alert) once nothing came "
                                + "from it for this many times its shortest expected interval (real-time, minute, "
                                + "hourly or daily, from its device record).")
                .define(GAPS_SILENCE_FLOOR_MS, Type.LONG, GAP_DEFAULTS.silenceFloor().toMillis(), Range.atLeast(0),
                        Importance.LOW, "... and never sooner than this after its last packet, however short its "
                                + "interval.")
                .define(GAPS_HOURLY_GRACE_MS, Type.LONG, GAP_DEFAULTS.hourlyGrace().toMillis(), Range.atLeast(0),
                        Importance.LOW, "An hour's hourly data (CN 2061) are missing (a MISSING_HOURLY data gap) "
                                + "this long after the hour ended, or as soon as a later hour came without them.")
                .define(GAPS_LOOKBACK_MS, Type.LONG, GAP_DEFAULTS.lookback().toMillis(), Range.atLeast(3_600_000),
                        Importance.LOW, "Hours older than this on the gateway's clock are never judged missing: a "
                                + "backfill, or a device whose clock is far off, is not a gap.")
                .define(REISSUE_MAX_REQUESTS, Type.INT, GAP_DEFAULTS.maxReissues(), Range.atLeast(0),
                        Importance.LOW, "How many times the gateway asks a connected device to send a missing hour "
                                + "again (HJ 212-2017 Appendix C, CN 2061 with BeginTime/EndTime) before it stops "
                                + "asking; the gap stays open. 0 never asks.")
                .define(REISSUE_BACKOFF_MS, Type.LONG, GAP_DEFAULTS.reissueBackoff().toMillis(), Range.atLeast(1),
                        Importance.LOW, "Wait after the first reissue request of an hour before the next; doubled "
                                + "after each further request.");
    }

    private static final DataGapSettings GAP_DEFAULTS = DataGapSettings.defaults();

    public static GatewayConfig from(Map<String, ?> values) {
        Map<String, Object> p = definition().parse(values);
        return new GatewayConfig((String) p.get(HOST), (Integer) p.get(PORT),
                Duration.ofMillis((Long) p.get(IDLE_TIMEOUT_MS)), Duration.ofMillis((Long) p.get(DEVICES_LOAD_TIMEOUT_MS)),
                (Integer) p.get(METRICS_PORT), (Integer) p.get(SIMULATED_ENTERPRISES),
                (Double) p.get(SIMULATED_FAULT_PROBABILITY), new DataGapSettings(
                        Duration.ofMillis((Long) p.get(GAPS_CHECK_INTERVAL_MS)), (Double) p.get(GAPS_SILENCE_TOLERANCE),
                        Duration.ofMillis((Long) p.get(GAPS_SILENCE_FLOOR_MS)),
                        Duration.ofMillis((Long) p.get(GAPS_HOURLY_GRACE_MS)),
                        Duration.ofMillis((Long) p.get(GAPS_LOOKBACK_MS)), (Integer) p.get(REISSUE_MAX_REQUESTS),
                        Duration.ofMillis((Long) p.get(REISSUE_BACKOFF_MS))));
    }

    public static GatewayConfig defaults() {
        return from(Map.of());
    }
}
