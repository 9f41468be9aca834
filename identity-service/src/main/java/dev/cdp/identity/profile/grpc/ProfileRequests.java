package dev.cdp.identity.profile.grpc;

import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.identifiertype.IdentifierTypes;
import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.identity.profile.ProfileService;
import dev.cdp.identity.profile.ProfileView;
import dev.cdp.proto.v1.GetProfileRequest;
import dev.cdp.proto.v1.Identifier;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * How the gRPC adapters read the people a request names ({@code GetProfileRequest}, identifiers)
 * and answer what is wrong with them: one reading for {@code IdentityService} and {@code PrivacyService}.
 */
@ApplicationScoped
public class ProfileRequests {

    private final ProfileService profiles;
    private final IdentifierTypeService types;

    public ProfileRequests(ProfileService profiles, IdentifierTypeService types) {
        this.profiles = profiles;
        this.types = types;
    }

    /** The live profile the request names; INVALID_ARGUMENT or NOT_FOUND saying why not. */
    public Uni<ProfileView> find(GetProfileRequest request) {
        Uni<ProfileView> view;
        switch (request.getKeyCase()) {
            case ONE_ID -> view = profiles.byOneId(request.getOneId());
            case IDENTIFIER -> {
                try {
                    view = profiles.byIdentifier(identifier(request.getIdentifier()));
                } catch (IllegalArgumentException e) {
                    return invalid("identifier: " + e.getMessage());
                }
            }
            default -> {
                return invalid("one_id or identifier is required");
            }
        }
        return view.onItem().ifNull().failWith(() -> notFound("no such profile"));
    }

    /** Normalised identifiers of one person; IllegalArgumentException naming the bad one. */
    public List<IdentifierValue> identifiers(List<Identifier> identifiers) {
        if (identifiers.isEmpty()) {
            throw new IllegalArgumentException("identifiers: at least one {type, value} is required");
        }
        List<IdentifierValue> ids = new ArrayList<>(identifiers.size());
        for (int i = 0; i < identifiers.size(); i++) {
            try {
                ids.add(identifier(identifiers.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("identifiers[" + i + "]: " + e.getMessage(), e);
            }
        }
        return ids;
    }

    private IdentifierValue identifier(Identifier identifier) {
        IdentifierTypes rules = types.current();
        IdentifierValue value = rules.value(identifier.getType(), identifier.getValue());
        if (rules.isBlocked(value)) {
            throw new IllegalArgumentException(
                    "\"" + identifier.getValue() + "\" is a placeholder value, not an identifier");
        }
        return value;
    }

    public static RuntimeException notFound(String message) {
        return Status.NOT_FOUND.withDescription(message).asRuntimeException();
    }

    public static <T> Uni<T> invalid(String message) {
        return Uni.createFrom()
                .failure(Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException());
    }
}
