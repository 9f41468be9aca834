package dev.cdp.identity.profile.rest;

import dev.cdp.identity.profile.IdentifierValue;
import dev.cdp.identity.profile.ProfileService;
import dev.cdp.identity.profile.ProfileView;
import dev.cdp.identity.profile.RefusedLinkView;
import dev.cdp.identity.profile.Split;
import dev.cdp.identity.profile.SplitService;
import dev.cdp.identity.traits.TraitService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/** Profile reads over REST, for operators and the demo; services use gRPC. */
@Path("/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    private final ProfileService profiles;
    private final SplitService splits;
    private final TraitService traitService;
    private final IdentifierQuery identifiers;

    public ProfileResource(ProfileService profiles, SplitService splits, TraitService traitService, IdentifierQuery identifiers) {
        this.profiles = profiles;
        this.splits = splits;
        this.traitService = traitService;
        this.identifiers = identifiers;
    }

    @GET
    @Path("/{oneId}")
    public Uni<ProfileView> byOneId(@PathParam("oneId") String oneId) {
        return profiles.byOneId(oneId).onItem().ifNull().failWith(() -> new NotFoundException("no profile " + oneId));
    }

    /** Why identifiers were not linked to or from this profile (per-type limits). */
    @GET
    @Path("/{oneId}/refused-links")
    public Uni<List<RefusedLinkView>> refusedLinks(@PathParam("oneId") String oneId) {
        return profiles.refusedLinks(oneId);
    }

    /** {@code GET /v1/profiles?type=email&value=ada@example.com} */
    @GET
    public Uni<ProfileView> byIdentifier(@QueryParam("type") String type, @QueryParam("value") String value) {
        return profiles.byIdentifier(identifiers.parse(type, value))
                .onItem().ifNull().failWith(() -> new NotFoundException("no profile has " + type + " " + value));
    }

    /** Splits a profile by taking out an identifier that wrongly links people: {@code {"identifier": {"type": "device_id", "value": "…"}, "reason": "family tablet"}}. */
    @POST
    @Path("/{oneId}/unmerge")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Split> unmerge(@PathParam("oneId") String oneId, UnmergeRequest request) {
        if (request == null || request.identifier() == null || request.identifier().type() == null || request.identifier().value() == null) {
            throw new BadRequestException("identifier: the identifier to take out is required, e.g. {\"identifier\": {\"type\": \"device_id\", \"value\": \"…\"}}");
        }
        if (request.reason() == null || request.reason().isBlank()) {
            throw new BadRequestException("reason: say why the identifier is taken out; it is kept with the split");
        }
        IdentifierValue identifier = identifiers.parse(request.identifier().type(), request.identifier().value());
        return translate(() -> splits.unmerge(oneId, identifier, request.reason()));
    }

    public record UnmergeRequest(IdentifierValue identifier, String reason) {
    }

    /** Merges profiles on an operator's word: {@code {"oneIds": ["…", "…"], "reason": "same customer, confirmed by phone"}}. */
    @POST
    @Path("/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ProfileService.AdminMerge> merge(MergeRequest request) {
        if (request == null || request.oneIds() == null) {
            throw new BadRequestException("oneIds: the OneIDs to merge are required");
        }
        return translate(() -> profiles.merge(request.oneIds(), request.reason()));
    }

    public record MergeRequest(List<String> oneIds, String reason) {
    }

    /** Every value one trait of a profile was given, by which channel and event, oldest first. */
    @GET
    @Path("/{oneId}/traits/{trait}/history")
    public Uni<List<TraitStatement>> traitHistory(@PathParam("oneId") String oneId, @PathParam("trait") String trait) {
        return traitService.history(oneId, trait).map(all -> all.stream()
                .map(o -> new TraitStatement(o.value, o.channel, o.messageId, o.observedAt)).toList());
    }

    /** One statement of a trait; {@code value} is JSON text. */
    public record TraitStatement(String value, String channel, String messageId, Instant at) {
    }

    private static <T> Uni<T> translate(Supplier<Uni<T>> call) {
        try {
            return call.get().onFailure(NoSuchElementException.class).transform(e -> new NotFoundException(e.getMessage()))
                    .onFailure(IllegalArgumentException.class).transform(e -> new BadRequestException(e.getMessage()));
        } catch (NoSuchElementException e) {
            throw new NotFoundException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    @GET
    @Path("/count")
    public Uni<Map<String, Long>> count() {
        return profiles.countLive().map(n -> Map.of("profiles", n));
    }
}
