package dev.cdp.segment.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cdp.platform.db.Background;
import dev.cdp.platform.db.Transactions;
import dev.cdp.platform.error.ApiException;
import dev.cdp.rules.Rule;
import dev.cdp.rules.RuleSyntaxException;
import dev.cdp.segment.behaviour.ManagedTags;
import dev.cdp.segment.definition.repository.SegmentRepository;
import dev.cdp.segment.tagcatalogue.TagCatalogue;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Creates and reads segments. */
@ApplicationScoped
public class SegmentDefinitionService {

    private static final Logger LOG = Logger.getLogger(SegmentDefinitionService.class);

    private final SegmentRepository segments;
    private final MemberCounts memberships;
    private final SegmentCatalog catalog;
    private final TagCatalogue tags;

    private final ManagedTags managedTags;
    private final Vertx vertx;

    private final Event<SegmentDefined> defined;
    private final Event<SegmentArchived> archived;

    public SegmentDefinitionService(
            SegmentRepository segments,
            MemberCounts memberships,
            SegmentCatalog catalog,
            TagCatalogue tags,
            ManagedTags managedTags,
            Vertx vertx,
            Event<SegmentDefined> defined,
            Event<SegmentArchived> archived) {
        this.tags = tags;
        this.managedTags = managedTags;
        this.vertx = vertx;
        this.defined = defined;
        this.archived = archived;
        this.segments = segments;
        this.memberships = memberships;
        this.catalog = catalog;
    }

    /**
     * Validates and stores a new segment and starts evaluating it on this instance right away;
     * {@link SegmentDefined} has it decided over every existing profile in the background.
     *
     * @throws InvalidSegmentException (as the Uni's failure) naming the field that is wrong
     * @throws DuplicateSegmentException (as the Uni's failure) when the name is taken
     */
    public Uni<SegmentView> create(String name, String ruleText, JsonNode definition) {
        String cleanName = name == null ? "" : name.strip();
        Rule rule;
        try {
            validateName(cleanName);
            rule = compile(ruleText, definition);
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        Segment segment = new Segment();
        segment.id = UUID.randomUUID().toString();
        segment.name = cleanName;
        segment.rule = rule.text();
        // PostgreSQL keeps microseconds; truncating here makes the answer equal what a later read returns.
        segment.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        segment.backfillStarting();
        // An explicit transaction rather than @WithTransaction: a name taken by a concurrent create
        // shows only at commit, and must still be answered as a duplicate.
        Map<String, String> references = new HashMap<>();
        return catalog.current()
                .invoke(known -> {
                    if (rule.segments().contains(cleanName)) {
                        throw new InvalidSegmentException(
                                "rule", "IN SEGMENT '" + cleanName + "' is the segment itself");
                    }
                    references.putAll(SegmentCatalog.references(rule, known));
                })
                .call(() -> managedTags.ensure(rule))
                .chain(() -> Panache.withTransaction(() -> segments.findByName(cleanName)
                        .chain(existing -> existing != null
                                ? Uni.createFrom().failure(new DuplicateSegmentException(cleanName))
                                : segments.persist(segment)
                                        .call(() -> SegmentVersion.of(segment).persist()))))
                .onFailure(Transactions::isUniqueViolation)
                .transform(e -> new DuplicateSegmentException(cleanName))
                .invoke(() -> {
                    CompiledSegment compiled =
                            new CompiledSegment(segment.id, segment.name, rule, Map.copyOf(references));
                    catalog.add(compiled);
                    defined.fire(new SegmentDefined(compiled));
                })
                .map(saved -> view(saved, 0));
    }

    /**
     * A new version of the segment's rule: kept with the earlier ones, evaluated from the next tag
     * change on, and decided over every profile at once, so exactly the profiles the edit moves
     * enter or exit.
     *
     * @throws InvalidSegmentException (as the Uni's failure) for a bad rule or one that would read itself
     * @throws UnknownSegmentException (as the Uni's failure) when there is none with this id
     */
    public Uni<SegmentView> update(String id, String ruleText, JsonNode definition) {
        Rule rule;
        try {
            rule = compile(ruleText, definition);
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        Map<String, String> references = new HashMap<>();
        List<String> previous = new ArrayList<>(1);
        return catalog.current()
                .invoke(known -> {
                    references.putAll(SegmentCatalog.references(rule, known));
                    if (SegmentCatalog.reads(references.values(), id, known)) {
                        throw new InvalidSegmentException(
                                "rule",
                                "the segments it names with IN SEGMENT read this segment: a cycle has no members");
                    }
                })
                .call(() -> managedTags.ensure(rule))
                .chain(() -> Panache.withTransaction(() -> segments.findById(id).chain(segment -> {
                    if (segment == null) {
                        return Uni.createFrom().failure(new UnknownSegmentException(id));
                    }
                    if (segment.isArchived()) {
                        return Uni.createFrom().failure(new ArchivedSegmentException(segment.name));
                    }
                    previous.add(segment.rule);
                    segment.rule = rule.text();
                    segment.version = segment.version() + 1;
                    segment.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    if (segment.isActive()) {
                        segment.backfillStarting();
                    }
                    return SegmentVersion.of(segment).persist().replaceWith(segment);
                })))
                .invoke(segment -> {
                    // A paused segment keeps the new version for when it is resumed.
                    if (segment.isActive()) {
                        CompiledSegment compiled =
                                new CompiledSegment(segment.id, segment.name, rule, Map.copyOf(references));
                        catalog.add(compiled);
                        defined.fire(new SegmentDefined(compiled));
                    }
                    previous.forEach(this::releaseUnread);
                })
                .chain(segment -> Panache.withSession(() -> memberships.of(id)).map(size -> view(segment, size)));
    }

    /**
     * Retires the managed tags a segment's earlier rule read that no segment (archived ones
     * aside) reads now; in the background, as the answer does not depend on it. A tag left
     * behind by a failure costs only its upkeep, and the next release of it retries.
     */
    private void releaseUnread(String previousRule) {
        Set<String> candidates = rulesOf(List.of(previousRule));
        if (candidates.isEmpty()) {
            return;
        }
        Background.run(
                vertx,
                () -> Panache.withSession(() -> segments.list("status is null or status != ?1", SegmentStatus.ARCHIVED))
                        .chain(live -> {
                            candidates.removeAll(
                                    rulesOf(live.stream().map(row -> row.rule).toList()));
                            return managedTags.release(candidates);
                        }),
                ignored -> {},
                failure -> LOG.warnf("Managed tags %s stay computed: %s", candidates, failure.getMessage()));
    }

    /** The codes of the managed tags these stored rules read; a rule that no longer compiles reads none. */
    private static Set<String> rulesOf(List<String> rules) {
        List<Rule> compiled = new ArrayList<>();
        for (String text : rules) {
            try {
                compiled.add(Rule.compile(text));
            } catch (RuleSyntaxException e) {
                // The catalogue logs it when it loads.
            }
        }
        return new HashSet<>(ManagedTags.codes(compiled));
    }

    /**
     * A caller's condition, compiled and checked against the tag catalogue.
     *
     * @throws InvalidSegmentException naming what is wrong: the syntax, or a tag that is unknown,
     *     retired or of another type than the condition compares it with
     * @throws dev.cdp.segment.tagcatalogue.CatalogueNotLoadedException before any tag is known
     */
    public Rule compile(String ruleText, JsonNode definition) {
        Rule rule = SegmentRules.of(ruleText, definition);
        boolean fromTree = ruleText == null || ruleText.isBlank();
        TagCheck.check(rule.condition(), tags, fromTree ? "definition" : "rule");
        return rule;
    }

    /**
     * Archives the segment: it is no longer evaluated and its members leave it (each EXIT
     * published); the segment and its versions stay readable.
     *
     * @throws SegmentInUseException (as the Uni's failure) while an active segment reads it
     */
    public Uni<SegmentView> archive(String id) {
        return catalog.current()
                .invoke(known -> known.stream()
                        .filter(other -> other.references().containsValue(id))
                        .findFirst()
                        .ifPresent(other -> {
                            throw new SegmentInUseException(
                                    known.stream()
                                            .filter(s -> s.id().equals(id))
                                            .findFirst()
                                            .map(CompiledSegment::name)
                                            .orElse(id),
                                    other.name());
                        }))
                .chain(() -> Panache.withTransaction(() -> segments.findById(id).chain(segment -> {
                    if (segment == null) {
                        return Uni.createFrom().failure(new UnknownSegmentException(id));
                    }
                    segment.status = SegmentStatus.ARCHIVED;
                    segment.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return Uni.createFrom().item(segment);
                })))
                .invoke(segment -> {
                    catalog.remove(id);
                    archived.fire(new SegmentArchived(id, segment.name));
                    releaseUnread(segment.rule);
                })
                .chain(segment -> Panache.withSession(() -> memberships.of(id)).map(size -> view(segment, size)));
    }

    /** Every version of the segment's rule, oldest first. */
    @WithSession
    public Uni<List<SegmentVersionView>> versions(String id) {
        return require(id)
                .chain(() -> SegmentVersion.<SegmentVersion>list("segmentId = ?1 order by version", id))
                .map(versions -> versions.stream()
                        .map(version -> new SegmentVersionView(
                                version.version, version.rule, definition(version.rule), version.createdAt))
                        .toList());
    }

    /**
     * The segment with its size.
     *
     * @throws UnknownSegmentException (as the Uni's failure) when there is none with this id
     */
    @WithSession
    public Uni<SegmentView> get(String id) {
        return segments.findById(id)
                .chain(segment -> segment == null
                        ? Uni.createFrom().failure(new UnknownSegmentException(id))
                        : memberships.of(id).map(size -> view(segment, size)));
    }

    /**
     * Fails with {@link UnknownSegmentException} unless a segment has this id.
     */
    @WithSession
    public Uni<Void> require(String id) {
        return segments.exists(id)
                .chain(known -> known
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new UnknownSegmentException(id)));
    }

    /** The name of every segment, by id. */
    @WithSession
    public Uni<Map<String, String>> names() {
        return segments.listByCreation().map(all -> {
            Map<String, String> names = new java.util.LinkedHashMap<>();
            all.forEach(segment -> names.put(segment.id, segment.name));
            return names;
        });
    }

    @WithTransaction
    public Uni<Void> backfillStarted(String id, long total) {
        return segments.update(
                        "backfillState = ?1, backfillDone = 0, backfillTotal = ?2 where id = ?3",
                        Backfill.State.RUNNING,
                        total,
                        id)
                .replaceWithVoid();
    }

    /** Within the transaction that decided the {@code done}th profile, so the progress shown is the progress made. */
    @WithTransaction
    public Uni<Void> backfillProgressed(String id, long done, boolean finished) {
        return segments.update(
                        "backfillState = ?1, backfillDone = ?2 where id = ?3",
                        finished ? Backfill.State.DONE : Backfill.State.RUNNING,
                        done,
                        id)
                .replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> backfillFailed(String id) {
        return segments.update("backfillState = ?1 where id = ?2", Backfill.State.FAILED, id)
                .replaceWithVoid();
    }

    /** The segments whose backfill a restart cut short (or that failed), compiled, to run again. */
    public Uni<List<CompiledSegment>> unfinishedBackfills() {
        return Panache.withSession(() ->
                        segments.list("backfillState in ?1", List.of(Backfill.State.RUNNING, Backfill.State.FAILED)))
                .chain(unfinished -> catalog.current()
                        .map(known -> known.stream()
                                .filter(segment -> unfinished.stream().anyMatch(row -> row.id.equals(segment.id())))
                                .toList()));
    }

    /** All segments, oldest first, with their sizes. */
    @WithSession
    public Uni<List<SegmentView>> list() {
        return segments.listByCreation()
                .chain(all -> memberships
                        .all()
                        .map(sizes -> all.stream()
                                .map(segment -> view(segment, sizes.getOrDefault(segment.id, 0L)))
                                .toList()));
    }

    private static void validateName(String name) {
        if (name.isEmpty()) {
            throw new InvalidSegmentException("name", "must not be blank");
        }
        if (name.length() > Segment.MAX_NAME_LENGTH) {
            throw new InvalidSegmentException(
                    "name", "is " + name.length() + " characters long; the limit is " + Segment.MAX_NAME_LENGTH);
        }
    }

    /** The stored rule as the JSON tree; null for a rule that no longer compiles (which the catalogue logs). */
    private static JsonNode definition(String rule) {
        try {
            return ConditionJson.write(Rule.compile(rule).condition());
        } catch (RuleSyntaxException e) {
            return null;
        }
    }

    static SegmentView view(Segment segment, long size) {
        Backfill backfill = segment.backfillState == null
                ? null
                : new Backfill(segment.backfillState, segment.backfillDone, segment.backfillTotal);
        return new SegmentView(
                segment.id,
                segment.name,
                segment.rule,
                definition(segment.rule),
                segment.version(),
                segment.status == null ? SegmentStatus.ACTIVE : segment.status,
                size,
                segment.createdAt,
                backfill,
                segment.pausedReason);
    }
}
