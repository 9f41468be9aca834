package dev.cdp.identity.ingest;

import dev.cdp.identity.profile.IdentityResolver;
import dev.cdp.identity.profile.LinkCause;
import dev.cdp.identity.profile.Resolution;
import dev.cdp.identity.profile.messaging.IdentityChangedPublisher;
import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.db.Transactions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accepts valid events a batch at a time, in one transaction: skips messageIds seen before,
 * resolves the rest in order (one person's events keep their order), records their messageIds,
 * and publishes merges and events on Kafka, all sends awaited, before the commit. A failure
 * anywhere rolls the whole batch back and the caller gets an error to retry on; a commit failure
 * after the publish only causes duplicate records, which consumers drop by messageId. So an event
 * is never lost and never counted twice.
 */
@ApplicationScoped
public class IngestService {

    private final Pool pool;
    private final MessageLog messages;
    private final IdentityResolver resolver;
    private final ResolvedEventPublisher publisher;
    private final IdentityChangedPublisher merges;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter conflicts;

    public IngestService(Pool pool, MessageLog messages, IdentityResolver resolver, ResolvedEventPublisher publisher,
            IdentityChangedPublisher merges, MeterRegistry metrics) {
        this.pool = pool;
        this.messages = messages;
        this.resolver = resolver;
        this.publisher = publisher;
        this.merges = merges;
        this.accepted = metrics.counter("cdp.ingest.events", "outcome", "accepted");
        this.duplicates = metrics.counter("cdp.ingest.events", "outcome", "duplicate");
        this.conflicts = metrics.counter("cdp.ingest.batch.conflicts");
    }

    public Uni<IngestOutcome> ingest(ParsedEvent parsed) {
        return ingest(List.of(parsed)).map(outcomes -> outcomes.get(0));
    }

    /** One outcome per event, in the order given. */
    public Uni<List<IngestOutcome>> ingest(List<ParsedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // Counted: batches that lost a race on the same people and ran again (a latency tail's usual cause).
        return Transactions.withRetryOnConflict(pool, tx -> process(tx, events).onFailure(Transactions::isConflict)
                        .invoke(failure -> conflicts.increment()))
                .invoke(outcomes -> outcomes.forEach(outcome -> (outcome.duplicate() ? duplicates : accepted).increment()));
    }

    private Uni<List<IngestOutcome>> process(SqlConnection tx, List<ParsedEvent> events) {
        Instant at = Instant.now();
        return messages.seen(tx, events.stream().map(ParsedEvent::messageId).distinct().toList()).chain(seen -> {
            Map<String, Integer> firstOf = new HashMap<>();
            List<ParsedEvent> fresh = new ArrayList<>();
            List<IdentityResolver.Request> requests = new ArrayList<>();
            for (ParsedEvent event : events) {
                if (!seen.containsKey(event.messageId()) && firstOf.putIfAbsent(event.messageId(), fresh.size()) == null) {
                    fresh.add(event);
                    requests.add(new IdentityResolver.Request(event.identifiers(), event.traits(), event.consents(), cause(event)));
                }
            }
            return resolver.resolve(tx, requests, at).chain(resolutions -> messages.record(tx,
                            fresh.stream().map(ParsedEvent::messageId).toList(),
                            resolutions.stream().map(Resolution::oneId).toList(), at)
                    .chain(() -> publish(fresh, resolutions, at))
                    .map(ignored -> {
                        List<IngestOutcome> outcomes = new ArrayList<>(events.size());
                        Set<String> reported = new HashSet<>();
                        for (ParsedEvent event : events) {
                            String messageId = event.messageId();
                            if (seen.containsKey(messageId)) {
                                outcomes.add(new IngestOutcome(messageId, seen.get(messageId), -1, true));
                            } else {
                                Resolution resolution = resolutions.get(firstOf.get(messageId));
                                // The same messageId again in one batch: a duplicate of its first.
                                boolean again = !reported.add(messageId);
                                outcomes.add(new IngestOutcome(messageId, resolution.oneId(), again ? -1 : resolution.ordinal(), again));
                            }
                        }
                        return outcomes;
                    }));
        });
    }

    private static LinkCause cause(ParsedEvent parsed) {
        return new LinkCause(parsed.messageId(), parsed.event().getContext().getChannel(),
                parsed.event().getContext().getSource(), ProtoTime.instant(parsed.event().getTimestamp()));
    }

    /** Every record sent at once, in the batch's order: each event's merges, then the event. */
    private Uni<Void> publish(List<ParsedEvent> events, List<Resolution> resolutions, Instant at) {
        List<Uni<Void>> sends = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            ParsedEvent event = events.get(i);
            Resolution resolution = resolutions.get(i);
            if (!resolution.absorbed().isEmpty()) {
                sends.add(merges.publishMerges(resolution, event.messageId(), at));
            }
            sends.add(publisher.publish(resolution, event.event(), event.identifiers()));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }
}
