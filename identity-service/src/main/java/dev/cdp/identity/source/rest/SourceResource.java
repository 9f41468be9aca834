package dev.cdp.identity.source.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.JsonBodies;
import dev.cdp.identity.audit.AuditAction;
import dev.cdp.identity.audit.AuditLog;
import dev.cdp.identity.source.Source;
import dev.cdp.identity.source.SourceService;
import dev.cdp.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Sources and their write keys: {@code POST /v1/sources {"name": "Shop web", "channel": "web"}}. */
@Path("/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class SourceResource {

    private static final Set<String> CREATE = new LinkedHashSet<>(List.of("name", "channel", "rateLimit"));
    private static final Set<String> CHANGE = new LinkedHashSet<>(List.of("enabled", "rateLimit"));

    private final SourceService sources;
    private final ObjectMapper json;
    private final AuditLog audit;

    public SourceResource(SourceService sources, ObjectMapper json, AuditLog audit) {
        this.sources = sources;
        this.json = json;
        this.audit = audit;
    }

    /** A source with the write key just issued: the only answer that shows the key. */
    public record IssuedSource(
            String id,
            String name,
            String channel,
            String writeKey,
            String writeKeyHint,
            Instant previousKeyValidUntil,
            boolean enabled,
            Integer rateLimit,
            Instant createdAt) {

        static IssuedSource of(SourceService.Issued issued) {
            Source source = issued.source();
            return new IssuedSource(
                    source.id(),
                    source.name(),
                    source.channel(),
                    issued.writeKey(),
                    source.writeKeyHint(),
                    source.previousKeyValidUntil(),
                    source.enabled(),
                    source.rateLimit(),
                    source.createdAt());
        }
    }

    /** 201 with the source and its generated write key, shown this once. */
    @RolesAllowed({Roles.ADMIN})
    @POST
    public Uni<Response> create(String body, HttpServerRequest http) {
        ObjectNode node = JsonBodies.object(
                json, body, CREATE, "{\"name\": \"Shop web\", \"channel\": \"web\", \"rateLimit\": 500}");
        return sources.create(JsonBodies.string(node, "name"), JsonBodies.string(node, "channel"), rateLimit(node))
                .onFailure(IllegalArgumentException.class)
                .transform(e -> new BadRequestException(e.getMessage()))
                .call(issued ->
                        audit.other(AuditAction.SOURCE_CREATE, issued.source().id(), AuditLog.address(http)))
                .map(issued -> Response.created(
                                URI.create("/v1/sources/" + issued.source().id()))
                        .entity(IssuedSource.of(issued))
                        .build());
    }

    /**
     * A new write key, shown this once; the old one is still taken for {@code overlap} (ISO-8601,
     * default a day, at most 30 days) while senders switch.
     */
    @RolesAllowed({Roles.ADMIN})
    @POST
    @Path("/{id}/rotate-key")
    public Uni<IssuedSource> rotateKey(
            @PathParam("id") String id,
            @QueryParam("overlap") @DefaultValue("P1D") String overlap,
            HttpServerRequest http) {
        Duration window;
        try {
            window = Duration.parse(overlap);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(
                    "overlap \"" + overlap + "\" is not an ISO-8601 duration such as P1D or PT2H");
        }
        return sources.rotateKey(id, window)
                .onFailure(IllegalArgumentException.class)
                .transform(e -> new BadRequestException(e.getMessage()))
                .onItem()
                .ifNull()
                .failWith(() -> new NotFoundException("no source " + id))
                .call(() -> audit.other(AuditAction.SOURCE_KEY_ROTATE, id, AuditLog.address(http)))
                .map(IssuedSource::of);
    }

    @RolesAllowed({Roles.ADMIN})
    @GET
    public Uni<List<Source>> list() {
        return sources.list();
    }

    /**
     * {@code {"enabled": false}}: the source's write key is refused from now on;
     * {@code {"rateLimit": 200}}: its senders may send 200 events a second over HTTP, more is
     * answered 429 ({@code null}: no limit).
     */
    @RolesAllowed({Roles.ADMIN})
    @PATCH
    @Path("/{id}")
    public Uni<Source> change(@PathParam("id") String id, String body, HttpServerRequest http) {
        ObjectNode node = JsonBodies.object(json, body, CHANGE, "{\"enabled\": false}");
        JsonNode enabled = node.get("enabled");
        if (node.isEmpty() || (enabled != null && !enabled.isBoolean())) {
            throw new BadRequestException(
                    "send enabled (true or false) or rateLimit (events per second, or null), e.g. {\"enabled\": false}");
        }
        return sources.change(
                        id, enabled == null ? null : enabled.booleanValue(), node.has("rateLimit"), rateLimit(node))
                .onFailure(IllegalArgumentException.class)
                .transform(e -> new BadRequestException(e.getMessage()))
                .onItem()
                .ifNull()
                .failWith(() -> new NotFoundException("no source " + id))
                .call(() -> audit.other(AuditAction.SOURCE_CHANGE, id, AuditLog.address(http)));
    }

    /** The body's rateLimit: a whole number of events per second, or null when absent or null. */
    private static Integer rateLimit(JsonNode node) {
        JsonNode limit = node.get("rateLimit");
        if (limit == null || limit.isNull()) {
            return null;
        }
        if (!limit.isIntegralNumber() || !limit.canConvertToInt()) {
            throw new BadRequestException("rateLimit must be a whole number of events per second, got " + limit);
        }
        return limit.intValue();
    }
}
