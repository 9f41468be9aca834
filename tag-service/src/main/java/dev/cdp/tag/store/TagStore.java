package dev.cdp.tag.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Redis layout, one profile at a time: {@code cdp:tags:{oneId}} holds the current values (one
 * HGETALL serves a read), {@code cdp:tagdays:{oneId}} the day buckets of windowed counters and
 * {@code cdp:tagmsgs:{oneId}} the recent messageIds. The braces keep a profile's keys in one
 * Redis Cluster slot, which the update script needs.
 */
@ApplicationScoped
public class TagStore {

    private static final String UPDATE_SCRIPT = load("/tag-update.lua");
    private static final String UPDATE_SCRIPT_SHA = sha1(UPDATE_SCRIPT);

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
     * Runs the update script for one event by its hash; after a Redis restart has emptied the
     * script cache, once with its text.
     *
     * @return null when the messageId was already applied
     */
    public Uni<StoredUpdate> apply(String oneId, List<String> args) {
        return run("EVALSHA", UPDATE_SCRIPT_SHA, oneId, args)
                .onFailure(failure -> String.valueOf(failure.getMessage()).startsWith("NOSCRIPT"))
                .recoverWithUni(() -> run("EVAL", UPDATE_SCRIPT, oneId, args))
                .map(response -> response.size() == 0
                        ? null
                        : new StoredUpdate(pairs(response.get(0)), pairs(response.get(1))));
    }

    private Uni<Response> run(String command, String script, String oneId, List<String> args) {
        String[] arguments = Stream.concat(
                Stream.of(script, "3", tagsKey(oneId), "cdp:tagdays:{" + oneId + "}", "cdp:tagmsgs:{" + oneId + "}"),
                args.stream()).toArray(String[]::new);
        return redis.execute(command, arguments);
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

    /** A profile's stored hash before and after one event. */
    public record StoredUpdate(Map<String, String> before, Map<String, String> after) {
    }
}
