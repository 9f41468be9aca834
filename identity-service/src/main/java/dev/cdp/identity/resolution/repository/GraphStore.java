package dev.cdp.identity.resolution.repository;

import dev.cdp.platform.security.PiiVault;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The identity graph's tables as the batch resolver reads and writes them: every statement takes
 * whole columns as arrays ({@code unnest}), so a batch costs the same dozen round trips whether it
 * holds one event or five hundred. Runs on the caller's connection, inside its transaction (the
 * unlocked {@link #liveOwners} read on any client). Identifiers are keyed by their hash and personal
 * values sealed ({@link PiiVault}), as the entities map the same tables.
 */
@ApplicationScoped
public class GraphStore {

    /** A stored identifier: its owner, whether it was split off as shared, and when it was last seen. */
    public record StoredIdentifier(String key, String oneId, boolean shared, Instant lastSeenAt) {

        /** Who holds it, without when it was seen: what a concurrent batch must not have changed. */
        public List<Object> ownership() {
            return List.of(key, oneId, shared);
        }
    }

    /** A stored profile locked for the batch. */
    public record StoredProfile(String oneId, int ordinal, String traits, String traitSources, String mergedInto) {}

    /** The live profile an identifier belongs to (the survivor, if its holder was absorbed). */
    public record LiveOwner(String oneId, int ordinal) {}

    /** One trait statement, as the survivorship fold reads it. */
    public record StoredObservation(
            long id, String oneId, String trait, String value, String channel, Instant observedAt) {}

    /** The live owner of each of the identifiers held, by key, in one statement; no lock, so any client. */
    public Uni<Map<String, LiveOwner>> liveOwners(SqlClient client, Collection<String> keys) {
        return client.preparedQuery(
                        "select i.identifier_key, coalesce(s.one_id, p.one_id), coalesce(s.ordinal, p.ordinal)"
                                + " from profile_identifier i join profile p on p.one_id = i.one_id"
                                + " left join profile s on s.one_id = p.merged_into where i.identifier_key = any($1)")
                .execute(Tuple.tuple().addValue(strings(keys)))
                .map(rows -> {
                    Map<String, LiveOwner> owners = new HashMap<>();
                    for (Row row : rows) {
                        owners.put(row.getString(0), new LiveOwner(row.getString(1), row.getInteger(2)));
                    }
                    return owners;
                });
    }

    public Uni<List<StoredIdentifier>> identifiers(SqlConnection tx, Collection<String> keys) {
        return tx.preparedQuery(
                        "select identifier_key, one_id, shared, last_seen_at from profile_identifier where identifier_key = any($1)")
                .execute(Tuple.tuple().addValue(strings(keys)))
                .map(rows -> map(
                        rows,
                        row -> new StoredIdentifier(
                                row.getString(0),
                                row.getString(1),
                                row.getBoolean(2),
                                row.getOffsetDateTime(3).toInstant())));
    }

    /** Reads and locks the profiles (in OneID order, so two batches never wait on each other in a circle). */
    public Uni<List<StoredProfile>> lockProfiles(SqlConnection tx, Collection<String> oneIds) {
        return tx.preparedQuery("select one_id, ordinal, traits, trait_sources, merged_into from profile"
                        + " where one_id = any($1) order by one_id for update")
                .execute(Tuple.tuple().addValue(strings(oneIds)))
                .map(rows -> map(
                        rows,
                        row -> new StoredProfile(
                                row.getString(0),
                                row.getInteger(1),
                                PiiVault.open(row.getString(2)),
                                row.getString(3),
                                row.getString(4))));
    }

    /** How many identifiers of each type each of the profiles holds. */
    public Uni<Map<String, Map<String, Integer>>> countByType(SqlConnection tx, Collection<String> oneIds) {
        return tx.preparedQuery(
                        "select one_id, type, count(*) from profile_identifier where one_id = any($1) group by one_id, type")
                .execute(Tuple.tuple().addValue(strings(oneIds)))
                .map(rows -> {
                    Map<String, Map<String, Integer>> counts = new HashMap<>();
                    for (Row row : rows) {
                        counts.computeIfAbsent(row.getString(0), k -> new HashMap<>())
                                .put(row.getString(1), row.getLong(2).intValue());
                    }
                    return counts;
                });
    }

    public Uni<List<Integer>> nextOrdinals(SqlConnection tx, int count) {
        return tx.preparedQuery("select nextval('profile_ordinal_seq')::int from generate_series(1, $1)")
                .execute(Tuple.of(count))
                .map(rows -> map(rows, row -> row.getInteger(0)));
    }

    public Uni<Void> insertProfiles(
            SqlConnection tx,
            List<Integer> ordinals,
            List<String> oneIds,
            List<String> traits,
            List<String> sources,
            List<String> mergedInto,
            Instant at) {
        return run(
                tx,
                "insert into profile (ordinal, one_id, traits, trait_sources, merged_into, created_at, updated_at)"
                        + " select o, id, t, s, m, $6, $6 from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[]) as u(o, id, t, s, m)",
                Tuple.tuple()
                        .addValue(ordinals.toArray(new Integer[0]))
                        .addValue(strings(oneIds))
                        .addValue(sealed(traits))
                        .addValue(strings(sources))
                        .addValue(strings(mergedInto))
                        .addValue(time(at)));
    }

    /**
     * Merges stored profiles: each absorbed profile becomes a tombstone of its survivor, and its
     * identifiers, trait statements, consent decisions and older tombstones follow.
     */
    public Uni<Void> merge(SqlConnection tx, List<String> absorbed, List<String> survivors, Instant at) {
        if (absorbed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple moves = Tuple.tuple().addValue(strings(absorbed)).addValue(strings(survivors));
        String from = " from unnest($1::text[], $2::text[]) as m(a, s) where ";
        // Sent together: the connection pipelines them and PostgreSQL runs them in this order.
        return Uni.join()
                .all(List.of(
                        run(
                                tx,
                                "update profile set merged_into = m.s, updated_at = $3" + from + "profile.one_id = m.a",
                                Tuple.tuple()
                                        .addValue(strings(absorbed))
                                        .addValue(strings(survivors))
                                        .addValue(time(at))),
                        run(tx, "update profile set merged_into = m.s" + from + "profile.merged_into = m.a", moves),
                        run(
                                tx,
                                "update profile_identifier set one_id = m.s" + from + "profile_identifier.one_id = m.a",
                                moves),
                        run(
                                tx,
                                "update trait_observation set one_id = m.s" + from + "trait_observation.one_id = m.a",
                                moves),
                        run(
                                tx,
                                "update consent_record set one_id = m.s" + from + "consent_record.one_id = m.a",
                                moves)))
                .andFailFast()
                .replaceWithVoid();
    }

    public Uni<Void> insertIdentifiers(
            SqlConnection tx,
            List<String> keys,
            List<String> types,
            List<String> values,
            List<String> oneIds,
            List<String> channels,
            Instant at) {
        return run(
                tx,
                "insert into profile_identifier (identifier_key, type, value, one_id, channel, first_seen_at, last_seen_at, shared)"
                        + " select k, t, v, o, c, $6, $6, false from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as u(k, t, v, o, c)",
                Tuple.tuple()
                        .addValue(strings(keys))
                        .addValue(strings(types))
                        .addValue(sealed(values))
                        .addValue(strings(oneIds))
                        .addValue(strings(channels))
                        .addValue(time(at)));
    }

    public Uni<Void> markSeen(SqlConnection tx, List<String> keys, Instant at) {
        return run(
                tx,
                "update profile_identifier set last_seen_at = $2 where identifier_key = any($1)",
                Tuple.tuple().addValue(strings(keys)).addValue(time(at)));
    }

    /** Records edges ({a, b} with a < b); a pair seen before keeps its first cause. */
    public Uni<Void> insertLinks(
            SqlConnection tx, List<String> a, List<String> b, List<String> causes, List<String> channels, Instant at) {
        return run(
                tx,
                "insert into identity_link (a_key, b_key, cause, channel, at)"
                        + " select a, b, c, ch, $5 from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as u(a, b, c, ch)"
                        + " on conflict do nothing",
                Tuple.tuple()
                        .addValue(strings(a))
                        .addValue(strings(b))
                        .addValue(strings(causes))
                        .addValue(strings(channels))
                        .addValue(time(at)));
    }

    /** @param identifiers each refused identifier as "type:value", stored sealed beside its key */
    public Uni<Void> insertRefusals(
            SqlConnection tx,
            List<String> profiles,
            List<String> keys,
            List<String> identifiers,
            List<String> owners,
            List<String> reasons,
            List<String> causes,
            Instant at) {
        return run(
                tx,
                "insert into refused_link (profile_one_id, identifier_key, identifier, owner_one_id, reason, cause, at)"
                        + " select p, k, i, o, r, c, $7 from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])"
                        + " as u(p, k, i, o, r, c)",
                Tuple.tuple()
                        .addValue(strings(profiles))
                        .addValue(strings(keys))
                        .addValue(sealed(identifiers))
                        .addValue(strings(owners))
                        .addValue(strings(reasons))
                        .addValue(strings(causes))
                        .addValue(time(at)));
    }

    public Uni<Void> insertMerges(
            SqlConnection tx,
            List<String> survivors,
            List<String> absorbed,
            List<String> causes,
            List<String> channels,
            List<String> sources,
            List<String> identifiers,
            Instant at) {
        return run(
                tx,
                "insert into merge_record (survivor_one_id, absorbed_one_id, cause_message_id, channel, source, identifiers, at)"
                        + " select s, a, c, ch, so, i, $7 from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])"
                        + " as u(s, a, c, ch, so, i)",
                Tuple.tuple()
                        .addValue(strings(survivors))
                        .addValue(strings(absorbed))
                        .addValue(strings(causes))
                        .addValue(strings(channels))
                        .addValue(strings(sources))
                        .addValue(sealed(identifiers))
                        .addValue(time(at)));
    }

    public Uni<Void> insertObservations(
            SqlConnection tx,
            List<String> oneIds,
            List<String> traits,
            List<String> values,
            List<String> channels,
            List<String> messageIds,
            List<String> identifierKeys,
            List<Instant> observedAt) {
        return run(
                tx,
                "insert into trait_observation (one_id, trait, value, channel, message_id, identifier_keys, observed_at)"
                        + " select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])",
                Tuple.tuple()
                        .addValue(strings(oneIds))
                        .addValue(strings(traits))
                        .addValue(sealed(values))
                        .addValue(strings(channels))
                        .addValue(strings(messageIds))
                        .addValue(strings(identifierKeys))
                        .addValue(times(observedAt)));
    }

    public Uni<List<StoredObservation>> observations(SqlConnection tx, Collection<String> oneIds) {
        return tx.preparedQuery(
                        "select id, one_id, trait, value, channel, observed_at from trait_observation where one_id = any($1)")
                .execute(Tuple.tuple().addValue(strings(oneIds)))
                .map(rows -> map(
                        rows,
                        row -> new StoredObservation(
                                row.getLong(0),
                                row.getString(1),
                                row.getString(2),
                                PiiVault.open(row.getString(3)),
                                row.getString(4),
                                row.getOffsetDateTime(5).toInstant())));
    }

    public Uni<Void> insertConsents(
            SqlConnection tx,
            List<String> oneIds,
            List<String> purposes,
            List<String> channels,
            List<Boolean> granted,
            List<String> sources,
            List<String> evidence,
            List<Instant> at) {
        return run(
                tx,
                "insert into consent_record (one_id, purpose, channel, granted, source, evidence, at)"
                        + " select * from unnest($1::text[], $2::text[], $3::text[], $4::bool[], $5::text[], $6::text[], $7::timestamptz[])",
                Tuple.tuple()
                        .addValue(strings(oneIds))
                        .addValue(strings(purposes))
                        .addValue(strings(channels))
                        .addValue(granted.toArray(new Boolean[0]))
                        .addValue(strings(sources))
                        .addValue(strings(evidence))
                        .addValue(times(at)));
    }

    /** Sets the traits of live profiles that received events, and when they last changed. */
    public Uni<Void> updateProfiles(
            SqlConnection tx, List<String> oneIds, List<String> traits, List<String> sources, Instant at) {
        return run(
                tx,
                "update profile set traits = u.t, trait_sources = u.s, updated_at = $4"
                        + " from unnest($1::text[], $2::text[], $3::text[]) as u(id, t, s) where profile.one_id = u.id",
                Tuple.tuple()
                        .addValue(strings(oneIds))
                        .addValue(sealed(traits))
                        .addValue(strings(sources))
                        .addValue(time(at)));
    }

    private static Uni<Void> run(SqlConnection tx, String sql, Tuple arguments) {
        return tx.preparedQuery(sql).execute(arguments).replaceWithVoid();
    }

    private static <T> List<T> map(RowSet<Row> rows, java.util.function.Function<Row, T> mapper) {
        List<T> out = new ArrayList<>(rows.size());
        rows.forEach(row -> out.add(mapper.apply(row)));
        return out;
    }

    private static String[] strings(Collection<String> values) {
        return values.toArray(new String[0]);
    }

    /** Personal values (identifier values, traits, merge causes) are stored sealed, as the entities' SealedText columns. */
    private static String[] sealed(List<String> values) {
        return values.stream().map(PiiVault::seal).toArray(String[]::new);
    }

    private static OffsetDateTime time(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime[] times(List<Instant> at) {
        return at.stream().map(GraphStore::time).toArray(OffsetDateTime[]::new);
    }
}
