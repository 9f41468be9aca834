package dev.cdp.tag.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.tag.value.Value;
import dev.cdp.tag.window.WindowState;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Redis layout, one profile at a time: {@code cdp:tags:{oneId}} holds the current values (one
 * HGETALL serves a read), {@code cdp:tagstate:{oneId}} the rule tags' buckets and the version,
 * {@code cdp:tagmsgs:{oneId}} the recent messageIds, {@code cdp:tagmoved:{oneId}} where a
 * merged-away profile's events go; {@code cdp:tagexpiry} indexes profiles by when a windowed
 * value next changes. The braces keep a profile's keys in one Redis Cluster slot. Every write
 * runs in {@code tags.lua}, checked against the version it was computed from.
 */
@ApplicationScoped
public class TagStore {

    public static final String EXPIRY_KEY = "cdp:tagexpiry";
    private static final String TAGS_PREFIX = "cdp:tags:{";
    private static final String SCRIPT = load("/tags.lua");
    private static final String SCRIPT_SHA = sha1(SCRIPT);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReactiveRedisDataSource redis;
    private final EventLoopRedis reads;
    private final ReactiveSortedSetCommands<String, String> sortedSets;

    public TagStore(ReactiveRedisDataSource redis, EventLoopRedis reads) {
        this.redis = redis;
        this.reads = reads;
        this.sortedSets = redis.sortedSet(String.class, String.class);
    }

    public static String tagsKey(String oneId) {
        return TAGS_PREFIX + oneId + "}";
    }

    /**
     * The stored values of a profile, decoded; empty when it has none. The hot read: sent on the
     * event loop's own connection, its raw HGETALL reply walked once.
     */
    public Uni<Map<String, Value>> values(String oneId) {
        return reads.send(Request.cmd(Command.HGETALL).arg(tagsKey(oneId))).map(TagStore::decode);
    }

    /** Reads many profiles; Redis pipelines the concurrent commands on its connections. */
    public Uni<List<Map<String, Value>>> values(List<String> oneIds) {
        if (oneIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(oneIds.stream().map(this::values).toList()).andFailFast();
    }

    /**
     * One step of a walk over every profile that has values: Redis SCAN from {@code cursor} ("0"
     * starts), about {@code count} keys per step. Redis gives no order, and a profile may come
     * twice while it resizes its table; a walk ends when the cursor comes back "0".
     */
    public Uni<ScanStep> scan(String cursor, int count) {
        return redis.execute("SCAN", cursor, "MATCH", TAGS_PREFIX + "*", "COUNT", Integer.toString(count))
                .map(response -> {
                    List<String> oneIds = new ArrayList<>();
                    response.get(1).forEach(key -> {
                        String text = key.toString();
                        oneIds.add(text.substring(TAGS_PREFIX.length(), text.length() - 1));
                    });
                    return new ScanStep(response.get(0).toString(), oneIds);
                });
    }

    /** @param next the cursor of the next step; "0" when the walk is over */
    public record ScanStep(String next, List<String> oneIds) {

        public boolean last() {
            return "0".equals(next);
        }
    }

    /** The profiles' ordinals (0 for one that has no tag state), in the order asked. */
    public Uni<List<Integer>> ordinals(List<String> oneIds) {
        if (oneIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join()
                .all(oneIds.stream()
                        .map(oneId -> redis.execute("HGET", stateKey(oneId), "_o")
                                .map(ordinal -> ordinal == null ? 0 : Integer.parseInt(ordinal.toString())))
                        .toList())
                .andFailFast();
    }

    /** A profile's whole state in one round trip. */
    public Uni<ProfileState> read(String oneId) {
        return read(oneId, List.of()).map(EventsRead::state);
    }

    /**
     * A profile's whole state and which of {@code messageIds} it has applied already, in one
     * round trip.
     */
    public Uni<EventsRead> read(String oneId, List<String> messageIds) {
        List<String> args = new ArrayList<>(messageIds.size() + 1);
        args.add("read");
        args.addAll(messageIds);
        return run(List.of(stateKey(oneId), tagsKey(oneId), movedKey(oneId), msgsKey(oneId)), args)
                .map(response -> {
                    Map<String, String> state = pairs(response.get(0));
                    Map<String, WindowState> rules = new HashMap<>();
                    state.forEach((field, json) -> {
                        if (!field.startsWith("_")) {
                            rules.put(field, parse(json));
                        }
                    });
                    String moved = response.get(2).toString();
                    Response seen = response.get(3);
                    Set<String> applied = new HashSet<>();
                    for (int i = 0; i < seen.size(); i++) {
                        applied.add(seen.get(i).toString());
                    }
                    return new EventsRead(
                            new ProfileState(
                                    Long.parseLong(state.getOrDefault("_v", "0")),
                                    Integer.parseInt(state.getOrDefault("_o", "0")),
                                    Long.parseLong(state.getOrDefault("_s", "0")),
                                    rules,
                                    decode(response.get(1).getDelegate()),
                                    moved.isEmpty() ? null : ProfileRef.parse(moved)),
                            applied);
                });
    }

    /** A profile's state as read, with the messageIds asked about that it has applied already. */
    public record EventsRead(ProfileState state, Set<String> applied) {}

    /**
     * Writes a profile's new state if it is still at the version it was read at and none of
     * {@code messageIds} was applied in between.
     *
     * @param messageIds the events applied, recorded so a redelivery is recognised; empty for other changes
     */
    public Uni<Outcome> commit(
            String oneId,
            ProfileState state,
            Map<String, Value> values,
            List<String> messageIds,
            Instant now,
            int dedupeWindow,
            Instant nextChange) {
        List<String> args = new ArrayList<>(List.of(
                "commit",
                Long.toString(state.version()),
                Long.toString(now.toEpochMilli()),
                Integer.toString(dedupeWindow),
                oneId,
                nextChange == null ? "" : Long.toString(nextChange.toEpochMilli()),
                Integer.toString(messageIds.size())));
        args.addAll(messageIds);
        appendState(args, state);
        appendValues(args, values);
        return run(List.of(stateKey(oneId), tagsKey(oneId), msgsKey(oneId), movedKey(oneId), EXPIRY_KEY), args)
                .map(response -> switch (response.get(0).toString()) {
                    case "ok" -> Outcome.WRITTEN;
                    case "conflict" -> Outcome.CONFLICT;
                    default -> Outcome.moved(response.get(1).toString());
                });
    }

    /** Writes the survivor's merged state, deletes the absorbed profile's and leaves its redirect. */
    public Uni<Outcome> merge(
            String survivorOneId,
            ProfileState survivor,
            Map<String, Value> values,
            String absorbedOneId,
            ProfileState absorbed,
            Duration redirectTtl,
            int dedupeWindow,
            Instant nextChange) {
        List<String> args = new ArrayList<>(List.of(
                "merge",
                Long.toString(survivor.version()),
                Long.toString(absorbed.version()),
                new ProfileRef(survivorOneId, survivor.ordinal()).key(),
                Long.toString(redirectTtl.toSeconds()),
                Integer.toString(dedupeWindow),
                survivorOneId,
                absorbedOneId,
                nextChange == null ? "" : Long.toString(nextChange.toEpochMilli())));
        appendState(args, survivor);
        appendValues(args, values);
        List<String> keys = List.of(
                stateKey(survivorOneId),
                tagsKey(survivorOneId),
                msgsKey(survivorOneId),
                EXPIRY_KEY,
                movedKey(absorbedOneId),
                stateKey(absorbedOneId),
                tagsKey(absorbedOneId),
                msgsKey(absorbedOneId));
        return run(keys, args)
                .map(response -> "ok".equals(response.get(0).toString()) ? Outcome.WRITTEN : Outcome.CONFLICT);
    }

    /** Points a merged-away profile that had no tag state at the survivor. */
    public Uni<Void> redirect(String absorbedOneId, ProfileRef survivor, Duration ttl) {
        return run(
                        List.of(movedKey(absorbedOneId)),
                        List.of("redirect", survivor.key(), Long.toString(ttl.toSeconds())))
                .replaceWithVoid();
    }

    /** A profile that was merged away exists again (a split revived it): its events stay with it. */
    public Uni<Void> clearRedirect(String oneId) {
        return redis.execute("DEL", movedKey(oneId)).replaceWithVoid();
    }

    /** Profiles (OneIDs) whose windowed values change by {@code now}, oldest first. */
    public Uni<List<String>> due(Instant now, int limit) {
        return redis.execute(
                        "ZRANGEBYSCORE",
                        EXPIRY_KEY,
                        "-inf",
                        Long.toString(now.toEpochMilli()),
                        "LIMIT",
                        "0",
                        Integer.toString(limit))
                .map(response -> {
                    List<String> due = new ArrayList<>(response.size());
                    response.forEach(member -> due.add(member.toString()));
                    return due;
                });
    }

    public Uni<Void> unschedule(String oneId) {
        return sortedSets.zrem(EXPIRY_KEY, oneId).replaceWithVoid();
    }

    /** Deletes everything Redis holds on a profile: values, state, recent messageIds, redirect, expiry entry. */
    public Uni<Void> erase(String oneId) {
        return redis.execute("DEL", stateKey(oneId), tagsKey(oneId), msgsKey(oneId), movedKey(oneId))
                .chain(() -> unschedule(oneId));
    }

    private static void appendState(List<String> args, ProfileState state) {
        args.add(Integer.toString(state.rules().size() + 2));
        args.add("_o");
        args.add(Integer.toString(state.ordinal()));
        args.add("_s");
        args.add(Long.toString(state.lastSeq()));
        state.rules().forEach((code, buckets) -> {
            args.add(code);
            try {
                args.add(JSON.writeValueAsString(buckets));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void appendValues(List<String> args, Map<String, Value> values) {
        args.add(Integer.toString(values.size()));
        values.forEach((code, value) -> {
            args.add(code);
            args.add(value.encode());
        });
    }

    private static WindowState parse(String json) {
        try {
            return JSON.readValue(json, WindowState.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HGETALL reply (also inside a script's reply): a flat field, value array, or a map under RESP3. */
    private static Map<String, Value> decode(io.vertx.redis.client.Response hash) {
        if (hash == null) {
            return new HashMap<>();
        }
        Map<String, Value> values = new HashMap<>(hash.size() * 2);
        if (hash.isMap()) {
            for (String code : hash.getKeys()) {
                put(values, code, hash.get(code).toString());
            }
        } else {
            for (int i = 0; i + 1 < hash.size(); i += 2) {
                put(values, hash.get(i).toString(), hash.get(i + 1).toString());
            }
        }
        return values;
    }

    private static void put(Map<String, Value> values, String code, String text) {
        Value value = Value.decode(text);
        if (value != null) {
            values.put(code, value);
        }
    }

    /** By the script's hash; after a Redis restart has emptied the script cache, once with its text. */
    private Uni<Response> run(List<String> keys, List<String> args) {
        return execute("EVALSHA", SCRIPT_SHA, keys, args)
                .onFailure(failure -> String.valueOf(failure.getMessage()).startsWith("NOSCRIPT"))
                .recoverWithUni(() -> execute("EVAL", SCRIPT, keys, args));
    }

    private Uni<Response> execute(String command, String script, List<String> keys, List<String> args) {
        String[] arguments = Stream.of(Stream.of(script, Integer.toString(keys.size())), keys.stream(), args.stream())
                .flatMap(s -> s)
                .toArray(String[]::new);
        return redis.execute(command, arguments);
    }

    private static String stateKey(String oneId) {
        return "cdp:tagstate:{" + oneId + "}";
    }

    private static String msgsKey(String oneId) {
        return "cdp:tagmsgs:{" + oneId + "}";
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
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
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

    /** What became of a write; {@code movedTo} the survivor when the profile merged away. */
    public record Outcome(Kind kind, ProfileRef movedTo) {

        public enum Kind {
            WRITTEN,
            CONFLICT,
            MOVED
        }

        static final Outcome WRITTEN = new Outcome(Kind.WRITTEN, null);
        static final Outcome CONFLICT = new Outcome(Kind.CONFLICT, null);

        static Outcome moved(String target) {
            return new Outcome(Kind.MOVED, ProfileRef.parse(target));
        }
    }
}
