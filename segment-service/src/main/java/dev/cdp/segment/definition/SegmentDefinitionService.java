package dev.cdp.segment.definition;

import dev.cdp.platform.db.Transactions;
import dev.cdp.rules.Rule;
import dev.cdp.rules.RuleSyntaxException;
import dev.cdp.segment.definition.repository.SegmentRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creates and reads segments. */
@ApplicationScoped
public class SegmentDefinitionService {

    private final SegmentRepository segments;
    private final MemberCounts memberships;
    private final SegmentCatalog catalog;

    public SegmentDefinitionService(SegmentRepository segments, MemberCounts memberships, SegmentCatalog catalog) {
        this.segments = segments;
        this.memberships = memberships;
        this.catalog = catalog;
    }

    /**
     * Validates and stores a new segment and starts evaluating it on this instance right away.
     * Profiles enter it as their tags next change.
     *
     * @throws InvalidSegmentException (as the Uni's failure) naming the field that is wrong
     * @throws DuplicateSegmentException (as the Uni's failure) when the name is taken
     */
    public Uni<SegmentView> create(String name, String ruleText) {
        String cleanName = name == null ? "" : name.strip();
        Rule rule;
        try {
            rule = validate(cleanName, ruleText);
        } catch (InvalidSegmentException e) {
            return Uni.createFrom().failure(e);
        }
        Segment segment = new Segment();
        segment.id = UUID.randomUUID().toString();
        segment.name = cleanName;
        segment.rule = ruleText;
        // PostgreSQL keeps microseconds; truncating here makes the answer equal what a later read returns.
        segment.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // An explicit transaction rather than @WithTransaction: a name taken by a concurrent create
        // shows only at commit, and must still be answered as a duplicate.
        return Panache.withTransaction(() -> segments.findByName(cleanName)
                        .chain(existing -> existing != null
                                ? Uni.createFrom().failure(new DuplicateSegmentException(cleanName))
                                : segments.persist(segment)))
                .onFailure(Transactions::isUniqueViolation)
                .transform(e -> new DuplicateSegmentException(cleanName))
                .invoke(() -> catalog.add(new CompiledSegment(segment.id, segment.name, rule)))
                .map(saved -> view(saved, 0));
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

    private static Rule validate(String name, String ruleText) {
        if (name.isEmpty()) {
            throw new InvalidSegmentException("name", "must not be blank");
        }
        if (name.length() > Segment.MAX_NAME_LENGTH) {
            throw new InvalidSegmentException(
                    "name", "is " + name.length() + " characters long; the limit is " + Segment.MAX_NAME_LENGTH);
        }
        if (ruleText == null || ruleText.isBlank()) {
            throw new InvalidSegmentException("rule", "must not be blank; write a condition such as total_spend > 100");
        }
        try {
            return Rule.compile(ruleText);
        } catch (RuleSyntaxException e) {
            throw new InvalidSegmentException("rule", e.getMessage());
        }
    }

    private static SegmentView view(Segment segment, long size) {
        return new SegmentView(segment.id, segment.name, segment.rule, size, segment.createdAt);
    }
}
