package dev.cdp.tag.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Redis layout, one profile at a time: {@code cdp:tags:{oneId}} holds the current values (one
 * HGETALL serves a read), {@code cdp:tagdays:{oneId}} the day buckets of windowed counters,
 * {@code cdp:tagmsgs:{oneId}} the recent messageIds and {@code cdp:tagmoved:{oneId}} where a
 * merged-away profile's events go. The braces keep a profile's keys in one Redis Cluster slot.
 * All changes run in one script, {@code tags.lua}.
 */
@ApplicationScoped
public class TagStore {

    private static final String SCRIPT = load("/tags.lua");
    private static final String SCRIPT_SHA = sha1(SCRIPT);

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hashes;

    public TagStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
        this.hashes = redis.hash(String.class, String.class, String.class);
    }

    public static String tagsKey(String oneId) {
        return "cdp:tags:{" + oneId + "}";
    }

    /** The stored tag hash of a profile; empty when it has none. */
    public Uni<Map<String, String>> read(String oneId) {
        return hashes.hgetall(tagsKey(oneId));
    }

    /** Reads many profiles; Redis pipelines the concurrent commands on its connections. */
    public Uni<List<Map<String, String>>> readAll(List<String> oneIds) {
        if (oneIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(oneIds.stream().map(this::read).toList()).andFailFast();
    }

    /**
     * Applies one event to a profile.
     *
     * @return null when the messageId was already applied; {@link StoredUpdate#movedTo} set when
     *     the profile merged into another and nothing was applied
     */
    public Uni<StoredUpdate> apply(String oneId, List<String> args) {
        List<String> keys = profileKeys(oneId);
        keys.add(movedKey(oneId));
        return run(keys, "event", args).map(response -> {
            if (response.size() == 0) {
                return null;
            }
            if (response.get(0).type() != ResponseType.MULTI) {
                return StoredUpdate.moved(response.get(1).toString());
            }
            return new StoredUpdate(pairs(response.get(0)), pairs(response.get(1)), null);
        });
    }

    /**
     * Folds an absorbed profile's tag state into the survivor's and points the absorbed profile's
     * late events at it ({@code survivor} is "oneId:ordinal").
     *
     * @return null when there was nothing to fold, as on a replay
     */
    public Uni<StoredUpdate> merge(String survivorOneId, String survivor, String absorbedOneId, List<String> args) {
        List<String> keys = profileKeys(survivorOneId);
        keys.add(movedKey(absorbedOneId));
        keys.addAll(profileKeys(absorbedOneId));
        List<String> all = new ArrayList<>();
        all.add(survivor);
        all.addAll(args);
        return run(keys, "merge", all).map(response -> response.size() == 0
                ? null
                : new StoredUpdate(pairs(response.get(0)), pairs(response.get(1)), null));
    }

    /** By the script's hash; after a Redis restart has emptied the script cache, once with its text. */
    private Uni<Response> run(List<String> keys, String op, List<String> args) {
        return execute("EVALSHA", SCRIPT_SHA, keys, op, args)
                .onFailure(failure -> String.valueOf(failure.getMessage()).startsWith("NOSCRIPT"))
                .recoverWithUni(() -> execute("EVAL", SCRIPT, keys, op, args));
    }

    private Uni<Response> execute(String command, String script, List<String> keys, String op, List<String> args) {
        String[] arguments = Stream.of(Stream.of(script, Integer.toString(keys.size())), keys.stream(), Stream.of(op), args.stream())
                .flatMap(s -> s).toArray(String[]::new);
        return redis.execute(command, arguments);
    }

    private static List<String> profileKeys(String oneId) {
        return new ArrayList<>(List.of(tagsKey(oneId), "cdp:tagdays:{" + oneId + "}", "cdp:tagmsgs:{" + oneId + "}"));
    }

    private static String movedKey(String oneId) {
        return "cdp:tagmoved:{" + oneId + "}";
    }

    private static Map<String, String> pairs(Response flat) {
        Map<String, String> map = new HashMap<>(flat.size());
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(flat.get(i).toString(), flat.get(i + 1).toString());
        }
        return map;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String load(String resource) {
        try (InputStream in = TagStore.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A profile's stored hash before and after one change; or, with {@code movedTo} set
     * ("oneId:ordinal"), the profile it merged into.
     */
    public record StoredUpdate(Map<String, String> before, Map<String, String> after, String movedTo) {

        static StoredUpdate moved(String target) {
            return new StoredUpdate(Map.of(), Map.of(), target);
        }
    }
}
