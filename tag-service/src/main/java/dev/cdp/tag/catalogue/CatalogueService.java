package dev.cdp.tag.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.platform.db.Transactions;
import dev.cdp.rules.Rule;
import dev.cdp.tag.catalogue.TagDefinition.Status;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The governed catalogue in PostgreSQL: define, change and retire tags, each change a new
 * version. Every change is checked against the rest of the catalogue first.
 */
@ApplicationScoped
public class CatalogueService {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The latest version of each tag, in the order tags were first defined. */
    @WithSession
    public Uni<List<TagDefinition>> latest() {
        return StoredTag.<StoredTag>find(
                        "from StoredTag t where t.version = (select max(v.version) from StoredTag v where v.code = t.code) "
                                + "order by (select min(f.createdAt) from StoredTag f where f.code = t.code), t.code")
                .list()
                .map(rows -> rows.stream().map(CatalogueService::definition).toList());
    }

    /**
     * The number of definition versions kept. Every define, update and retire adds one and none
     * is ever deleted, so it changes exactly when the catalogue does: a cheap check before the
     * catalogue is loaded and compiled again.
     */
    @WithSession
    public Uni<Long> revision() {
        return StoredTag.count();
    }

    @WithSession
    public Uni<TagDefinition> get(String code) {
        return latestRow(code).map(row -> {
            if (row == null) {
                throw new UnknownTagException("no tag " + code);
            }
            return definition(row);
        });
    }

    /** @throws TagExistsException when the code is taken */
    public Uni<TagDefinition> define(TagDefinition tag) {
        return write(tag.code(), (current, catalogue) -> {
            if (current != null) {
                throw new TagExistsException(current);
            }
            TagDefinition first = tag.withStatus(tag.status() == null ? Status.ACTIVE : tag.status(), 1);
            CatalogueValidator.check(first, catalogue);
            return first;
        });
    }

    public Uni<TagDefinition> update(TagDefinition tag) {
        return write(tag.code(), (current, catalogue) -> {
            if (current == null) {
                throw new UnknownTagException("no tag " + tag.code());
            }
            TagDefinition next =
                    tag.withStatus(tag.status() == null ? current.status() : tag.status(), current.version() + 1);
            CatalogueValidator.check(next, catalogue);
            return next;
        });
    }

    public Uni<TagDefinition> retire(String code) {
        return write(code, (current, catalogue) -> {
            if (current == null) {
                throw new UnknownTagException("no tag " + code);
            }
            catalogue.values().stream()
                    .filter(other -> other.isActive() && reads(other, code))
                    .findFirst()
                    .ifPresent(other -> {
                        throw new InvalidTagException(
                                "code",
                                "derived tag " + other.code() + " reads " + code + "; retire or change it first");
                    });
            return current.withStatus(Status.RETIRED, current.version() + 1);
        });
    }

    private static boolean reads(TagDefinition derived, String code) {
        return derived.cases().stream()
                .anyMatch(c -> Rule.compile(c.when()).names().stream()
                        .anyMatch(name -> name.equals(code) || name.startsWith(code + ".")));
    }

    /**
     * Seeds the default tags the database has never had a definition of: all of them into an empty
     * one; after an upgrade, those a new version added (the models' output tags, say). A default
     * retired or changed by its users is left as they left it. Concurrent instances race harmlessly
     * on the keys.
     */
    public Uni<Integer> seed(List<TagDefinition> defaults) {
        return Transactions.withRetryOnConflict(() -> StoredTag.<StoredTag>listAll()
                .chain(rows -> {
                    Set<String> defined = rows.stream().map(row -> row.code).collect(Collectors.toSet());
                    List<TagDefinition> missing = defaults.stream()
                            .filter(tag -> !defined.contains(tag.code()))
                            .toList();
                    Instant now = Instant.now();
                    Uni<Void> inserts = Uni.createFrom().voidItem();
                    for (int i = 0; i < missing.size(); i++) {
                        TagDefinition tag = missing.get(i).withVersion(1);
                        // Distinct creation times keep the seeded order, which derived tags rely on.
                        Instant at = now.plusMillis(i);
                        inserts = inserts.chain(() -> row(tag, at).persist().replaceWithVoid());
                    }
                    return inserts.replaceWith(missing.size());
                }));
    }

    private interface Change {
        TagDefinition apply(TagDefinition current, Map<String, TagDefinition> catalogue);
    }

    private Uni<TagDefinition> write(String code, Change change) {
        return Transactions.withRetryOnConflict(() -> latest().chain(all -> {
            Map<String, TagDefinition> catalogue = new LinkedHashMap<>();
            all.forEach(tag -> catalogue.put(tag.code(), tag));
            TagDefinition current = catalogue.remove(code);
            TagDefinition next = change.apply(current, catalogue);
            return row(next, Instant.now()).persist().replaceWith(next);
        }));
    }

    private Uni<StoredTag> latestRow(String code) {
        return StoredTag.<StoredTag>find("code = ?1 order by version desc", code)
                .firstResult();
    }

    private static StoredTag row(TagDefinition tag, Instant at) {
        StoredTag row = new StoredTag();
        row.code = tag.code();
        row.version = tag.version();
        row.createdAt = at;
        try {
            row.definition = JSON.writeValueAsString(tag);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return row;
    }

    private static TagDefinition definition(StoredTag row) {
        try {
            return JSON.readValue(row.definition, TagDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tag " + row.code + " v" + row.version + " is unreadable", e);
        }
    }
}
