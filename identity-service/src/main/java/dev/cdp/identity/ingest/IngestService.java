package dev.cdp.identity.ingest;

import dev.cdp.identity.consent.ConsentService;
import dev.cdp.identity.profile.IdentityResolver;
import dev.cdp.identity.profile.LinkCause;
import dev.cdp.identity.profile.messaging.IdentityChangedPublisher;
import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.db.Transactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Accepts one valid event: skips a messageId seen before, resolves the profile, and publishes the
 * event on Kafka before the transaction commits. A failure anywhere rolls back and the caller gets
 * an error to retry on; a commit failure after the publish only causes a duplicate record, which
 * consumers drop by messageId. So an event is never lost and never counted twice.
 */
@ApplicationScoped
public class IngestService {

    private final IdentityResolver resolver;
    private final ResolvedEventPublisher publisher;
    private final IdentityChangedPublisher merges;
    private final ConsentService consents;
    private final Counter accepted;
    private final Counter duplicates;

    public IngestService(IdentityResolver resolver, ResolvedEventPublisher publisher, IdentityChangedPublisher merges,
            ConsentService consents, MeterRegistry metrics) {
        this.resolver = resolver;
        this.publisher = publisher;
        this.merges = merges;
        this.consents = consents;
        this.accepted = metrics.counter("cdp.ingest.events", "outcome", "accepted");
        this.duplicates = metrics.counter("cdp.ingest.events", "outcome", "duplicate");
    }

    public Uni<IngestOutcome> ingest(ParsedEvent parsed) {
        return Transactions.withRetryOnConflict(() -> process(parsed))
                .invoke(outcome -> (outcome.duplicate() ? duplicates : accepted).increment());
    }

    /**
     * Events one at a time, in order, so one person's events keep their order; each in its own
     * transaction, so a failure leaves the events before it applied and nothing of its own.
     */
    public Uni<List<IngestOutcome>> ingestInOrder(List<ParsedEvent> events) {
        return Multi.createFrom().iterable(events).onItem().transformToUniAndConcatenate(this::ingest).collect().asList();
    }

    private Uni<IngestOutcome> process(ParsedEvent parsed) {
        Instant at = Instant.now();
        return IngestedMessage.<IngestedMessage>findById(parsed.messageId()).chain(seen -> {
            if (seen != null) {
                return Uni.createFrom().item(new IngestOutcome(parsed.messageId(), seen.oneId, -1, true));
            }
            LinkCause cause = new LinkCause(parsed.messageId(), parsed.event().getContext().getChannel(),
                    parsed.event().getContext().getSource(), ProtoTime.instant(parsed.event().getTimestamp()));
            return resolver.resolve(parsed.identifiers(), parsed.traits(), cause, at)
                    .chain(resolution -> {
                        IngestedMessage message = new IngestedMessage();
                        message.messageId = parsed.messageId();
                        message.oneId = resolution.oneId();
                        message.receivedAt = at;
                        return message.<IngestedMessage>persist()
                                .chain(() -> consents.record(resolution.oneId(), parsed.consents(), cause.source(),
                                        parsed.messageId(), ProtoTime.instant(parsed.event().getTimestamp())))
                                .chain(() -> Panache.getSession().chain(session -> session.flush()))
                                .chain(() -> merges.publishMerges(resolution, parsed.messageId(), at))
                                .chain(() -> publisher.publish(resolution, parsed.event(), parsed.identifiers()))
                                .replaceWith(new IngestOutcome(parsed.messageId(), resolution.oneId(),
                                        resolution.ordinal(), false));
                    });
        });
    }
}
