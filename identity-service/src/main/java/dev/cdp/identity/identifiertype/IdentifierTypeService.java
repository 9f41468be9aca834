package dev.cdp.identity.identifiertype;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.identity.IdentityConfig;
import dev.cdp.identity.ReloadingSnapshot;
import dev.cdp.identity.identifiertype.repository.IdentifierTypeRecord;
import dev.cdp.identity.identifiertype.repository.IdentifierTypeRepository;
import dev.cdp.platform.db.Transactions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Identifier types kept in PostgreSQL: seeded with {@link DefaultIdentifierTypes} on start (types
 * already there are left as they are), served from an immutable in-memory {@link IdentifierTypes}.
 */
@ApplicationScoped
public class IdentifierTypeService {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final IdentifierTypeRepository types;
    private final StoredIdentifiers identifiers;
    private final IdentityConfig config;
    private final ObjectMapper json;
    private final ReloadingSnapshot<IdentifierTypes> snapshot;

    public IdentifierTypeService(
            IdentifierTypeRepository types, StoredIdentifiers identifiers, IdentityConfig config, ObjectMapper json) {
        this.types = types;
        this.identifiers = identifiers;
        this.config = config;
        this.json = json;
        this.snapshot = new ReloadingSnapshot<>("identifier types", this::load);
    }

    void onStart(@Observes StartupEvent started, Vertx vertx) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Transactions.withRetryOnConflict(this::seed));
        VertxContextSupport.subscribeAndAwait(snapshot::reload);
        snapshot.refreshEvery(vertx, config.configRefreshInterval());
    }

    void onStop(@Observes ShutdownEvent stopping, Vertx vertx) {
        snapshot.stop(vertx);
    }

    /** The types in force; no I/O. */
    public IdentifierTypes current() {
        return snapshot.current();
    }

    /**
     * Creates the type or changes the given settings of it; absent settings keep their value.
     * Applies at once on this instance and within the refresh interval on the others.
     *
     * @throws IllegalArgumentException (as a failed Uni) saying what is wrong with the change
     */
    public Uni<IdentifierType> put(String name, Change change) {
        return Panache.withTransaction(() -> types.findById(name).chain(existing -> {
                    IdentifierType updated;
                    try {
                        updated = apply(name, existing == null ? null : toDomain(existing), change);
                    } catch (IllegalArgumentException e) {
                        return Uni.createFrom().failure(e);
                    }
                    return checkPriorityFree(updated)
                            .chain(() -> checkNormalisationChange(existing, updated))
                            .chain(() -> {
                                IdentifierTypeRecord row = existing != null ? existing : new IdentifierTypeRecord();
                                write(updated, row);
                                return existing != null ? Uni.createFrom().item(row) : types.persist(row);
                            })
                            .replaceWith(updated);
                }))
                .call(snapshot::reload);
    }

    /** What a PUT asks to set; null leaves the setting as it is (required for a new type). */
    public record Change(Integer priority, Integer limit, Normalisation normalisation, List<String> blockedValues) {}

    private static IdentifierType apply(String name, IdentifierType current, Change change) {
        if (current == null) {
            List<String> missing = new ArrayList<>();
            if (change.priority() == null) {
                missing.add("priority");
            }
            if (change.limit() == null) {
                missing.add("limit");
            }
            if (change.normalisation() == null) {
                missing.add("normalisation");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(
                        "\"" + name + "\" is a new identifier type: " + String.join(", ", missing) + " required");
            }
        }
        return new IdentifierType(
                name,
                Optional.ofNullable(change.priority()).orElseGet(() -> current.priority()),
                Optional.ofNullable(change.limit()).orElseGet(() -> current.perProfileLimit()),
                Optional.ofNullable(change.normalisation()).orElseGet(() -> current.normalisation()),
                change.blockedValues() != null
                        ? new HashSet<>(change.blockedValues())
                        : current != null ? current.blockedValues() : Set.of());
    }

    private Uni<Void> checkPriorityFree(IdentifierType type) {
        return types.findByPriority(type.priority()).map(holder -> {
            if (holder != null && !holder.name.equals(type.name())) {
                throw new IllegalArgumentException("priority " + type.priority() + " is " + holder.name
                        + "'s; each type needs a priority of its own");
            }
            return null;
        });
    }

    /** Stored values were normalised the old way: a new way would no longer find them. */
    private Uni<Void> checkNormalisationChange(IdentifierTypeRecord existing, IdentifierType updated) {
        if (existing == null
                || existing.normalisation.equals(updated.normalisation().wireName())) {
            return Uni.createFrom().voidItem();
        }
        return identifiers.countOfType(existing.name).map(stored -> {
            if (stored > 0) {
                throw new IllegalArgumentException("normalisation of " + existing.name + " cannot change from "
                        + existing.normalisation + " to "
                        + updated.normalisation().wireName() + ": " + stored
                        + " stored identifiers were normalised the old way; create a new type instead");
            }
            return null;
        });
    }

    /**
     * Adds the default types not in the table yet. A default whose priority an operator gave to
     * another type is left out rather than reorder theirs. Two instances seeding at once collide
     * on the key, and the retry finds the rows.
     */
    private Uni<Void> seed() {
        return types.listAllTypes().chain(rows -> {
            Set<String> names = new HashSet<>();
            Set<Integer> priorities = new HashSet<>();
            rows.forEach(row -> {
                names.add(row.name);
                priorities.add(row.priority);
            });
            List<IdentifierTypeRecord> missing = new ArrayList<>();
            for (IdentifierType type : DefaultIdentifierTypes.ALL) {
                if (!names.contains(type.name()) && !priorities.contains(type.priority())) {
                    IdentifierTypeRecord row = new IdentifierTypeRecord();
                    write(type, row);
                    missing.add(row);
                }
            }
            return missing.isEmpty() ? Uni.createFrom().voidItem() : types.persist(missing.stream());
        });
    }

    private Uni<IdentifierTypes> load() {
        return types.listAllTypes()
                .map(rows -> new IdentifierTypes(
                        rows.stream().map(this::toDomain).toList(),
                        config.globalBlockedValues(),
                        config.defaultPhoneRegion()));
    }

    private IdentifierType toDomain(IdentifierTypeRecord row) {
        try {
            return new IdentifierType(
                    row.name,
                    row.priority,
                    row.perProfileLimit,
                    Normalisation.fromWireName(row.normalisation),
                    Set.copyOf(json.readValue(row.blockedValues, STRINGS)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("identifier_type row " + row.name + " is not valid: " + e.getMessage(), e);
        }
    }

    private void write(IdentifierType type, IdentifierTypeRecord row) {
        row.name = type.name();
        row.priority = type.priority();
        row.perProfileLimit = type.perProfileLimit();
        row.normalisation = type.normalisation().wireName();
        try {
            row.blockedValues = json.writeValueAsString(type.blockedValues());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        row.updatedAt = Instant.now();
    }
}
