package dev.cdp.segment.definition;

import dev.cdp.platform.db.Background;
import dev.cdp.rules.Rule;
import dev.cdp.segment.behaviour.ManagedTags;
import dev.cdp.segment.definition.repository.SegmentRepository;
import dev.cdp.segment.tagcatalogue.TagCatalogue;
import dev.cdp.segment.tagcatalogue.TagRetired;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Pausing and resuming segments. A paused segment is not evaluated and its members stay as they
 * were: a user pauses one to hold an audience still; a segment reading a tag that tag-service
 * retires is paused with that reason, rather than emptied silently as the tag stops being computed.
 * Resuming decides it over every profile again, so the members catch up with what changed meanwhile.
 */
@ApplicationScoped
public class SegmentPauses {

    private static final Logger LOG = Logger.getLogger(SegmentPauses.class);
    static final String BY_USER = "paused by a user";

    private final SegmentRepository segments;
    private final SegmentCatalog catalog;
    private final MemberCounts memberships;
    private final TagCatalogue tags;
    private final ManagedTags managedTags;
    private final Event<SegmentDefined> defined;
    private final Vertx vertx;

    public SegmentPauses(
            SegmentRepository segments,
            SegmentCatalog catalog,
            MemberCounts memberships,
            TagCatalogue tags,
            ManagedTags managedTags,
            Event<SegmentDefined> defined,
            Vertx vertx) {
        this.managedTags = managedTags;
        this.segments = segments;
        this.catalog = catalog;
        this.memberships = memberships;
        this.tags = tags;
        this.defined = defined;
        this.vertx = vertx;
    }

    /**
     * Stops evaluating the segment; its members stay. Pausing a paused segment changes nothing.
     *
     * @throws UnknownSegmentException (as the Uni's failure) when there is none with this id
     * @throws ArchivedSegmentException (as the Uni's failure) for an archived segment
     */
    public Uni<SegmentView> pause(String id) {
        return pause(id, BY_USER).chain(this::withSize);
    }

    /**
     * Evaluates the segment again, from a backfill over every profile; the tags its DID
     * conditions read are asked of tag-service again (one retired meanwhile is computed again).
     *
     * @throws CannotResumeException (as the Uni's failure) when its rule reads a tag now unknown or retired
     */
    public Uni<SegmentView> resume(String id) {
        return Panache.withSession(() -> require(id))
                .call(segment -> managedTags.ensure(Rule.compile(segment.rule)))
                .chain(catalog::current)
                .chain(known -> Panache.withTransaction(() -> require(id).map(segment -> {
                    if (segment.isActive()) {
                        return new Resumed(segment, null);
                    }
                    Rule rule = Rule.compile(segment.rule);
                    try {
                        TagCheck.check(rule.condition(), tags, "rule");
                    } catch (InvalidSegmentException e) {
                        throw new CannotResumeException(segment.name, e.reason());
                    }
                    CompiledSegment compiled =
                            new CompiledSegment(segment.id, segment.name, rule, SegmentCatalog.references(rule, known));
                    segment.status = SegmentStatus.ACTIVE;
                    segment.pausedReason = null;
                    segment.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    segment.backfillStarting();
                    return new Resumed(segment, compiled);
                })))
                .invoke(resumed -> {
                    if (resumed.compiled() != null) {
                        catalog.add(resumed.compiled());
                        defined.fire(new SegmentDefined(resumed.compiled()));
                    }
                })
                .chain(resumed -> withSize(resumed.segment()));
    }

    /** Pauses, on this instance's own context, every active segment that reads the retired tag. */
    void onTagRetired(@Observes TagRetired retired) {
        Background.run(
                vertx,
                () -> catalog.current()
                        .chain(known -> Multi.createFrom()
                                .iterable(readers(known, retired.code()))
                                .onItem()
                                .transformToUniAndConcatenate(segment -> pause(
                                                segment.id(),
                                                "reads tag " + retired.code()
                                                        + ", which was retired in the tag catalogue; edit the rule and resume it")
                                        .invoke(paused -> LOG.warnf(
                                                "segment %s (%s) is paused: %s",
                                                paused.id, paused.name, paused.pausedReason)))
                                .collect()
                                .asList()),
                paused -> {},
                failure -> LOG.errorf(
                        failure,
                        "segments reading the retired tag %s could not be paused; they are when it is next announced (restart)",
                        retired.code()));
    }

    private static List<CompiledSegment> readers(List<CompiledSegment> known, String code) {
        return known.stream()
                .filter(segment -> segment.rule().names().stream()
                        .anyMatch(name -> name.equals(code) || name.startsWith(code + ".")))
                .toList();
    }

    private Uni<Segment> pause(String id, String reason) {
        return Panache.withTransaction(() -> require(id).invoke(segment -> {
                    if (segment.isArchived()) {
                        throw new ArchivedSegmentException(segment.name);
                    }
                    if (segment.isActive()) {
                        segment.status = SegmentStatus.PAUSED;
                        segment.pausedReason = reason;
                        segment.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    }
                }))
                .invoke(segment -> catalog.remove(segment.id));
    }

    private Uni<Segment> require(String id) {
        return segments.findById(id).map(segment -> {
            if (segment == null) {
                throw new UnknownSegmentException(id);
            }
            return segment;
        });
    }

    private Uni<SegmentView> withSize(Segment segment) {
        return Panache.withSession(() -> memberships.of(segment.id))
                .map(size -> SegmentDefinitionService.view(segment, size));
    }

    private record Resumed(Segment segment, CompiledSegment compiled) {}
}
