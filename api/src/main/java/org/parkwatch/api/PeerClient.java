package org.parkwatch.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import io.javalin.http.HttpStatus;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance of the API over HTTP. Requests carry a marker header so that the receiving instance
 * answers from its own stores and never forwards again, whatever it believes about ownership at that moment.
 */
final class PeerClient {

    /** Marks a request forwarded by a peer: answer locally. */
    static final String FORWARDED_HEADER = "X-ParkWatch-Forwarded";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final Optional<String> token;
    private final String scheme;

    PeerClient(Optional<String> token, Optional<ApiTls> tls) {
        this.token = token;
        this.scheme = tls.isPresent() ? "https" : "http";
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        tls.ifPresent(t -> builder.sslContext(t.peerContext()));
        this.http = builder.build();
    }

    /** A peer's answer: its status and JSON body. */
    record Answer(int status, String body) {
    }

    /**
     * GETs {@code pathAndQuery} (starting with /) from {@code host}.
     *
     * @throws ApiException 503 when the peer cannot be reached
     */
    Answer get(HostInfo host, String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(scheme + "://" + host.host() + ":" + host.port() + pathAndQuery))
                .timeout(TIMEOUT).header(FORWARDED_HEADER, "1").header("Accept", "application/json").GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                    "instance " + host.host() + ":" + host.port() + " holding the data cannot be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while asking instance " + host.host() + ":" + host.port());
        }
    }
}
