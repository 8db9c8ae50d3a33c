package org.parkwatch.deploy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.parkwatch.serde.SerdeSettings;
import org.parkwatch.serde.registry.RegistryClientSettings;

/**
 * How ParkWatch reaches the Schema Registry: URLs, optional basic auth and TLS stores, timeouts, and whether its
 * serializers register the schemas they write.
 *
 * @param autoRegister whether serializers register new schemas; off where schemas are registered by a release step
 */
public record RegistryConnection(RegistryClientSettings clientSettings, boolean autoRegister) {

    public static final String URL = "parkwatch.schema.registry.url";
    public static final String BASIC_AUTH_USER_INFO = "parkwatch.schema.registry.basic.auth.user.info";
    public static final String TRUSTSTORE_LOCATION = "parkwatch.schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "parkwatch.schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "parkwatch.schema.registry.ssl.truststore.type";
    public static final String KEYSTORE_LOCATION = "parkwatch.schema.registry.ssl.keystore.location";
    public static final String KEYSTORE_PASSWORD = "parkwatch.schema.registry.ssl.keystore.password";
    public static final String KEYSTORE_TYPE = "parkwatch.schema.registry.ssl.keystore.type";
    public static final String CONNECT_TIMEOUT_MS = "parkwatch.schema.registry.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "parkwatch.schema.registry.request.timeout.ms";
    public static final String AUTO_REGISTER = "parkwatch.schema.registry.auto.register";

    private static final String[] STORE_TYPES = {"PKCS12", "JKS"};

    public static ConfigDef definition() {
        return new ConfigDef()
                .define(URL, Type.LIST, "http://127.0.0.1:8081", ConfigDef.ValidList.anyNonDuplicateValues(false, false),
                        Importance.HIGH, "Schema Registry base URLs, comma-separated, tried in turn.")
                .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, "", Importance.MEDIUM,
                        "HTTP basic auth credentials as user:password; empty for none.")
                .define(TRUSTSTORE_LOCATION, Type.STRING, "", Importance.MEDIUM,
                        "Trust store of the registry's TLS certificate; empty to use the JDK's trusted roots.")
                .define(TRUSTSTORE_PASSWORD, Type.PASSWORD, "", Importance.MEDIUM, "Password of the trust store.")
                .define(TRUSTSTORE_TYPE, Type.STRING, "PKCS12", ValidString.in(STORE_TYPES), Importance.LOW,
                        "Type of the trust store.")
                .define(KEYSTORE_LOCATION, Type.STRING, "", Importance.MEDIUM,
                        "Key store with the client certificate for mutual TLS; empty for none.")
                .define(KEYSTORE_PASSWORD, Type.PASSWORD, "", Importance.MEDIUM, "Password of the key store.")
                .define(KEYSTORE_TYPE, Type.STRING, "PKCS12", ValidString.in(STORE_TYPES), Importance.LOW,
                        "Type of the key store.")
                .define(CONNECT_TIMEOUT_MS, Type.INT, 10_000, Range.atLeast(1), Importance.LOW,
                        "Connect timeout per registry URL.")
                .define(REQUEST_TIMEOUT_MS, Type.INT, 30_000, Range.atLeast(1), Importance.LOW,
                        "Timeout of one registry request.")
                .define(AUTO_REGISTER, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Whether serializers register the schemas they write; set false where schemas are "
                                + "registered by the release process and the registry refuses writes.");
    }

    @SuppressWarnings("unchecked")
    public static RegistryConnection from(Map<String, ?> values) {
        Map<String, Object> parsed = definition().parse(values);
        List<String> urls = (List<String>) parsed.get(URL);
        RegistryClientSettings settings;
        try {
            settings = RegistryClientSettings.forUrls(urls);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(URL, urls, e.getMessage());
        }
        String userInfo = ((Password) parsed.get(BASIC_AUTH_USER_INFO)).value();
        if (!userInfo.isEmpty()) {
            if (!userInfo.contains(":")) {
                // The value is a secret, so the exception names the key but not what was given.
                throw new ConfigException(BASIC_AUTH_USER_INFO + " must have the form user:password");
            }
            settings = settings.withBasicAuth(userInfo);
        }
        String trustStore = (String) parsed.get(TRUSTSTORE_LOCATION);
        if (!trustStore.isBlank()) {
            settings = settings.withTrustStore(Path.of(trustStore),
                    ((Password) parsed.get(TRUSTSTORE_PASSWORD)).value(), (String) parsed.get(TRUSTSTORE_TYPE));
        }
        String keyStore = (String) parsed.get(KEYSTORE_LOCATION);
        if (!keyStore.isBlank()) {
            settings = settings.withKeyStore(Path.of(keyStore), ((Password) parsed.get(KEYSTORE_PASSWORD)).value(),
                    (String) parsed.get(KEYSTORE_TYPE));
        }
        settings = settings
                .withConnectTimeout(Duration.ofMillis((Integer) parsed.get(CONNECT_TIMEOUT_MS)))
                .withRequestTimeout(Duration.ofMillis((Integer) parsed.get(REQUEST_TIMEOUT_MS)));
        return new RegistryConnection(settings, (Boolean) parsed.get(AUTO_REGISTER));
    }

    public static RegistryConnection defaults() {
        return from(Map.of());
    }

    /** Settings of the value serdes of every ParkWatch topic: topic-name subjects, registration as configured. */
    public SerdeSettings valueSerdeSettings() {
        return SerdeSettings.forValue().withAutoRegister(autoRegister);
    }
}
