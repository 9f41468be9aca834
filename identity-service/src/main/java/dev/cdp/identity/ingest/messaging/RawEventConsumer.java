package dev.cdp.identity.ingest.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.consent.ConsentService;
import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.ingest.EventBatch;
import dev.cdp.identity.ingest.EventLimits;
import dev.cdp.identity.ingest.EventParser;
import dev.cdp.identity.ingest.IngestService;
import dev.cdp.identity.ingest.InvalidEventException;
import dev.cdp.identity.ingest.ParsedEvent;
import dev.cdp.identity.source.Source;
import dev.cdp.identity.source.SourceService;
import dev.cdp.platform.deadletter.DeadLetterReplay;
import dev.cdp.platform.error.ApiException;
import dev.cdp.platform.kafka.DeadLetters;
import dev.cdp.platform.kafka.UnreadableRecordException;
import dev.cdp.platform.store.Stores;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Consumes cdp.events.raw, the ingest topic of high-volume sources: each record's value is a
 * Segment-spec event (with its {@code type}) or a {@code {"batch": [...]}}, its source named by
 * the write key in the {@value #WRITE_KEY_HEADER} header. Events take the same parse, validate,
 * resolve and publish path as the HTTP API, a poll's worth at a time.
 *
 * <p>A record without a known key, that is not JSON or that holds an invalid event goes to
 * cdp.dlq.identity-service with the reason ({@link DeadLetters}) and nothing of it is applied
 * (a batch is validated whole before any of its events is), so the dead-letter topic holds exactly
 * what was not taken; the rest of the poll is applied. An event without a messageId gets one from
 * the record's position, so a redelivery after a crash, or the replay of its dead letter, is
 * dropped as a duplicate like any replayed messageId.
 */
@ApplicationScoped
public class RawEventConsumer {

    public static final String WRITE_KEY_HEADER = "cdp-write-key";
    private static final Logger LOG = Logger.getLogger(RawEventConsumer.class);

    private final IngestService ingest;
    private final IdentifierTypeService types;
    private final SourceService sources;
    private final ConsentService consents;
    private final ObjectMapper json;
    private final MutinyEmitter<byte[]> deadLetters;
    private final int maxBatchSize;
    private final EventLimits limits;
    private final Stores stores;

    public RawEventConsumer(
            IngestService ingest,
            IdentifierTypeService types,
            SourceService sources,
            ConsentService consents,
            ObjectMapper json,
            @Channel("raw-dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                    MutinyEmitter<byte[]> deadLetters,
            @ConfigProperty(name = "cdp.ingest.max-batch-size") int maxBatchSize,
            EventLimits limits,
            Stores stores) {
        this.deadLetters = deadLetters;
        this.limits = limits;
        this.stores = stores;
        this.ingest = ingest;
        this.types = types;
        this.sources = sources;
        this.consents = consents;
        this.json = json;
        this.maxBatchSize = maxBatchSize;
    }

    /**
     * Takes what one poll returned: every record is read and validated on its own (a wrong one
     * goes to the dead-letter topic with its reason), and the events of all the valid ones are
     * resolved together, in record order, a batch of at most {@code cdp.ingest.max-batch-size} at
     * a time. While PostgreSQL is down the poll waits for it ({@link Stores}); a failure that
     * persists with the database up fails the poll and the connector dead-letters its records,
     * which a replay re-applies idempotently by messageId.
     */
    @Incoming("events-raw")
    public Uni<Void> consume(ConsumerRecords<String, byte[]> records) {
        List<ParsedEvent> valid = new ArrayList<>();
        return Multi.createFrom()
                .iterable(records)
                .onItem()
                .transformToUniAndConcatenate(record -> stores.untilApplied(
                                () -> source(record).map(source -> parse(record, source)))
                        .invoke(valid::addAll)
                        .replaceWithVoid()
                        .onFailure(ApiException::isInputsFault)
                        .recoverWithUni(failure -> deadLetters.sendMessage(DeadLetters.of(record, failure))))
                .collect()
                .last()
                .chain(() -> stores.untilApplied(() -> ingestInChunks(valid)))
                .onFailure()
                .invoke(failure -> LOG.warnf(
                        "a poll of %d raw records failed and goes to the dead-letter topic: %s",
                        records.count(), failure.getMessage()));
    }

    private Uni<Void> ingestInChunks(List<ParsedEvent> events) {
        List<List<ParsedEvent>> chunks = new ArrayList<>();
        for (int from = 0; from < events.size(); from += maxBatchSize) {
            chunks.add(events.subList(from, Math.min(events.size(), from + maxBatchSize)));
        }
        return Multi.createFrom()
                .iterable(chunks)
                .onItem()
                .transformToUniAndConcatenate(ingest::ingest)
                .collect()
                .last()
                .replaceWithVoid();
    }

    private Uni<Source> source(ConsumerRecord<String, byte[]> record) {
        Header key = record.headers().lastHeader(WRITE_KEY_HEADER);
        if (key == null || key.value() == null || key.value().length == 0) {
            return Uni.createFrom()
                    .failure(new UnreadableRecordException(
                            "no " + WRITE_KEY_HEADER + " header: put the write key of the sending source in it"));
        }
        return sources.authenticateWriteKey(new String(key.value(), StandardCharsets.UTF_8).strip());
    }

    private List<ParsedEvent> parse(ConsumerRecord<String, byte[]> record, Source source) {
        if (record.value() != null) {
            limits.checkBatchSize(record.value().length, "value");
        }
        JsonNode call = EventParser.readJson(json, record.value(), "value");
        Instant receivedAt = Instant.now();
        String position = "raw-" + position(record) + "-" + record.timestamp();
        if (!EventParser.isBatch(call)) {
            withMessageId(call, position);
            return List.of(
                    EventParser.parse(call, null, receivedAt, types.current(), source, consents.vocabulary(), limits));
        }
        JsonNode events = EventParser.batchEvents(call);
        if (events.size() > maxBatchSize) {
            throw new InvalidEventException(
                    "batch", "holds " + events.size() + " events; the limit is " + maxBatchSize);
        }
        for (int i = 0; i < events.size(); i++) {
            withMessageId(events.get(i), position + "-" + i);
        }
        EventBatch batch =
                EventParser.parseBatch(call, receivedAt, types.current(), source, consents.vocabulary(), limits);
        if (!batch.rejected().isEmpty()) {
            throw new InvalidEventException(
                    "batch",
                    batch.rejected().stream()
                            .map(rejected ->
                                    rejected.field() + " " + rejected.problem().reason())
                            .collect(Collectors.joining(
                                    "; ",
                                    "has " + batch.rejected().size() + " invalid of " + batch.size()
                                            + " events, so none was applied: ",
                                    "")));
        }
        return batch.valid();
    }

    /** Where the record was first read: a replayed dead letter keeps its first position, so its messageIds too. */
    private static String position(ConsumerRecord<String, byte[]> record) {
        Header replayOf = record.headers().lastHeader(DeadLetterReplay.REPLAY_OF_HEADER);
        return replayOf == null
                ? record.partition() + "-" + record.offset()
                : new String(replayOf.value(), StandardCharsets.UTF_8).replace('@', '-');
    }

    private static void withMessageId(JsonNode event, String messageId) {
        if (event instanceof ObjectNode object && !object.hasNonNull("messageId")) {
            object.put("messageId", messageId);
        }
    }
}
