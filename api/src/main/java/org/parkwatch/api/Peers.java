package org.parkwatch.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The two ways a query involves other instances: a request for a key held elsewhere is relayed to its holder, and a
 * list over every key merges this instance's answer with every other instance's local answer.
 */
final class Peers {

    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final ClusterRouter router;
    private final PeerClient client;

    Peers(ClusterRouter router, PeerClient client) {
        this.router = router;
        this.client = client;
    }

    static boolean isForwarded(Context ctx) {
        return ctx.header(PeerClient.FORWARDED_HEADER) != null;
    }

    /**
     * Relays the request to the instance holding {@code key} of {@code store}, when that is another one.
     *
     * @return true when the answer came from another instance and is already in {@code ctx}
     */
    boolean relayed(Context ctx, String store, String key) {
        if (isForwarded(ctx)) {
            return false;
        }
        var owner = router.ownerElsewhere(store, key);
        if (owner.isEmpty()) {
            return false;
        }
        String query = ctx.queryString();
        PeerClient.Answer answer = client.get(owner.get(), ctx.path() + (query == null ? "" : "?" + query));
        ctx.status(answer.status()).contentType("application/json").result(answer.body());
        return true;
    }

    /** This instance's items followed by those of every other instance holding part of one of {@code stores}. */
    List<Map<String, Object>> gatherList(Context ctx, List<String> stores, String internalPath,
                                         Supplier<List<Map<String, Object>>> local) {
        List<Map<String, Object>> all = new ArrayList<>(local.get());
        if (!isForwarded(ctx)) {
            for (HostInfo peer : router.otherInstances(stores.toArray(String[]::new))) {
                all.addAll(parse(peer, client.get(peer, internalPath), LIST));
            }
        }
        return all;
    }

    /** This instance's entries merged with those of every other instance holding part of {@code store}. */
    Map<String, Object> gatherMap(Context ctx, String store, String internalPath,
                                  Supplier<Map<String, Object>> local) {
        Map<String, Object> all = new TreeMap<>(local.get());
        if (!isForwarded(ctx)) {
            for (HostInfo peer : router.otherInstances(store)) {
                all.putAll(parse(peer, client.get(peer, internalPath), OBJECT));
            }
        }
        return all;
    }

    private static <T> T parse(HostInfo peer, PeerClient.Answer answer, TypeReference<T> type) {
        try {
            if (answer.status() != 200) {
                Map<String, Object> error = JsonViews.objectMapper().readValue(answer.body(), OBJECT);
                throw new ApiException(HttpStatus.Companion.forStatus(answer.status()),
                        "instance " + peer.host() + ":" + peer.port() + " answered: " + error.get("message"));
            }
            return JsonViews.objectMapper().readValue(answer.body(), type);
        } catch (JsonProcessingException e) {
            throw ApiException.unavailable("instance " + peer.host() + ":" + peer.port()
                    + " answered with something other than JSON (status " + answer.status() + ")");
        }
    }
}
