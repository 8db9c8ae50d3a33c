package org.parkwatch.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the embedded broker listens and keeps its data.
 *
 * @param port             client listener port on 127.0.0.1 (0 picks a free one)
 * @param controllerPort   KRaft controller listener port on 127.0.0.1 (0 picks a free one)
 * @param dataDir          log directory; kept across restarts so topics and offsets survive
 * @param deleteOnClose    whether {@link EmbeddedKafkaBroker#close()} removes {@code dataDir} (tests)
 * @param overrides        extra broker properties, applied last
 */
public record BrokerSettings(int port, int controllerPort, Path dataDir, boolean deleteOnClose,
                             Map<String, String> overrides) {

    public BrokerSettings {
        overrides = Map.copyOf(overrides);
    }

    /** The local stack's broker: 127.0.0.1:9092 (controller 9093), data kept in {@code dataDir}. */
    public static BrokerSettings persistent(int port, int controllerPort, Path dataDir) {
        return new BrokerSettings(port, controllerPort, dataDir, false, Map.of());
    }

    /** A throw-away broker for a test: free ports, a fresh temporary directory removed on close. */
    public static BrokerSettings ephemeral() {
        try {
            return new BrokerSettings(0, 0, Files.createTempDirectory("parkwatch-kafka-"), true, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BrokerSettings withOverrides(Map<String, String> more) {
        var merged = new java.util.HashMap<>(overrides);
        merged.putAll(more);
        return new BrokerSettings(port, controllerPort, dataDir, deleteOnClose, merged);
    }

    /** Resolves port 0 to a concrete free port, since the KRaft quorum address must be known before start-up. */
    BrokerSettings withConcretePorts() {
        return new BrokerSettings(port == 0 ? freePort() : port, controllerPort == 0 ? freePort() : controllerPort,
                dataDir, deleteOnClose, overrides);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
