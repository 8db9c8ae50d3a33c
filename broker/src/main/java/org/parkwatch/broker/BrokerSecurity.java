package org.parkwatch.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * A secured client listener for the embedded broker: SASL_SSL with SCRAM-SHA-512, and Kafka's standard KRaft
 * authorizer, which refuses whatever no ACL allows. The broker's own user and an administrator are super users whose
 * SCRAM credentials are written when the data directory is formatted (as {@code kafka-storage format --add-scram}
 * does), since the broker must authenticate to itself before any Admin call could create them.
 *
 * @param keyStore           the broker's key and certificate (its name must match 127.0.0.1 for clients that verify it)
 * @param keyStorePassword   password of {@code keyStore} and of the key in it
 * @param keyStoreType       PKCS12 or JKS
 * @param trustStore         certificates the broker's own clients (inter-broker, readiness check) trust
 * @param trustStorePassword password of {@code trustStore}; null for a PEM file, which Kafka reads without one
 * @param trustStoreType     PKCS12, JKS or PEM
 * @param brokerUser         the broker's SCRAM user, a super user
 * @param brokerPassword     its password
 * @param adminUser          the administrator's SCRAM user, a super user (creates users and ACLs)
 * @param adminPassword      its password
 */
public record BrokerSecurity(Path keyStore, String keyStorePassword, String keyStoreType, Path trustStore,
                             String trustStorePassword, String trustStoreType, String brokerUser,
                             String brokerPassword, String adminUser, String adminPassword) {

    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
    static final String LISTENER = "SASL_SSL";

    public BrokerSecurity {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(trustStore, "trustStore");
        for (String user : List.of(brokerUser, adminUser)) {
            requireScramSafe(user);
        }
        requireScramSafe(brokerPassword);
        requireScramSafe(adminPassword);
    }

    /**
     * Reads the settings from a properties file: {@code keystore.location}, {@code keystore.password},
     * {@code keystore.type} (PKCS12), {@code truststore.location}, {@code truststore.password} (none for PEM),
     * {@code truststore.type} (PEM), {@code broker.user}, {@code broker.password}, {@code admin.user},
     * {@code admin.password}.
     *
     * @throws IllegalArgumentException naming a missing key
     */
    public static BrokerSecurity fromProperties(Properties p) {
        return new BrokerSecurity(Path.of(required(p, "keystore.location")), required(p, "keystore.password"),
                p.getProperty("keystore.type", "PKCS12"), Path.of(required(p, "truststore.location")),
                p.getProperty("truststore.password"), p.getProperty("truststore.type", "PEM"),
                required(p, "broker.user"), required(p, "broker.password"), required(p, "admin.user"),
                required(p, "admin.password"));
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Broker security settings lack " + key);
        }
        return value;
    }

    /** The broker properties of the secured listener; the caller adds the listener addresses. */
    Map<String, String> brokerProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("inter.broker.listener.name", LISTENER);
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(brokerUser, brokerPassword));
        p.put("ssl.keystore.location", keyStore.toAbsolutePath().toString());
        p.put("ssl.keystore.password", keyStorePassword);
        p.put("ssl.key.password", keyStorePassword);
        p.put("ssl.keystore.type", keyStoreType);
        p.put("ssl.truststore.location", trustStore.toAbsolutePath().toString());
        putTrustStorePassword(p);
        p.put("ssl.truststore.type", trustStoreType);
        p.put("authorizer.class.name", AUTHORIZER);
        p.put("allow.everyone.if.no.acl.found", "false");
        // The controller listener stays PLAINTEXT on loopback: KRaft controllers cannot check SCRAM (the credentials
        // live in the metadata they serve), so the broker reaches its own controller as ANONYMOUS, which must be a
        // super user there. No client listener accepts ANONYMOUS: SASL_SSL always names its user.
        p.put("super.users", "User:" + brokerUser + ";User:" + adminUser + ";User:ANONYMOUS");
        return p;
    }

    /** SCRAM credentials the formatter writes into the new cluster's metadata. */
    List<String> formatScramArguments() {
        return List.of(scramArgument(brokerUser, brokerPassword), scramArgument(adminUser, adminPassword));
    }

    /** Client settings of {@code user} on this listener: SASL_SSL, SCRAM-SHA-512, trusting {@link #trustStore}. */
    public Map<String, String> clientProperties(String user, String password) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", LISTENER);
        p.put("sasl.mechanism", MECHANISM);
        p.put("sasl.jaas.config", jaas(user, password));
        p.put("ssl.truststore.location", trustStore.toAbsolutePath().toString());
        putTrustStorePassword(p);
        p.put("ssl.truststore.type", trustStoreType);
        return p;
    }

    private void putTrustStorePassword(Map<String, String> p) {
        if (trustStorePassword != null) {
            p.put("ssl.truststore.password", trustStorePassword);
        }
    }

    /** The administrator's client settings. */
    public Map<String, String> adminClientProperties() {
        return clientProperties(adminUser, adminPassword);
    }

    public static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static String scramArgument(String user, String password) {
        return MECHANISM + "=[name=" + user + ",password=" + password + "]";
    }

    /** The formatter's argument syntax and JAAS quoting both break on these, so refuse them up front. */
    private static void requireScramSafe(String value) {
        if (value == null || value.isEmpty() || value.chars().anyMatch(c -> c == '"' || c == ',' || c == '='
                || c == '[' || c == ']' || c == '\\' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("SCRAM user names and passwords of the embedded broker must be "
                    + "non-empty, without quotes, commas, equals signs, brackets, backslashes or spaces");
        }
    }

    @Override
    public String toString() {
        return "BrokerSecurity[keyStore=" + keyStore + ", trustStore=" + trustStore + ", brokerUser=" + brokerUser
                + ", adminUser=" + adminUser + "]";
    }
}
