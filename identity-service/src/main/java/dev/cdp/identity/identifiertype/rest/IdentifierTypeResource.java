package dev.cdp.identity.identifiertype.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.JsonBodies;
import dev.cdp.identity.audit.AuditAction;
import dev.cdp.identity.audit.AuditLog;
import dev.cdp.identity.identifiertype.IdentifierType;
import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.identifiertype.Normalisation;
import dev.cdp.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The identifier types the graph links on: which exist, in what priority, with what limits. */
@Path("/v1/identifier-types")
@Produces(MediaType.APPLICATION_JSON)
public class IdentifierTypeResource {

    private static final Set<String> FIELDS =
            new LinkedHashSet<>(List.of("priority", "limit", "normalisation", "blockedValues"));

    private final IdentifierTypeService types;
    private final ObjectMapper json;
    private final AuditLog audit;

    public IdentifierTypeResource(IdentifierTypeService types, ObjectMapper json, AuditLog audit) {
        this.types = types;
        this.json = json;
        this.audit = audit;
    }

    /** A type as the API shows it. */
    public record View(String name, int priority, int limit, String normalisation, Set<String> blockedValues) {

        static View of(IdentifierType type) {
            return new View(
                    type.name(),
                    type.priority(),
                    type.perProfileLimit(),
                    type.normalisation().wireName(),
                    type.blockedValues());
        }
    }

    /** Highest priority first. */
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @GET
    public List<View> list() {
        return types.current().byPriority().stream().map(View::of).toList();
    }

    /**
     * {@code PUT /v1/identifier-types/member_card {"priority": 50, "limit": 2, "normalisation": "trim",
     * "blockedValues": ["000000"]}}: creates the type, or changes the settings given.
     */
    @RolesAllowed({Roles.ADMIN})
    @PUT
    @Path("/{name}")
    @Consumes(MediaType.WILDCARD)
    public Uni<View> put(@PathParam("name") String name, String body, HttpServerRequest http) {
        IdentifierTypeService.Change change = parse(body);
        return types.put(name, change)
                .onFailure(IllegalArgumentException.class)
                .transform(e -> new BadRequestException(name + ": " + e.getMessage()))
                .call(() -> audit.other(AuditAction.IDENTIFIER_TYPE_CHANGE, name, AuditLog.address(http)))
                .map(View::of);
    }

    private IdentifierTypeService.Change parse(String body) {
        ObjectNode node = JsonBodies.object(
                json,
                body,
                FIELDS,
                "{\"priority\": 50, \"limit\": 2, \"normalisation\": \"trim\", \"blockedValues\": []}");
        Normalisation normalisation = null;
        String kind = JsonBodies.string(node, "normalisation");
        if (kind != null) {
            try {
                normalisation = Normalisation.fromWireName(kind);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("normalisation " + e.getMessage());
            }
        }
        return new IdentifierTypeService.Change(
                integer(node, "priority"), integer(node, "limit"), normalisation, strings(node, "blockedValues"));
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isInt()) {
            throw new BadRequestException(field + " must be an integer, got " + value);
        }
        return value.intValue();
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new BadRequestException(field + " must be an array of strings, got " + value);
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw new BadRequestException(field + "[" + i + "] must be a string, got " + value.get(i));
            }
            values.add(value.get(i).textValue());
        }
        return values;
    }
}
