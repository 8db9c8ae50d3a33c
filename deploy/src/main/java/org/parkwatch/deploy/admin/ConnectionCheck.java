package org.parkwatch.deploy.admin;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.parkwatch.deploy.config.KafkaConnection;
import org.parkwatch.deploy.config.RegistryConnection;
import org.parkwatch.serde.registry.RegistryClientSettings;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;

/**
 * Asks the Kafka cluster and the Schema Registry for an answer before a command relies on them, so that an
 * unreachable one is reported at once, by name, rather than after Kafka's clients have retried in silence for a
 * minute or more.
 */
public final class ConnectionCheck {

    private final Duration timeout;

    /** @param timeout how long each service may take to answer */
    public ConnectionCheck(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
    }

    /**
     * Asks the cluster for its brokers, with the client settings ParkWatch uses (security included).
     *
     * @throws StartupRefusedException naming the bootstrap servers when no broker answers in time or the cluster
     *                                 refuses the connection (authentication, TLS)
     */
    public void kafka(KafkaConnection kafka) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        // A connection attempt to an address that drops packets would otherwise outlast the check (10 s, then more).
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, millis);
        String where = "the Kafka cluster at " + kafka.bootstrapServers() + " (" + KafkaConnection.BOOTSTRAP_SERVERS
                + ")";
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) {
            throw new StartupRefusedException("Cannot reach " + where + ": " + reason(e), e);
        }
        boolean answered = false;
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).nodes()
                    .get(millis + 1_000L, TimeUnit.MILLISECONDS);
            answered = true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new StartupRefusedException("Cannot reach " + where + ": no answer within " + seconds(),
                        e.getCause());
            }
            throw new StartupRefusedException("Cannot use " + where + ": " + reason(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new StartupRefusedException("Cannot reach " + where + ": no answer within " + seconds(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupRefusedException("Interrupted while connecting to " + where, e);
        } finally {
            if (answered) {
                admin.close(Duration.ZERO);
            } else {
                // Closing waits for the client's thread, which may be stuck connecting; the command is over anyway.
                daemonThread().execute(() -> admin.close(Duration.ZERO));
            }
        }
    }

    /**
     * Lists the registry's subjects, with ParkWatch's registry settings (credentials, TLS), every URL in turn.
     *
     * @throws StartupRefusedException naming the registry URLs when none answers in time, or one answers with an
     *                                 error (credentials refused, for example)
     */
    public void registry(RegistryConnection registry) {
        RegistryClientSettings settings = registry.clientSettings();
        String where = "the Schema Registry at " + String.join(",", settings.urls().stream().map(Object::toString)
                .toList()) + " (" + RegistryConnection.URL + ")";
        RestSchemaRegistryClient client = new RestSchemaRegistryClient(settings
                .withConnectTimeout(shorter(settings.connectTimeout()))
                .withRequestTimeout(shorter(settings.requestTimeout())));
        // One overall deadline, however many URLs there are to try.
        CompletableFuture<?> answer = CompletableFuture.supplyAsync(client::subjects, daemonThread());
        try {
            answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // No answer at all is an I/O failure; an answer with an error status (401, 503...) a RegistryException.
            String verb = e.getCause() instanceof UncheckedIOException ? "Cannot reach " : "Cannot use ";
            throw new StartupRefusedException(verb + where + ": " + reason(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new StartupRefusedException("Cannot reach " + where + ": no answer within " + seconds(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupRefusedException("Interrupted while connecting to " + where, e);
        }
    }

    private Duration shorter(Duration configured) {
        return configured.compareTo(timeout) < 0 ? configured : timeout;
    }

    private String seconds() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static Executor daemonThread() {
        return task -> {
            Thread thread = new Thread(task, "parkwatch-connection-check");
            thread.setDaemon(true);
            thread.start();
        };
    }

    /** The innermost message, which names the actual failure (connection refused, unknown host, 401...). */
    private static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String outer = failure.getMessage();
        return outer == null || outer.equals(message) || cause == failure ? message : outer + " (" + message + ")";
    }
}
