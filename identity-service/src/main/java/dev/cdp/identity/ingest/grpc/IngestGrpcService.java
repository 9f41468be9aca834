package dev.cdp.identity.ingest.grpc;

import dev.cdp.identity.consent.ConsentService;
import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.ingest.EventLimits;
import dev.cdp.identity.ingest.EventParser;
import dev.cdp.identity.ingest.IngestOutcome;
import dev.cdp.identity.ingest.IngestService;
import dev.cdp.identity.ingest.InvalidEventException;
import dev.cdp.identity.source.Source;
import dev.cdp.identity.source.SourceRejectedException;
import dev.cdp.identity.source.SourceService;
import dev.cdp.proto.v1.IngestRequest;
import dev.cdp.proto.v1.IngestSummary;
import dev.cdp.proto.v1.RejectedEvent;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;

/**
 * gRPC adapter of {@link IngestService} for internal apps: a client stream of events from one
 * source, each validated as the Segment API validates it and taken in order.
 */
@GrpcService
public class IngestGrpcService implements dev.cdp.proto.v1.IngestService {

    private final IngestService ingest;
    private final IdentifierTypeService types;
    private final SourceService sources;
    private final ConsentService consents;
    private final EventLimits limits;

    public IngestGrpcService(
            IngestService ingest,
            IdentifierTypeService types,
            SourceService sources,
            ConsentService consents,
            EventLimits limits) {
        this.limits = limits;
        this.ingest = ingest;
        this.types = types;
        this.sources = sources;
        this.consents = consents;
    }

    @PermitAll
    @Override
    public Uni<IngestSummary> ingest(Multi<IngestRequest> requests) {
        Stream stream = new Stream();
        return requests.onItem()
                .transformToUniAndConcatenate(stream::take)
                .collect()
                .last()
                .map(ignored -> stream.summary.build());
    }

    /** One call's state: its source once the first request named it, and the running summary. */
    private final class Stream {

        private final IngestSummary.Builder summary = IngestSummary.newBuilder();
        private Source source;
        private String writeKey;
        private int index;

        Uni<Void> take(IngestRequest request) {
            int position = index++;
            Uni<Source> sender = source != null
                            && (request.getWriteKey().isEmpty()
                                    || request.getWriteKey().equals(writeKey))
                    ? Uni.createFrom().item(source)
                    : authenticate(request.getWriteKey(), position);
            return sender.chain(known -> {
                if (!request.getWriteKey().isEmpty()) {
                    writeKey = request.getWriteKey();
                }
                source = known;
                if (!request.hasEvent()) {
                    return reject(position, new InvalidEventException("event", "is required"));
                }
                try {
                    return ingest.ingest(EventParser.parse(
                                    SegmentEvents.toSegmentJson(request.getEvent()),
                                    null,
                                    Instant.now(),
                                    types.current(),
                                    known,
                                    consents.vocabulary(),
                                    limits))
                            .invoke(this::count)
                            .replaceWithVoid();
                } catch (InvalidEventException e) {
                    return reject(position, e);
                }
            });
        }

        private Uni<Source> authenticate(String writeKey, int position) {
            if (writeKey.isEmpty()) {
                return Uni.createFrom()
                        .failure(Status.UNAUTHENTICATED
                                .withDescription("write_key is required on the first"
                                        + " request: the write key of the sending source")
                                .asRuntimeException());
            }
            if (source != null) {
                return Uni.createFrom()
                        .failure(Status.UNAUTHENTICATED
                                .withDescription(
                                        "request " + position
                                                + " names another write_key than the first; one stream carries one source's events")
                                .asRuntimeException());
            }
            return sources.authenticateWriteKey(writeKey)
                    .onFailure(SourceRejectedException.class)
                    .transform(e -> Status.UNAUTHENTICATED
                            .withDescription(e.getMessage())
                            .asRuntimeException());
        }

        private void count(IngestOutcome outcome) {
            summary.setAccepted(summary.getAccepted() + 1);
            if (outcome.duplicate()) {
                summary.setDuplicates(summary.getDuplicates() + 1);
            } else if (outcome.suppressed()) {
                summary.setSuppressed(summary.getSuppressed() + 1);
            }
        }

        private Uni<Void> reject(int position, InvalidEventException problem) {
            summary.addRejected(RejectedEvent.newBuilder()
                    .setIndex(position)
                    .setField(problem.field())
                    .setReason(problem.getMessage()));
            return Uni.createFrom().voidItem();
        }
    }
}
