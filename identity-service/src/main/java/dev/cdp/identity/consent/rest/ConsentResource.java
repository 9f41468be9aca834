package dev.cdp.identity.consent.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.JsonBodies;
import dev.cdp.identity.audit.AuditAction;
import dev.cdp.identity.audit.AuditLog;
import dev.cdp.identity.consent.ConsentChoice;
import dev.cdp.identity.consent.ConsentService;
import dev.cdp.identity.consent.InvalidConsentException;
import dev.cdp.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Consent decisions recorded through the API: a preference centre, a call centre, a CRM. */
@Path("/v1/profiles/{oneId}/consents")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {

    private static final Set<String> FIELDS = Set.of("consent", "source", "evidence");
    private static final String EXAMPLE = "{\"consent\": {\"marketing\": {\"sms\": true, \"email\": false}},"
            + " \"source\": \"preference-centre\", \"evidence\": \"form 2026-11-28 #4711\"}";

    /** The consent_record columns' lengths. */
    private static final int MAX_SOURCE = 128;

    private static final int MAX_EVIDENCE = 200;

    private final ConsentService consents;
    private final ObjectMapper json;
    private final AuditLog audit;

    public ConsentResource(ConsentService consents, ObjectMapper json, AuditLog audit) {
        this.audit = audit;
        this.consents = consents;
        this.json = json;
    }

    /**
     * Records the decisions; {@code source} defaults to "api", {@code evidence} to the id of this
     * call. Answers the decisions in force.
     */
    @RolesAllowed({Roles.PRIVACY})
    @PUT
    public Uni<Map<String, Object>> set(@PathParam("oneId") String oneId, String body, HttpServerRequest http) {
        ObjectNode request = JsonBodies.object(json, body, FIELDS, EXAMPLE);
        List<ConsentChoice> choices;
        try {
            choices = consents.vocabulary().parse(request.get("consent"), "consent");
        } catch (InvalidConsentException e) {
            throw new BadRequestException(e.getMessage());
        }
        if (choices.isEmpty()) {
            throw new BadRequestException("consent: at least one decision is required, e.g. " + EXAMPLE);
        }
        String source = bounded(JsonBodies.string(request, "source"), "source", MAX_SOURCE);
        String evidence = bounded(JsonBodies.string(request, "evidence"), "evidence", MAX_EVIDENCE);
        return consents.set(
                        oneId,
                        choices,
                        source == null ? "api" : source,
                        evidence == null ? "PUT /v1/profiles/" + oneId + "/consents " + UUID.randomUUID() : evidence)
                .onItem()
                .ifNull()
                .failWith(() -> new NotFoundException("no profile " + oneId))
                .call(() -> audit.person(AuditAction.CONSENT_CHANGE, oneId, AuditLog.address(http)))
                .map(inForce -> Map.<String, Object>of("oneId", oneId, "consents", inForce));
    }

    private static String bounded(String value, String field, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new BadRequestException(field + " is longer than " + maxLength + " characters");
        }
        return value;
    }
}
