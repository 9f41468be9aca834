package dev.cdp.identity.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.identity.consent.ConsentService;
import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.source.Source;
import dev.cdp.identity.source.SourceRejectedException;
import dev.cdp.identity.source.SourceService;
import dev.cdp.platform.db.Transactions;
import dev.cdp.platform.store.Stores;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Segment HTTP tracking API: {@code POST /v1/identify|track|page|screen|group|alias} with one
 * event, {@code POST /v1/batch} with many. Existing Segment SDKs can point at it unchanged: each
 * call names its source by write key (HTTP Basic user name, or the X-Write-Key header). While
 * PostgreSQL does not answer, a call is answered 503 with Retry-After and nothing of it is taken.
 */
@Path("/v1")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class TrackingApiResource {

    static final String WRITE_KEY_HEADER = "X-Write-Key";

    private final IngestService ingest;
    private final IdentifierTypeService types;
    private final SourceService sources;
    private final ConsentService consents;
    private final ObjectMapper json;
    private final int maxBatchSize;
    private final EventLimits limits;
    private final IngestAdmission admission;
    private final Stores stores;

    public TrackingApiResource(
            IngestService ingest,
            IdentifierTypeService types,
            SourceService sources,
            ConsentService consents,
            ObjectMapper json,
            @ConfigProperty(name = "cdp.ingest.max-batch-size") int maxBatchSize,
            EventLimits limits,
            IngestAdmission admission,
            Stores stores) {
        this.admission = admission;
        this.stores = stores;
        this.ingest = ingest;
        this.types = types;
        this.sources = sources;
        this.consents = consents;
        this.json = json;
        this.maxBatchSize = maxBatchSize;
        this.limits = limits;
    }

    @PermitAll
    @POST
    @Path("/{type:identify|track|page|screen|group|alias}")
    public Uni<Response> single(
            @PathParam("type") String type,
            byte[] body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(WRITE_KEY_HEADER) String writeKey) {
        return stores.unavailableWhenDown(
                        sources.authenticate(authorization, writeKey).chain(source -> single(type, body, source)))
                .onFailure(SourceRejectedException.class)
                .recoverWithItem(TrackingApiResource::unauthorized);
    }

    private Uni<Response> single(String type, byte[] body, Source source) {
        ParsedEvent parsed;
        try {
            if (body != null) {
                limits.checkSize(body.length, "body");
            }
            parsed = EventParser.parse(
                    EventParser.readJson(json, body, "body"),
                    EventParser.typeOf(type),
                    Instant.now(),
                    types.current(),
                    source,
                    consents.vocabulary(),
                    limits);
        } catch (InvalidEventException e) {
            return Uni.createFrom().item(rejected(e));
        }
        return admitted(
                source,
                1,
                () -> ingest.ingest(parsed).map(outcome -> {
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("success", true);
                    result.put("messageId", outcome.messageId());
                    if (outcome.oneId() != null) {
                        result.put("oneId", outcome.oneId());
                    }
                    result.put("duplicate", outcome.duplicate());
                    result.put("suppressed", outcome.suppressed());
                    return Response.ok(result).build();
                }));
    }

    /**
     * Each event is validated on its own: the valid ones are accepted in order, the invalid ones
     * reported by index. 400 only when none is valid; 413 when the batch is over a limit.
     */
    @PermitAll
    @POST
    @Path("/batch")
    public Uni<Response> batch(
            byte[] body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(WRITE_KEY_HEADER) String writeKey) {
        return stores.unavailableWhenDown(
                        sources.authenticate(authorization, writeKey).chain(source -> batch(body, source)))
                .onFailure(SourceRejectedException.class)
                .recoverWithItem(TrackingApiResource::unauthorized);
    }

    private Uni<Response> batch(byte[] body, Source source) {
        JsonNode call;
        try {
            if (body != null) {
                limits.checkBatchSize(body.length, "body");
            }
            call = EventParser.readJson(json, body, "body");
            int size = EventParser.batchEvents(call).size();
            if (size > maxBatchSize) {
                throw new EventTooLargeException("batch", "holds " + size + " events; the limit is " + maxBatchSize);
            }
        } catch (InvalidEventException e) {
            return Uni.createFrom().item(rejected(e));
        }
        EventBatch batch =
                EventParser.parseBatch(call, Instant.now(), types.current(), source, consents.vocabulary(), limits);
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (EventBatch.Rejected event : batch.rejected()) {
            Map<String, Object> report = error(event.field(), event.problem().getMessage());
            report.put("index", event.index());
            rejected.add(report);
        }
        if (batch.valid().isEmpty() && !rejected.isEmpty()) {
            return Uni.createFrom()
                    .item(Response.status(Response.Status.BAD_REQUEST)
                            .entity(Map.of("success", false, "accepted", 0, "rejected", rejected))
                            .build());
        }
        return admitted(
                source,
                batch.valid().size(),
                () -> ingest.ingest(batch.valid()).map(outcomes -> {
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("success", rejected.isEmpty());
                    result.put("accepted", outcomes.size());
                    result.put(
                            "duplicates",
                            outcomes.stream().filter(IngestOutcome::duplicate).count());
                    result.put(
                            "suppressed",
                            outcomes.stream().filter(IngestOutcome::suppressed).count());
                    result.put("rejected", rejected);
                    return Response.ok(result).build();
                }));
    }

    private static Response unauthorized(Throwable e) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("success", false);
        entity.put("error", e.getMessage());
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"cdp\"")
                .entity(entity)
                .build();
    }

    /**
     * Runs the ingest of a call's events if the source's budget and the instance's capacity take
     * them, releasing them once done; else 429 or 503 with Retry-After, nothing of the call taken.
     * A call that kept losing races with others over the same people (each attempt rolled back)
     * is answered 503 too: it is worth repeating, and nothing of it was taken.
     */
    private Uni<Response> admitted(Source source, int events, Supplier<Uni<Response>> ingestion) {
        IngestAdmission.Refusal refusal = admission.admit(source, events);
        if (refusal != null) {
            return Uni.createFrom().item(refused(refusal));
        }
        return ingestion
                .get()
                .onFailure(Transactions::isConflict)
                .recoverWithItem(() -> refused(new IngestAdmission.Refusal(
                        503,
                        Duration.ofSeconds(1),
                        "other calls were writing the same people at the same time; nothing of this one was taken")))
                .eventually(() -> admission.release(events));
    }

    private static Response refused(IngestAdmission.Refusal refusal) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("success", false);
        entity.put("error", refusal.reason());
        return Response.status(refusal.status())
                .header(HttpHeaders.RETRY_AFTER, refusal.retryAfter().toSeconds())
                .entity(entity)
                .build();
    }

    /** 400 naming the field, or 413 when the call is over a size limit. */
    private static Response rejected(InvalidEventException e) {
        Map<String, Object> entity = error(e.field(), e.getMessage());
        entity.put("success", false);
        return Response.status(
                        e instanceof EventTooLargeException
                                ? Response.Status.REQUEST_ENTITY_TOO_LARGE
                                : Response.Status.BAD_REQUEST)
                .entity(entity)
                .build();
    }

    private static Map<String, Object> error(String field, String message) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("field", field);
        entity.put("error", message);
        return entity;
    }
}
