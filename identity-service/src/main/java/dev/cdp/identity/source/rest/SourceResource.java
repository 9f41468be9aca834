package dev.cdp.identity.source.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.JsonBodies;
import dev.cdp.identity.source.Source;
import dev.cdp.identity.source.SourceService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Sources and their write keys: {@code POST /v1/sources {"name": "Shop web", "channel": "web"}}. */
@Path("/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class SourceResource {

    private static final Set<String> CREATE = new LinkedHashSet<>(List.of("name", "channel"));
    private static final Set<String> CHANGE = Set.of("enabled");

    private final SourceService sources;
    private final ObjectMapper json;

    public SourceResource(SourceService sources, ObjectMapper json) {
        this.sources = sources;
        this.json = json;
    }

    /** 201 with the source and its generated write key. */
    @POST
    public Uni<Response> create(String body) {
        ObjectNode node = JsonBodies.object(json, body, CREATE, "{\"name\": \"Shop web\", \"channel\": \"web\"}");
        return sources.create(JsonBodies.string(node, "name"), JsonBodies.string(node, "channel"))
                .onFailure(IllegalArgumentException.class).transform(e -> new BadRequestException(e.getMessage()))
                .map(source -> Response.created(URI.create("/v1/sources/" + source.id())).entity(source).build());
    }

    @GET
    public Uni<List<Source>> list() {
        return sources.list();
    }

    /** {@code {"enabled": false}}: the source's write key is refused from now on. */
    @PATCH
    @Path("/{id}")
    public Uni<Source> change(@PathParam("id") String id, String body) {
        JsonNode enabled = JsonBodies.object(json, body, CHANGE, "{\"enabled\": false}").get("enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw new BadRequestException("enabled must be true or false, e.g. {\"enabled\": false}");
        }
        return sources.setEnabled(id, enabled.booleanValue())
                .onItem().ifNull().failWith(() -> new NotFoundException("no source " + id));
    }
}
