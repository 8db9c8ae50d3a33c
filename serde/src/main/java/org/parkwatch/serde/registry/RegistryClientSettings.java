package org.parkwatch.serde.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How to reach the schema registry: base URLs tried in turn, optional basic-auth credentials, optional TLS trust and
 * key stores, and timeouts. Immutable; the {@code with...} methods return changed copies.
 */
public final class RegistryClientSettings {

    /** A key or trust store file. The password is left out of {@link #toString()}. */
    public record StoreFile(Path location, String password, String type) {

        public StoreFile {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(type, "type");
        }

        @Override
        public String toString() {
            return "StoreFile[location=" + location + ", type=" + type + "]";
        }
    }

    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final List<URI> urls;
    private final String basicAuthUserInfo;
    private final StoreFile trustStore;
    private final StoreFile keyStore;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    private RegistryClientSettings(List<URI> urls, String basicAuthUserInfo, StoreFile trustStore,
            StoreFile keyStore, Duration connectTimeout, Duration requestTimeout) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry URL is needed");
        }
        this.urls = List.copyOf(urls);
        this.basicAuthUserInfo = basicAuthUserInfo;
        this.trustStore = trustStore;
        this.keyStore = keyStore;
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** Settings for these base URLs (for example {@code http://127.0.0.1:8081}), no auth, no TLS stores. */
    public static RegistryClientSettings forUrls(String... urls) {
        return forUrls(List.of(urls));
    }

    /** Settings for these base URLs, no auth, no TLS stores. */
    public static RegistryClientSettings forUrls(List<String> urls) {
        List<URI> parsed = new ArrayList<>();
        for (String url : urls) {
            parsed.add(parseUrl(url));
        }
        return new RegistryClientSettings(parsed, null, null, null, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * Reads Confluent's client keys ({@link RegistryClientConfig}): {@code schema.registry.url},
     * {@code basic.auth.credentials.source} (URL or USER_INFO), {@code basic.auth.user.info} and the
     * {@code schema.registry.ssl.*} stores.
     *
     * @throws ConfigException when no URL is given or a value is invalid
     */
    public static RegistryClientSettings fromConfig(Map<String, ?> configs) {
        RegistryClientConfig config = new RegistryClientConfig(configs);
        List<String> rawUrls = config.getList(RegistryClientConfig.SCHEMA_REGISTRY_URL);
        if (rawUrls.isEmpty()) {
            throw new ConfigException("Missing required configuration \""
                    + RegistryClientConfig.SCHEMA_REGISTRY_URL + "\" which has no default value.");
        }
        List<URI> urls = new ArrayList<>();
        String userInfoFromUrl = null;
        for (String raw : rawUrls) {
            URI url;
            try {
                url = parseUrl(raw);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(RegistryClientConfig.SCHEMA_REGISTRY_URL, raw, e.getMessage());
            }
            if (url.getRawUserInfo() != null && userInfoFromUrl == null) {
                userInfoFromUrl = url.getUserInfo();
            }
            urls.add(withoutUserInfo(url));
        }
        String userInfo = null;
        if (RegistryClientConfig.SOURCE_USER_INFO.equals(
                config.getString(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE))) {
            userInfo = passwordValue(config.getPassword(RegistryClientConfig.BASIC_AUTH_USER_INFO));
            if (userInfo == null || userInfo.isEmpty()) {
                throw new ConfigException(RegistryClientConfig.BASIC_AUTH_USER_INFO + " must be user:password when "
                        + RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE + " is USER_INFO");
            }
        } else {
            userInfo = userInfoFromUrl;
        }
        return new RegistryClientSettings(urls, userInfo,
                store(config, RegistryClientConfig.TRUSTSTORE_LOCATION, RegistryClientConfig.TRUSTSTORE_PASSWORD,
                        RegistryClientConfig.TRUSTSTORE_TYPE),
                store(config, RegistryClientConfig.KEYSTORE_LOCATION, RegistryClientConfig.KEYSTORE_PASSWORD,
                        RegistryClientConfig.KEYSTORE_TYPE),
                Duration.ofMillis(config.getInt(RegistryClientConfig.CONNECT_TIMEOUT_MS)),
                Duration.ofMillis(config.getInt(RegistryClientConfig.REQUEST_TIMEOUT_MS)));
    }

    /** A copy that sends HTTP basic auth with {@code user:password}. */
    public RegistryClientSettings withBasicAuth(String userInfo) {
        Objects.requireNonNull(userInfo, "userInfo");
        return new RegistryClientSettings(urls, userInfo, trustStore, keyStore, connectTimeout, requestTimeout);
    }

    /** A copy that trusts the certificates in this store (type JKS or PKCS12). */
    public RegistryClientSettings withTrustStore(Path location, String password, String type) {
        return new RegistryClientSettings(urls, basicAuthUserInfo, new StoreFile(location, password, type),
                keyStore, connectTimeout, requestTimeout);
    }

    /** A copy that presents the client certificate in this store (type JKS or PKCS12). */
    public RegistryClientSettings withKeyStore(Path location, String password, String type) {
        return new RegistryClientSettings(urls, basicAuthUserInfo, trustStore,
                new StoreFile(location, password, type), connectTimeout, requestTimeout);
    }

    /** A copy with this connect timeout per URL. */
    public RegistryClientSettings withConnectTimeout(Duration timeout) {
        return new RegistryClientSettings(urls, basicAuthUserInfo, trustStore, keyStore, timeout, requestTimeout);
    }

    /** A copy with this timeout per request. */
    public RegistryClientSettings withRequestTimeout(Duration timeout) {
        return new RegistryClientSettings(urls, basicAuthUserInfo, trustStore, keyStore, connectTimeout, timeout);
    }

    public List<URI> urls() {
        return urls;
    }

    public Optional<String> basicAuthUserInfo() {
        return Optional.ofNullable(basicAuthUserInfo);
    }

    public Optional<StoreFile> trustStore() {
        return Optional.ofNullable(trustStore);
    }

    public Optional<StoreFile> keyStore() {
        return Optional.ofNullable(keyStore);
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    @Override
    public String toString() {
        return "RegistryClientSettings[urls=" + urls + ", basicAuth=" + (basicAuthUserInfo != null)
                + ", trustStore=" + trustStore + ", keyStore=" + keyStore + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + "]";
    }

    private static URI parseUrl(String raw) {
        String trimmed = raw.strip();
        // A trailing slash would double up with the API paths, which all start with one.
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI url;
        try {
            url = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + raw, e);
        }
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("schema registry URL must be http or https: " + raw);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("schema registry URL has no host: " + raw);
        }
        return url;
    }

    private static URI withoutUserInfo(URI url) {
        if (url.getRawUserInfo() == null) {
            return url;
        }
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
    }

    private static StoreFile store(RegistryClientConfig config, String locationKey, String passwordKey,
            String typeKey) {
        String location = config.getString(locationKey);
        if (location == null || location.isBlank()) {
            return null;
        }
        return new StoreFile(Path.of(location), passwordValue(config.getPassword(passwordKey)),
                config.getString(typeKey));
    }

    private static String passwordValue(Password password) {
        return password == null ? null : password.value();
    }
}
