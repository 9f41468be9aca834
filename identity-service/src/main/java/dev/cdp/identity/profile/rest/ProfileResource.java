package dev.cdp.identity.profile.rest;

import dev.cdp.identity.profile.ProfileService;
import dev.cdp.identity.profile.ProfileView;
import dev.cdp.identity.profile.RefusedLinkView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** Profile reads over REST, for operators and the demo; services use gRPC. */
@Path("/v1/profiles")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    private final ProfileService profiles;
    private final IdentifierQuery identifiers;

    public ProfileResource(ProfileService profiles, IdentifierQuery identifiers) {
        this.profiles = profiles;
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

    @GET
    @Path("/count")
    public Uni<Map<String, Long>> count() {
        return profiles.countLive().map(n -> Map.of("profiles", n));
    }
}
