package org.parkwatch.deploy.config;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The HJ 212 gateway: where monitoring devices connect, how long a silent connection stays open, and how long
 * start-up waits for the device list; and, in the local stack, how many simulated enterprises reach it as devices.
 */
public record GatewayConfig(String host, int port, Duration idleTimeout, Duration devicesLoadTimeout,
                            int metricsPort, int simulatedEnterprises, double simulatedFaultProbability) {

    public static final String HOST = "parkwatch.gateway.host";
    public static final String PORT = "parkwatch.gateway.port";
    public static final String IDLE_TIMEOUT_MS = "parkwatch.gateway.idle.timeout.ms";
    public static final String DEVICES_LOAD_TIMEOUT_MS = "parkwatch.gateway.devices.load.timeout.ms";
    public static final String METRICS_PORT = "parkwatch.gateway.metrics.port";
    public static final String SIMULATED_ENTERPRISES = "parkwatch.gateway.simulated.enterprises";
    public static final String SIMULATED_FAULT_PROBABILITY = "parkwatch.gateway.simulated.fault.probability";

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
                                + "late RF=1 resend), drawn from the seed.");
    }

    public static GatewayConfig from(Map<String, ?> values) {
        Map<String, Object> p = definition().parse(values);
        return new GatewayConfig((String) p.get(HOST), (Integer) p.get(PORT),
                Duration.ofMillis((Long) p.get(IDLE_TIMEOUT_MS)), Duration.ofMillis((Long) p.get(DEVICES_LOAD_TIMEOUT_MS)),
                (Integer) p.get(METRICS_PORT), (Integer) p.get(SIMULATED_ENTERPRISES),
                (Double) p.get(SIMULATED_FAULT_PROBABILITY));
    }

    public static GatewayConfig defaults() {
        return from(Map.of());
    }
}
