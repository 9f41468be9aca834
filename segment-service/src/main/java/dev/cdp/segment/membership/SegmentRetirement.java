package dev.cdp.segment.membership;

import dev.cdp.platform.db.Background;
import dev.cdp.segment.definition.SegmentArchived;
import dev.cdp.segment.membership.messaging.MembershipPublisher;
import dev.cdp.segment.membership.repository.MembershipRepository;
import dev.cdp.segment.profile.TagSnapshot;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Empties an archived segment: every member exits, a page at a time, each page's rows deleted and
 * its EXITs published in one transaction, so activation stops targeting them.
 */
@ApplicationScoped
public class SegmentRetirement {

    private static final Logger LOG = Logger.getLogger(SegmentRetirement.class);

    private final MembershipRepository memberships;
    private final MembershipPublisher publisher;
    private final Vertx vertx;

    public SegmentRetirement(MembershipRepository memberships, MembershipPublisher publisher, Vertx vertx) {
        this.memberships = memberships;
        this.publisher = publisher;
        this.vertx = vertx;
    }

    void onArchived(@Observes SegmentArchived archived) {
        Background.run(
                vertx,
                () -> empty(archived),
                done -> {},
                failure -> LOG.errorf(failure, "segment %s was archived but not emptied", archived.segmentId()));
    }

    Uni<Void> empty(SegmentArchived archived) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> memberships
                        .page(archived.segmentId(), "", SegmentBackfill.PAGE)
                        .call(page -> leave(archived, page, at)))
                .chain(page -> page.isEmpty() ? Uni.createFrom().voidItem() : empty(archived));
    }

    private Uni<Void> leave(SegmentArchived archived, List<Membership> page, Instant at) {
        List<MembershipTransition> exits = page.stream()
                .map(member -> MembershipTransition.of(
                        archived.segmentId(),
                        archived.name(),
                        new TagSnapshot(member.oneId, member.ordinal, Map.of(), "archive:" + archived.segmentId(), at),
                        Transition.EXIT))
                .toList();
        // One call: a Uni per row chained nests as deep as the page is long and overflows the stack.
        return Panache.getSession()
                .chain(session -> session.removeAll(page.toArray()).chain(session::flush))
                .chain(() -> publisher.publish(exits));
    }
}
