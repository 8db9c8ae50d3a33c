package org.parkwatch.api;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.streams.state.HostInfo;
import org.parkwatch.topology.AccountingSettings;

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
 * @param calendarZone  zone of the pipeline's accounting calendar, by which the API says which hour, day, month and
 *                      year are current
 */
public record ApiSettings(String host, int port, Optional<String> requiredToken, List<String> corsOrigins,
                          Optional<HostInfo> advertised, Optional<ApiTls> tls, ZoneId calendarZone) {

    public ApiSettings {
        corsOrigins = List.copyOf(corsOrigins);
        requiredToken = requiredToken.filter(t -> !t.isEmpty());
        Objects.requireNonNull(calendarZone, "calendarZone");
    }

    /** A single-instance API on HTTP without authentication or CORS, on the pipeline's default calendar. */
    public static ApiSettings local(String host, int port) {
        return new ApiSettings(host, port, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                AccountingSettings.defaults().zone());
    }

    public ApiSettings withCalendarZone(ZoneId zone) {
        return new ApiSettings(host, port, requiredToken, corsOrigins, advertised, tls, zone);
    }

    public ApiSettings withToken(String token) {
        return new ApiSettings(host, port, Optional.ofNullable(token), corsOrigins, advertised, tls, calendarZone);
    }

    public ApiSettings withCorsOrigins(List<String> origins) {
        return new ApiSettings(host, port, requiredToken, origins, advertised, tls, calendarZone);
    }

    public ApiSettings withTls(ApiTls newTls) {
        return new ApiSettings(host, port, requiredToken, corsOrigins, advertised, Optional.of(newTls), calendarZone);
    }

    /** Sets the address other instances forward requests to; it must equal the pipeline's application.server. */
    public ApiSettings advertisedAs(String advertisedHost, int advertisedPort) {
        return new ApiSettings(host, port, requiredToken, corsOrigins,
                Optional.of(new HostInfo(advertisedHost, advertisedPort)), tls, calendarZone);
    }

    /**
     * The value of Kafka Streams' {@code application.server} for this API, when it is advertised: set it in the
     * pipeline's configuration so that other instances know where to forward queries for keys this one holds.
     */
    public Optional<String> applicationServer() {
        return advertised.map(h -> h.host() + ":" + h.port());
    }
}
