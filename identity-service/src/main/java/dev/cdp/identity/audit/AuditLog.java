package dev.cdp.identity.audit;

import dev.cdp.identity.IdentityConfig;
import dev.cdp.platform.security.KeyedHash;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The audit log (GDPR art. 30/32, PIPL art. 51–55): every read of a profile's personal data,
 * export, erasure, merge, unmerge, consent change, and change to sources and identifier types,
 * with the caller's token subject and roles and their address. Append-only in PostgreSQL.
 */
@ApplicationScoped
public class AuditLog {

    private static final int MAX_LIMIT = 1000;

    private final CurrentIdentityAssociation caller;
    private final KeyedHash personHash;
    private final Pool pool;

    public AuditLog(CurrentIdentityAssociation caller, IdentityConfig config, Pool pool) {
        this.caller = caller;
        this.personHash = new KeyedHash(config.suppressionKey());
        this.pool = pool;
    }

    /** Rows can be added, never changed: the database refuses updates, deletes and truncation. */
    void appendOnly(@Observes StartupEvent started) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> pool.query("""
                create or replace function audit_entry_append_only() returns trigger language plpgsql as $$
                begin raise exception 'audit_entry is append-only'; end $$;
                do $$ begin
                  if not exists (select 1 from pg_trigger where tgname = 'audit_entry_append_only') then
                    create trigger audit_entry_append_only before update or delete on audit_entry
                      for each row execute function audit_entry_append_only();
                    create trigger audit_entry_no_truncate before truncate on audit_entry
                      for each statement execute function audit_entry_append_only();
                  end if;
                end $$;
                """).execute().replaceWithVoid());
    }

    /** Records that the caller did {@code action} to the person with this OneID. */
    public Uni<Void> person(AuditAction action, String oneId, String address) {
        return record(action, oneId, null, address);
    }

    /** Records that the caller did {@code action} to something that is not a person (a source, an identifier type). */
    public Uni<Void> other(AuditAction action, String target, String address) {
        return record(action, null, target, address);
    }

    private Uni<Void> record(AuditAction action, String oneId, String target, String address) {
        return caller.getDeferredIdentity().chain(identity -> {
            AuditEntry entry = new AuditEntry();
            entry.at = Instant.now();
            entry.actor = actor(identity);
            entry.roles = String.join(",", new TreeSet<>(identity.getRoles()));
            entry.action = action.name();
            entry.personHash = oneId == null ? null : personHash.of(oneId);
            entry.target = target;
            entry.address = address;
            return Panache.withTransaction(entry::persist).replaceWithVoid();
        });
    }

    /** An entry as the admin reads it: the person as the hash only. */
    public record View(
            Instant at,
            String actor,
            List<String> roles,
            AuditAction action,
            String personHash,
            String target,
            String address) {}

    /** The newest entries first, filtered by what is given (a OneID is matched through its hash). */
    public Uni<List<View>> query(String actor, AuditAction action, String oneId, Instant since, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> values = new ArrayList<>();
        if (actor != null) {
            values.add(actor);
            where.append(" and actor = ?").append(values.size());
        }
        if (action != null) {
            values.add(action.name());
            where.append(" and action = ?").append(values.size());
        }
        if (oneId != null) {
            values.add(personHash.of(oneId));
            where.append(" and personHash = ?").append(values.size());
        }
        if (since != null) {
            values.add(since);
            where.append(" and at >= ?").append(values.size());
        }
        return Panache.withSession(() -> AuditEntry.<AuditEntry>find(
                                where + " order by at desc, id desc", values.toArray())
                        .page(0, Math.min(Math.max(limit, 1), MAX_LIMIT))
                        .list())
                .map(rows -> rows.stream()
                        .map(row -> new View(
                                row.at,
                                row.actor,
                                List.of(row.roles.split(",")),
                                AuditAction.valueOf(row.action),
                                row.personHash,
                                row.target,
                                row.address))
                        .toList());
    }

    /** The client address of an HTTP request. */
    public static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    private static String actor(SecurityIdentity identity) {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
