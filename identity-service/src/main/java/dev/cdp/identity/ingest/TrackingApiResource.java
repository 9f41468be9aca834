package dev.cdp.identity.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.consent.ConsentService;
import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.identifiertype.IdentifierTypes;
import dev.cdp.identity.source.Source;
import dev.cdp.identity.source.SourceRejectedException;
import dev.cdp.identity.source.SourceService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Segment HTTP tracking API: {@code POST /v1/identify|track|page|screen|group|alias} with one
 * event, {@code POST /v1/batch} with many. Existing Segment SDKs can point at it unchanged: each
 * call names its source by write key (HTTP Basic user name, or the X-Write-Key header).
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

    public TrackingApiResource(IngestService ingest, IdentifierTypeService types, SourceService sources, ConsentService consents, ObjectMapper json,
            @ConfigProperty(name = "cdp.ingest.max-batch-size") int maxBatchSize) {
        this.ingest = ingest;
        this.types = types;
        this.sources = sources;
        this.consents = consents;
        this.json = json;
        this.maxBatchSize = maxBatchSize;
    }

    @POST
    @Path("/{type:identify|track|page|screen|group|alias}")
    public Uni<Response> single(@PathParam("type") String type, String body,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @HeaderParam(WRITE_KEY_HEADER) String writeKey) {
        return sources.authenticate(authorization, writeKey).chain(source -> single(type, body, source))
                .onFailure(SourceRejectedException.class).recoverWithItem(TrackingApiResource::unauthorized);
    }

    private Uni<Response> single(String type, String body, Source source) {
        ParsedEvent parsed;
        try {
            parsed = EventParser.parse(readJson(body), EventParser.typeOf(type), Instant.now(), types.current(), source,
                    consents.vocabulary());
        } catch (InvalidEventException e) {
            return Uni.createFrom().item(rejected(e));
        }
        return ingest.ingest(parsed).map(outcome -> Response.ok(Map.of(
                "success", true, "messageId", outcome.messageId(), "oneId", outcome.oneId(),
                "duplicate", outcome.duplicate())).build());
    }

    /**
     * Each event is validated on its own: the valid ones are accepted in order, the invalid ones
     * reported by index. 400 only when none is valid; 413 when the batch is over the limit.
     */
    @POST
    @Path("/batch")
    public Uni<Response> batch(String body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(WRITE_KEY_HEADER) String writeKey) {
        return sources.authenticate(authorization, writeKey).chain(source -> batch(body, source))
                .onFailure(SourceRejectedException.class).recoverWithItem(TrackingApiResource::unauthorized);
    }

    private Uni<Response> batch(String body, Source source) {
        JsonNode envelope;
        try {
            envelope = readJson(body);
            if (!envelope.isObject() || !envelope.path("batch").isArray()) {
                throw new InvalidEventException("batch", "must be a JSON array of events");
            }
        } catch (InvalidEventException e) {
            return Uni.createFrom().item(rejected(e));
        }
        JsonNode events = envelope.get("batch");
        if (events.size() > maxBatchSize) {
            return Uni.createFrom().item(Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE)
                    .entity(error("batch", "holds " + events.size() + " events; the limit is " + maxBatchSize))
                    .build());
        }
        Instant receivedAt = Instant.now();
        IdentifierTypes rules = types.current();
        List<ParsedEvent> valid = new ArrayList<>(events.size());
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            try {
                valid.add(EventParser.parse(withBatchContext(events.get(i), envelope.get("context")), null, receivedAt, rules,
                        source, consents.vocabulary()));
            } catch (InvalidEventException e) {
                Map<String, Object> report = error("batch[" + i + "]." + e.field(), e.getMessage());
                report.put("index", i);
                rejected.add(report);
            }
        }
        if (valid.isEmpty() && !rejected.isEmpty()) {
            return Uni.createFrom().item(Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("success", false, "accepted", 0, "rejected", rejected)).build());
        }
        // In order, one at a time, so one person's events keep their order.
        return Multi.createFrom().iterable(valid)
                .onItem().transformToUniAndConcatenate(ingest::ingest)
                .collect().asList()
                .map(outcomes -> {
                    long duplicates = outcomes.stream().filter(IngestOutcome::duplicate).count();
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("success", rejected.isEmpty());
                    result.put("accepted", outcomes.size());
                    result.put("duplicates", duplicates);
                    result.put("rejected", rejected);
                    return Response.ok(result).build();
                });
    }

    /** Segment lets a batch carry one context for all its events; an event's own keys win. */
    private static JsonNode withBatchContext(JsonNode event, JsonNode batchContext) {
        if (batchContext == null || !batchContext.isObject() || !event.isObject()) {
            return event;
        }
        ObjectNode merged = ((ObjectNode) batchContext).deepCopy();
        JsonNode own = event.get("context");
        if (own != null && own.isObject()) {
            merged.setAll((ObjectNode) own);
        }
        ObjectNode copy = ((ObjectNode) event).deepCopy();
        copy.set("context", merged);
        return copy;
    }

    private JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidEventException("body", "is empty; send a JSON object");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("body", "is not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
    }

    private static Response unauthorized(Throwable e) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("success", false);
        entity.put("error", e.getMessage());
        return Response.status(Response.Status.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"cdp\"")
                .entity(entity).build();
    }

    private static Response rejected(InvalidEventException e) {
        Map<String, Object> entity = error(e.field(), e.getMessage());
        entity.put("success", false);
        return Response.status(Response.Status.BAD_REQUEST).entity(entity).build();
    }

    private static Map<String, Object> error(String field, String message) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("field", field);
        entity.put("error", message);
        return entity;
    }
}
