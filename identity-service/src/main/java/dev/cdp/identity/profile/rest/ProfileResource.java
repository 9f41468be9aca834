package dev.cdp.identity.profile.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.identity.audit.AuditAction;
import dev.cdp.identity.audit.AuditLog;
import dev.cdp.identity.identifiertype.rest.IdentifierQuery;
import dev.cdp.identity.profile.PiiMasking;
import dev.cdp.identity.profile.ProfileService;
import dev.cdp.identity.profile.ProfileView;
import dev.cdp.identity.resolution.RefusedLinkView;
import dev.cdp.identity.traits.TraitService;
import dev.cdp.platform.security.Roles;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Profile reads over REST, for operators and the demo; services use gRPC. */
@Path("/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProfileService profiles;
    private final TraitService traitService;
    private final IdentifierQuery identifiers;
    private final PiiMasking masking;
    private final CurrentIdentityAssociation caller;
    private final AuditLog audit;

    public ProfileResource(
            ProfileService profiles,
            TraitService traitService,
            IdentifierQuery identifiers,
            PiiMasking masking,
            CurrentIdentityAssociation caller,
            AuditLog audit) {
        this.audit = audit;
        this.profiles = profiles;
        this.traitService = traitService;
        this.identifiers = identifiers;
        this.masking = masking;
        this.caller = caller;
    }

    @RolesAllowed({Roles.ADMIN, Roles.PRIVACY, Roles.ANALYST, Roles.MARKETER})
    @GET
    @Path("/{oneId}")
    public Uni<ProfileView> byOneId(@PathParam("oneId") String oneId, HttpServerRequest http) {
        return asCallerMaySee(profiles.byOneId(oneId)
                        .onItem()
                        .ifNull()
                        .failWith(() -> new NotFoundException("no profile " + oneId)))
                .call(view -> audit.person(AuditAction.PROFILE_READ, view.oneId(), AuditLog.address(http)));
    }

    /** Why identifiers were not linked to or from this profile (per-type limits). */
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @GET
    @Path("/{oneId}/refused-links")
    public Uni<List<RefusedLinkView>> refusedLinks(@PathParam("oneId") String oneId) {
        return Roles.seesPii(caller)
                .chain(clear -> profiles.refusedLinks(oneId)
                        .map(links -> clear
                                ? links
                                : links.stream().map(masking::mask).toList()));
    }

    /** {@code GET /v1/profiles?type=email&value=ada@example.com} */
    @RolesAllowed({Roles.ADMIN, Roles.PRIVACY, Roles.ANALYST, Roles.MARKETER})
    @GET
    public Uni<ProfileView> byIdentifier(
            @QueryParam("type") String type, @QueryParam("value") String value, HttpServerRequest http) {
        return asCallerMaySee(profiles.byIdentifier(identifiers.parse(type, value))
                        .onItem()
                        .ifNull()
                        .failWith(() -> new NotFoundException("no profile has " + type + " " + value)))
                .call(view -> audit.person(AuditAction.PROFILE_READ, view.oneId(), AuditLog.address(http)));
    }

    /** Every value one trait of a profile was given, by which channel and event, oldest first. */
    @RolesAllowed({Roles.ADMIN, Roles.PRIVACY, Roles.ANALYST})
    @GET
    @Path("/{oneId}/traits/{trait}/history")
    public Uni<List<TraitStatement>> traitHistory(
            @PathParam("oneId") String oneId, @PathParam("trait") String trait, HttpServerRequest http) {
        return Roles.seesPii(caller)
                .chain(clear -> traitService
                        .history(oneId, trait)
                        .map(all -> all.stream()
                                .map(o -> new TraitStatement(
                                        clear || !masking.isPii(trait) ? o.value : maskedJson(trait, o.value),
                                        o.channel,
                                        o.messageId,
                                        o.observedAt))
                                .toList()))
                .call(() -> audit.person(AuditAction.TRAIT_HISTORY_READ, oneId, AuditLog.address(http)));
    }

    private Uni<ProfileView> asCallerMaySee(Uni<ProfileView> view) {
        return Roles.seesPii(caller).chain(clear -> view.map(found -> clear ? found : masking.mask(found)));
    }

    /** A statement's value (JSON text) as callers without PII rights see it. */
    private String maskedJson(String trait, String value) {
        try {
            Object masked = masking.trait(trait, JSON.readValue(value, Object.class));
            return JSON.writeValueAsString(masked);
        } catch (JsonProcessingException e) {
            return JSON.valueToTree(masking.trait(trait, value)).toString();
        }
    }

    /** One statement of a trait; {@code value} is JSON text. */
    public record TraitStatement(String value, String channel, String messageId, Instant at) {}

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @GET
    @Path("/count")
    public Uni<Map<String, Long>> count() {
        return profiles.countLive().map(n -> Map.of("profiles", n));
    }
}
