package dev.cdp.identity.ingest;

import dev.cdp.identity.resolution.IdentityResolver;
import dev.cdp.identity.resolution.LinkCause;
import dev.cdp.identity.resolution.Resolution;
import dev.cdp.identity.resolution.messaging.MergePublisher;
import dev.cdp.identity.suppression.Suppression;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Accepts valid events a batch at a time, in one transaction: skips messageIds seen before and
 * events an erasure suppresses ({@link Suppression}), resolves the rest in order (one person's
 * events keep their order), records their messageIds, and publishes merges and events on Kafka,
 * all sends awaited, before the commit. A failure
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
    private final MergePublisher merges;
    private final Suppression suppression;
    private final Map<IngestOutcome.Status, Counter> outcomes = new EnumMap<>(IngestOutcome.Status.class);
    private final Counter conflicts;

    public IngestService(
            Pool pool,
            MessageLog messages,
            IdentityResolver resolver,
            ResolvedEventPublisher publisher,
            MergePublisher merges,
            Suppression suppression,
            MeterRegistry metrics) {
        this.pool = pool;
        this.messages = messages;
        this.resolver = resolver;
        this.publisher = publisher;
        this.merges = merges;
        this.suppression = suppression;
        for (IngestOutcome.Status status : IngestOutcome.Status.values()) {
            outcomes.put(
                    status,
                    metrics.counter(
                            "cdp.ingest.events", "outcome", status.name().toLowerCase(Locale.ROOT)));
        }
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
        return Transactions.withRetryOnConflict(
                        pool,
                        tx -> process(tx, events)
                                .onFailure(Transactions::isConflict)
                                .invoke(failure -> conflicts.increment()))
                .invoke(done ->
                        done.forEach(outcome -> outcomes.get(outcome.status()).increment()));
    }

    private Uni<List<IngestOutcome>> process(SqlConnection tx, List<ParsedEvent> events) {
        Instant at = Instant.now();
        // A person's events in a batch name the same identifiers: each is hashed once.
        Map<String, String> hashOf = new HashMap<>();
        List<List<String>> hashes = new ArrayList<>(events.size());
        for (ParsedEvent event : events) {
            hashes.add(event.identifiers().stream()
                    .map(identifier -> hashOf.computeIfAbsent(identifier.key(), suppression::hash))
                    .toList());
        }
        // Both reads go out at once: the connection pipelines them.
        Uni<Map<String, String>> seen = messages.seen(
                tx, events.stream().map(ParsedEvent::messageId).distinct().toList());
        Uni<Map<String, Instant>> erased = suppression.erasedAt(tx, hashOf.values(), at);
        return Uni.combine()
                .all()
                .unis(seen, erased)
                .asTuple()
                .chain(read -> resolve(tx, events, hashes, read.getItem1(), read.getItem2(), at));
    }

    private Uni<List<IngestOutcome>> resolve(
            SqlConnection tx,
            List<ParsedEvent> events,
            List<List<String>> hashes,
            Map<String, String> seen,
            Map<String, Instant> erased,
            Instant at) {
        Map<String, Integer> firstOf = new HashMap<>();
        Set<String> suppressed = new HashSet<>();
        List<ParsedEvent> fresh = new ArrayList<>();
        List<IdentityResolver.Request> requests = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            ParsedEvent event = events.get(i);
            String messageId = event.messageId();
            if (seen.containsKey(messageId) || firstOf.containsKey(messageId) || suppressed.contains(messageId)) {
                continue;
            }
            if (erasedBefore(event, hashes.get(i), erased)) {
                suppressed.add(messageId);
            } else {
                firstOf.put(messageId, fresh.size());
                fresh.add(event);
                requests.add(new IdentityResolver.Request(
                        event.identifiers(), event.traits(), event.consents(), cause(event)));
            }
        }
        return resolver.resolve(tx, requests, at)
                .chain(resolutions -> messages.record(
                                tx,
                                fresh.stream().map(ParsedEvent::messageId).toList(),
                                resolutions.stream().map(Resolution::oneId).toList(),
                                at)
                        .chain(() -> publish(fresh, resolutions, at))
                        .map(ignored -> {
                            List<IngestOutcome> outcomes = new ArrayList<>(events.size());
                            Set<String> reported = new HashSet<>();
                            for (ParsedEvent event : events) {
                                String messageId = event.messageId();
                                if (seen.containsKey(messageId)) {
                                    outcomes.add(new IngestOutcome(
                                            messageId, seen.get(messageId), -1, IngestOutcome.Status.DUPLICATE));
                                } else if (suppressed.contains(messageId)) {
                                    outcomes.add(
                                            new IngestOutcome(messageId, null, -1, IngestOutcome.Status.SUPPRESSED));
                                } else {
                                    Resolution resolution = resolutions.get(firstOf.get(messageId));
                                    // The same messageId again in one batch: a duplicate of its first.
                                    outcomes.add(
                                            reported.add(messageId)
                                                    ? new IngestOutcome(
                                                            messageId,
                                                            resolution.oneId(),
                                                            resolution.ordinal(),
                                                            IngestOutcome.Status.ACCEPTED)
                                                    : new IngestOutcome(
                                                            messageId,
                                                            resolution.oneId(),
                                                            -1,
                                                            IngestOutcome.Status.DUPLICATE));
                                }
                            }
                            return outcomes;
                        }));
    }

    /** Whether the event names an erased person's identifier and happened before that erasure. */
    private static boolean erasedBefore(ParsedEvent event, List<String> hashes, Map<String, Instant> erased) {
        if (erased.isEmpty()) {
            return false;
        }
        Instant happened = ProtoTime.instant(event.event().getTimestamp());
        for (String hash : hashes) {
            Instant erasedAt = erased.get(hash);
            if (erasedAt != null && !happened.isAfter(erasedAt)) {
                return true;
            }
        }
        return false;
    }

    private static LinkCause cause(ParsedEvent parsed) {
        return new LinkCause(
                parsed.messageId(),
                parsed.event().getContext().getChannel(),
                parsed.event().getContext().getSource(),
                ProtoTime.instant(parsed.event().getTimestamp()));
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
