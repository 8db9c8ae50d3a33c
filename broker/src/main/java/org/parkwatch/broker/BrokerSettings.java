package org.parkwatch.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the embedded broker listens and keeps its data.
 *
 * @param port             client listener port on 127.0.0.1 (0 picks a free one)
 * @param controllerPort   KRaft controller listener port on 127.0.0.1 (0 picks a free one)
 * @param dataDir          log directory; kept across restarts so topics and offsets survive
 * @param deleteOnClose    whether {@link EmbeddedKafkaBroker#close()} removes {@code dataDir} (tests)
 * @param overrides        extra broker properties, applied last
 * @param security         a SASL_SSL client listener with SCRAM and ACLs; empty: a PLAINTEXT listener open to all
 */
public record BrokerSettings(int port, int controllerPort, Path dataDir, boolean deleteOnClose,
                             Map<String, String> overrides, Optional<BrokerSecurity> security) {

    public BrokerSettings {
        overrides = Map.copyOf(overrides);
        Objects.requireNonNull(security, "security");
    }

    /** The local stack's broker: 127.0.0.1:9092 (controller 9093), data kept in {@code dataDir}. */
    public static BrokerSettings persistent(int port, int controllerPort, Path dataDir) {
        return new BrokerSettings(port, controllerPort, dataDir, false, Map.of(), Optional.empty());
    }

    /** A throw-away broker for a test: free ports, a fresh temporary directory removed on close. */
    public static BrokerSettings ephemeral() {
        try {
            return new BrokerSettings(0, 0, Files.createTempDirectory("parkwatch-kafka-"), true, Map.of(),
                    Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BrokerSettings withOverrides(Map<String, String> more) {
        var merged = new java.util.HashMap<>(overrides);
        merged.putAll(more);
        return new BrokerSettings(port, controllerPort, dataDir, deleteOnClose, merged, security);
    }

    /** The same broker with its client listener on SASL_SSL, authenticating with SCRAM and authorizing with ACLs. */
    public BrokerSettings withSecurity(BrokerSecurity newSecurity) {
        return new BrokerSettings(port, controllerPort, dataDir, deleteOnClose, overrides, Optional.of(newSecurity));
    }

    /** Resolves port 0 to a concrete free port, since the KRaft quorum address must be known before start-up. */
    BrokerSettings withConcretePorts() {
        return new BrokerSettings(port == 0 ? freePort() : port, controllerPort == 0 ? freePort() : controllerPort,
                dataDir, deleteOnClose, overrides, security);
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
