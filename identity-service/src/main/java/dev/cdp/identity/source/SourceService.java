package dev.cdp.identity.source;

import dev.cdp.identity.IdentityConfig;
import dev.cdp.identity.ReloadingSnapshot;
import dev.cdp.identity.source.repository.SourceRecord;
import dev.cdp.identity.source.repository.SourceRepository;
import dev.cdp.platform.db.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Sources and their write keys. A key is shown once, when the source is made or its key rotated,
 * and kept only as a SHA-256 hash (keys are 192 random bits: a hash cannot be walked back).
 * Tracking calls are authenticated against an in-memory snapshot of the hashes (no query per
 * event); a key the snapshot does not know yet (a source created through another instance) is
 * looked up once in PostgreSQL.
 */
@ApplicationScoped
public class SourceService {

    static final String DEMO = "demo";
    private static final Pattern CHANNEL = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");
    private static final int MAX_NAME = 100;
    private static final String BASIC = "basic ";
    private static final String HOW = "send the source's write key as the HTTP Basic user name with an empty password"
            + " (as Segment's SDKs do) or in the X-Write-Key header";

    private final SourceRepository sources;
    private final IdentityConfig config;
    private final SecureRandom random = new SecureRandom();
    static final String HASH = "sha256:";
    /** The longest a rotated-out key is still taken: senders get this long to switch. */
    static final Duration MAX_OVERLAP = Duration.ofDays(30);

    private final ReloadingSnapshot<Map<String, KeyOf>> byKeyHash;

    /** Whose key a hash is, and until when it is taken (null: the current key). */
    private record KeyOf(Source source, Instant until) {}

    /** A source with the write key just issued for it: the one time the key is shown. */
    public record Issued(Source source, String writeKey) {}

    public SourceService(SourceRepository sources, IdentityConfig config) {
        this.sources = sources;
        this.config = config;
        this.byKeyHash = new ReloadingSnapshot<>(
                "sources", () -> sources.listByCreation().map(SourceService::keysOf));
    }

    void onStart(@Observes StartupEvent started, Vertx vertx) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Transactions.withRetryOnConflict(this::hashKeysStoredInClear));
        String demoKey = config.demoWriteKey().orElse("");
        if (!demoKey.isBlank()) {
            VertxContextSupport.subscribeAndAwait(() -> Transactions.withRetryOnConflict(() -> sources.findByName(DEMO)
                    .chain(found -> found != null
                            ? Uni.createFrom().voidItem()
                            : sources.persist(record(DEMO, "api", demoKey)).replaceWithVoid())));
        }
        VertxContextSupport.subscribeAndAwait(byKeyHash::reload);
        byKeyHash.refreshEvery(vertx, config.configRefreshInterval());
    }

    void onStop(@Observes ShutdownEvent stopping, Vertx vertx) {
        byKeyHash.stop(vertx);
    }

    /** Sources made before keys were hashed keep working: their keys are hashed in place once. */
    private Uni<Void> hashKeysStoredInClear() {
        return sources.listByCreation()
                .invoke(rows -> rows.stream()
                        .filter(row -> !row.writeKeyHash.startsWith(HASH))
                        .forEach(row -> {
                            row.keyHint = hint(row.writeKeyHash);
                            row.writeKeyHash = hash(row.writeKeyHash);
                        }))
                .replaceWithVoid();
    }

    /**
     * The enabled source a tracking call names.
     *
     * @param authorization the Authorization header (HTTP Basic, write key as user name), or null
     * @param writeKeyHeader the X-Write-Key header, or null
     * @return the source, or a {@link SourceRejectedException} saying whether the key is missing,
     *     unknown or of a disabled source
     */
    public Uni<Source> authenticate(String authorization, String writeKeyHeader) {
        String writeKey;
        try {
            writeKey = writeKey(authorization, writeKeyHeader);
        } catch (SourceRejectedException e) {
            return Uni.createFrom().failure(e);
        }
        return authenticateWriteKey(writeKey);
    }

    /**
     * The enabled source of a write key sent other than over HTTP (a Kafka record header, a gRPC
     * request).
     *
     * @return the source, or a {@link SourceRejectedException} saying whether the key is unknown
     *     or of a disabled source
     */
    public Uni<Source> authenticateWriteKey(String writeKey) {
        String hash = hash(writeKey);
        Instant now = Instant.now();
        KeyOf cached = byKeyHash.current().get(hash);
        Uni<Source> source =
                cached != null && (cached.until() == null || cached.until().isAfter(now))
                        ? Uni.createFrom().item(cached.source())
                        : Panache.withSession(() -> sources.findByKeyHash(hash, now))
                                .map(row -> row == null ? null : toDomain(row));
        return source.map(found -> {
            if (found == null) {
                throw new SourceRejectedException("write key \"" + abbreviate(writeKey) + "\" is not known; "
                        + "create a source with POST /v1/sources and use the write key it returns");
            }
            if (!found.enabled()) {
                throw new SourceRejectedException("the write key's source \"" + found.name() + "\" is disabled");
            }
            return found;
        });
    }

    private static String writeKey(String authorization, String writeKeyHeader) {
        if (writeKeyHeader != null && !writeKeyHeader.isBlank()) {
            return writeKeyHeader.strip();
        }
        if (authorization == null || authorization.isBlank()) {
            throw new SourceRejectedException("no write key: " + HOW);
        }
        if (!authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            throw new SourceRejectedException("the Authorization header is not HTTP Basic: " + HOW);
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder()
                            .decode(authorization.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SourceRejectedException("the Authorization header's credentials are not base64: " + HOW);
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        if (user.isBlank()) {
            throw new SourceRejectedException("no write key: the HTTP Basic user name is empty; " + HOW);
        }
        return user;
    }

    /** Enough of a key to tell which was sent, not enough to use it. */
    private static String abbreviate(String writeKey) {
        return writeKey.length() <= 4 ? writeKey : writeKey.substring(0, 4) + "…";
    }

    /**
     * A new enabled source with a generated write key.
     *
     * @param rateLimit events per second its senders may send, or null for no limit
     * @throws IllegalArgumentException (as a failed Uni) saying what is wrong with the name, channel or limit
     */
    public Uni<Issued> create(String name, String channel, Integer rateLimit) {
        if (rateLimit != null && rateLimit < 1) {
            return Uni.createFrom()
                    .failure(new IllegalArgumentException("rateLimit must be at least 1 event per second, or absent"));
        }
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            return Uni.createFrom()
                    .failure(new IllegalArgumentException("name is required, at most " + MAX_NAME + " characters"));
        }
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            return Uni.createFrom()
                    .failure(
                            new IllegalArgumentException(
                                    "channel "
                                            + (channel == null
                                                    ? "is required"
                                                    : "\"" + channel
                                                            + "\" must be lower-case letters, digits or _ (web, app, miniprogram, crm, pos, ecommerce, …)")));
        }
        String key = generateWriteKey();
        return Transactions.withRetryOnConflict(() -> sources.findByName(name.strip())
                        .chain(existing -> {
                            if (existing != null) {
                                return Uni.createFrom()
                                        .failure(new IllegalArgumentException(
                                                "name \"" + name.strip() + "\" is taken by source " + existing.id));
                            }
                            SourceRecord row = record(name.strip(), channel, key);
                            row.rateLimit = rateLimit;
                            return sources.persist(row);
                        }))
                .map(row -> new Issued(toDomain(row), key))
                .call(byKeyHash::reload);
    }

    /**
     * Gives a source a new write key; the old one is still taken for {@code overlap} so senders can
     * switch. Null when there is no such source.
     *
     * @throws IllegalArgumentException (as a failed Uni) when the overlap is negative or over 30 days
     */
    public Uni<Issued> rotateKey(String id, Duration overlap) {
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            return Uni.createFrom()
                    .failure(new IllegalArgumentException(
                            "overlap " + overlap + " must be between PT0S and " + MAX_OVERLAP.toDays() + " days"));
        }
        String key = generateWriteKey();
        return Panache.withTransaction(() -> sources.findById(id).invoke(row -> {
                    if (row != null) {
                        row.previousKeyHash = row.writeKeyHash;
                        row.previousKeyUntil = Instant.now().plus(overlap);
                        row.writeKeyHash = hash(key);
                        row.keyHint = hint(key);
                    }
                }))
                .map(row -> row == null ? null : new Issued(toDomain(row), key))
                .call(byKeyHash::reload);
    }

    public Uni<List<Source>> list() {
        return Panache.withSession(() -> sources.listByCreation())
                .map(rows -> rows.stream().map(SourceService::toDomain).toList());
    }

    /**
     * Enables or disables a source (a disabled source's write key is refused) and sets or removes
     * its rate limit. Null when there is no such source.
     *
     * @param enabled the new state, or null to keep it
     * @param rateLimit the new limit when {@code setRateLimit}: events per second, or null for none
     */
    public Uni<Source> change(String id, Boolean enabled, boolean setRateLimit, Integer rateLimit) {
        if (setRateLimit && rateLimit != null && rateLimit < 1) {
            return Uni.createFrom()
                    .failure(new IllegalArgumentException(
                            "rateLimit must be at least 1 event per second, or null for none"));
        }
        return Panache.withTransaction(() -> sources.findById(id).invoke(row -> {
                    if (row != null) {
                        if (enabled != null) {
                            row.enabled = enabled;
                        }
                        if (setRateLimit) {
                            row.rateLimit = rateLimit;
                        }
                    }
                }))
                .map(row -> row == null ? null : toDomain(row))
                .call(byKeyHash::reload);
    }

    private String generateWriteKey() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static SourceRecord record(String name, String channel, String writeKey) {
        SourceRecord row = new SourceRecord();
        row.id = UUID.randomUUID().toString();
        row.name = name;
        row.channel = channel;
        row.writeKeyHash = hash(writeKey);
        row.keyHint = hint(writeKey);
        row.enabled = true;
        row.createdAt = Instant.now();
        return row;
    }

    private static Source toDomain(SourceRecord row) {
        return new Source(
                row.id,
                row.name,
                row.channel,
                row.keyHint + "…",
                row.previousKeyUntil,
                row.enabled,
                row.rateLimit,
                row.createdAt);
    }

    private static Map<String, KeyOf> keysOf(List<SourceRecord> rows) {
        Map<String, KeyOf> keys = new HashMap<>();
        for (SourceRecord row : rows) {
            Source source = toDomain(row);
            keys.put(row.writeKeyHash, new KeyOf(source, null));
            if (row.previousKeyHash != null) {
                keys.put(row.previousKeyHash, new KeyOf(source, row.previousKeyUntil));
            }
        }
        return Map.copyOf(keys);
    }

    static String hash(String writeKey) {
        try {
            return HASH
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(writeKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hint(String writeKey) {
        return writeKey.substring(0, Math.min(4, writeKey.length()));
    }
}
