package org.parkwatch.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The two ways a query involves other instances: a request for a key held elsewhere is relayed to its holder, and a
 * list over every key merges this instance's answer with every other instance's local answer. A list missing the
 * part of an instance that does not answer is never given as if it were whole: the request fails with 503, naming
 * every such instance.
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

    /**
     * This instance's items followed by those of every other instance holding part of one of {@code stores}. The
     * internal paths answer from the asked instance's stores only, so even a relayed request may gather.
     *
     * @throws ApiException 503 naming the instances that did not answer
     */
    List<Map<String, Object>> gatherList(List<String> stores, String internalPath,
                                         Supplier<List<Map<String, Object>>> local) {
        List<Map<String, Object>> all = new ArrayList<>(local.get());
        gather(router.otherInstances(stores.toArray(String[]::new)), internalPath, LIST, all::addAll);
        return all;
    }

    /**
     * This instance's entries merged with those of every other instance holding part of {@code store}.
     *
     * @throws ApiException 503 naming the instances that did not answer
     */
    Map<String, Object> gatherMap(String store, String internalPath, Supplier<Map<String, Object>> local) {
        Map<String, Object> all = new TreeMap<>(local.get());
        gather(router.otherInstances(store), internalPath, OBJECT, all::putAll);
        return all;
    }

    /** Asks every peer, then fails once for all those that did not answer. */
    private <T> void gather(List<HostInfo> peers, String internalPath, TypeReference<T> type, Consumer<T> sink) {
        Map<String, String> missing = new LinkedHashMap<>();
        for (HostInfo peer : peers) {
            try {
                sink.accept(parse(peer, client.get(peer, internalPath), type));
            } catch (ApiException e) {
                missing.put(peer.host() + ":" + peer.port(), e.getMessage());
            }
        }
        if (!missing.isEmpty()) {
            throw ApiException.incomplete(List.copyOf(missing.keySet()), "incomplete answer, retry shortly: "
                    + missing.size() + " of " + (peers.size() + 1) + " instances did not give their part: "
                    + String.join("; ", missing.values()));
        }
    }

    private static <T> T parse(HostInfo peer, PeerClient.Answer answer, TypeReference<T> type) {
        try {
            if (answer.status() != 200) {
                Map<String, Object> error = JsonViews.objectMapper().readValue(answer.body(), OBJECT);
                throw new ApiException(HttpStatus.Companion.forStatus(answer.status()),
                        "instance " + peer.host() + ":" + peer.port() + " answered " + answer.status() + ": "
                                + error.get("message"));
            }
            return JsonViews.objectMapper().readValue(answer.body(), type);
        } catch (JsonProcessingException e) {
            throw ApiException.unavailable("instance " + peer.host() + ":" + peer.port()
                    + " answered with something other than JSON (status " + answer.status() + ")");
        }
    }
}
