package org.parkwatch.api;

import java.util.List;
import java.util.Optional;

import org.apache.kafka.streams.state.HostInfo;

/**
 * Where the API listens and whom it serves.
 *
 * @param host          address to bind
 * @param port          port to bind; 0 picks a free one
 * @param requiredToken bearer token every /api and /internal request must present; empty turns authentication off
 * @param corsOrigins   browser origins allowed cross-origin requests; empty allows none
 * @param advertised    this instance's {@code application.server} (host:port other instances reach this API at);
 *                      empty when the pipeline runs as a single instance
 * @param tls           HTTPS instead of HTTP, for this instance and the instances it forwards to; empty for HTTP
 */
public record ApiSettings(String host, int port, Optional<String> requiredToken, List<String> corsOrigins,
                          Optional<HostInfo> advertised, Optional<ApiTls> tls) {

    public ApiSettings {
        corsOrigins = List.copyOf(corsOrigins);
        requiredToken = requiredToken.filter(t -> !t.isEmpty());
    }

    /** A single-instance API on HTTP without authentication or CORS. */
    public static ApiSettings local(String host, int port) {
        return new ApiSettings(host, port, Optional.empty(), List.of(), Optional.empty(), Optional.empty());
    }

    public ApiSettings withToken(String token) {
        return new ApiSettings(host, port, Optional.ofNullable(token), corsOrigins, advertised, tls);
    }

    public ApiSettings withCorsOrigins(List<String> origins) {
        return new ApiSettings(host, port, requiredToken, origins, advertised, tls);
    }

    public ApiSettings withTls(ApiTls newTls) {
        return new ApiSettings(host, port, requiredToken, corsOrigins, advertised, Optional.of(newTls));
    }

    /** Sets the address other instances forward requests to; it must equal the pipeline's application.server. */
    public ApiSettings advertisedAs(String advertisedHost, int advertisedPort) {
        return new ApiSettings(host, port, requiredToken, corsOrigins,
                Optional.of(new HostInfo(advertisedHost, advertisedPort)), tls);
    }

    /**
     * The value of Kafka Streams' {@code application.server} for this API, when it is advertised: set it in the
     * pipeline's configuration so that other instances know where to forward queries for keys this one holds.
     */
    public Optional<String> applicationServer() {
        return advertised.map(h -> h.host() + ":" + h.port());
    }
}
