package org.parkwatch.deploy.acl;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.parkwatch.deploy.admin.StartupRefusedException;
import org.parkwatch.deploy.config.KafkaConnection;

/** Creates ACLs through the Admin API, leaving those already there alone, so applying twice changes nothing. */
public final class AclAdmin implements AutoCloseable {

    private final Admin admin;
    private final Duration timeout;

    private AclAdmin(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    public static AclAdmin connect(KafkaConnection kafka, Duration timeout) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        return new AclAdmin(Admin.create(props), timeout);
    }

    /** What applying did: the ACLs created and those that were already there. */
    public record Applied(List<AclBinding> created, List<AclBinding> present) {
    }

    /**
     * Creates whichever of {@code wanted} the cluster lacks; ACLs it holds beyond them are left as they are.
     *
     * @throws StartupRefusedException when the cluster refuses (no authorizer, or a user not allowed to alter ACLs)
     */
    public Applied apply(Collection<AclBinding> wanted) {
        Set<AclBinding> existing = Set.copyOf(call(admin.describeAcls(AclBindingFilter.ANY).values(), "read"));
        Set<AclBinding> missing = new LinkedHashSet<>(wanted);
        missing.removeAll(existing);
        if (!missing.isEmpty()) {
            call(admin.createAcls(missing).all(), "create");
        }
        List<AclBinding> present = wanted.stream().filter(existing::contains).distinct().toList();
        return new Applied(List.copyOf(missing), present);
    }

    private <T> T call(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new StartupRefusedException("The Kafka cluster refused to " + what + " ACLs: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new StartupRefusedException("The Kafka cluster did not " + what + " ACLs within "
                    + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupRefusedException("Interrupted while asking the Kafka cluster to " + what + " ACLs", e);
        }
    }

    @Override
    public void close() {
        admin.close(timeout);
    }
}
