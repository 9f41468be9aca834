package dev.cdp.identity.profile.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.identifiertype.IdentifierTypes;
import dev.cdp.identity.profile.IdentifierValue;
import dev.cdp.identity.profile.MergeView;
import dev.cdp.identity.profile.ProfileService;
import dev.cdp.identity.profile.ProfileView;
import dev.cdp.identity.profile.Resolution;
import dev.cdp.identity.profile.Split;
import dev.cdp.identity.profile.SplitService;
import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.GetProfileRequest;
import dev.cdp.proto.v1.Identifier;
import dev.cdp.proto.v1.IdentityService;
import dev.cdp.proto.v1.MergeRequest;
import dev.cdp.proto.v1.MergeResponse;
import dev.cdp.proto.v1.Profile;
import dev.cdp.proto.v1.ProfileMerge;
import dev.cdp.proto.v1.ResolveRequest;
import dev.cdp.proto.v1.ResolveResponse;
import dev.cdp.proto.v1.SplitPart;
import dev.cdp.proto.v1.UnmergeRequest;
import dev.cdp.proto.v1.UnmergeResponse;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/** gRPC adapter of {@link ProfileService}. */
@GrpcService
public class IdentityGrpcService implements IdentityService {

    private static final String CHANNEL = "grpc";

    private final ProfileService profiles;
    private final SplitService splits;
    private final IdentifierTypeService types;
    private final ObjectMapper json;

    public IdentityGrpcService(ProfileService profiles, SplitService splits, IdentifierTypeService types, ObjectMapper json) {
        this.profiles = profiles;
        this.splits = splits;
        this.types = types;
        this.json = json;
    }

    @Override
    public Uni<ResolveResponse> resolve(ResolveRequest request) {
        if (request.getIdentifiersCount() == 0) {
            return invalid("identifiers: at least one {type, value} is required");
        }
        List<IdentifierValue> ids = new ArrayList<>();
        for (int i = 0; i < request.getIdentifiersCount(); i++) {
            try {
                ids.add(toDomain(request.getIdentifiers(i)));
            } catch (IllegalArgumentException e) {
                return invalid("identifiers[" + i + "]: " + e.getMessage());
            }
        }
        Uni<Resolution> resolution = request.getCreateIfMissing()
                ? profiles.resolveOrCreate(ids, CHANNEL)
                : profiles.lookup(ids);
        return resolution
                .onItem().ifNull().failWith(() -> Status.NOT_FOUND
                        .withDescription("no profile has any of these identifiers").asRuntimeException())
                .map(r -> ResolveResponse.newBuilder().setOneId(r.oneId()).setOrdinal(r.ordinal())
                        .setCreated(r.created()).build());
    }

    @Override
    public Uni<Profile> getProfile(GetProfileRequest request) {
        Uni<ProfileView> view;
        switch (request.getKeyCase()) {
            case ONE_ID -> view = profiles.byOneId(request.getOneId());
            case IDENTIFIER -> {
                try {
                    view = profiles.byIdentifier(toDomain(request.getIdentifier()));
                } catch (IllegalArgumentException e) {
                    return invalid("identifier: " + e.getMessage());
                }
            }
            default -> {
                return invalid("one_id or identifier is required");
            }
        }
        return view
                .onItem().ifNull().failWith(() -> Status.NOT_FOUND.withDescription("no such profile").asRuntimeException())
                .map(this::toProto);
    }

    @Override
    public Uni<UnmergeResponse> unmerge(UnmergeRequest request) {
        if (!request.hasIdentifier() || request.getReason().isBlank()) {
            return invalid("identifier and reason are required");
        }
        IdentifierValue identifier;
        try {
            identifier = types.current().value(request.getIdentifier().getType(), request.getIdentifier().getValue());
        } catch (IllegalArgumentException e) {
            return invalid("identifier: " + e.getMessage());
        }
        return statuses(() -> splits.unmerge(request.getOneId(), identifier, request.getReason())).map(split -> {
            UnmergeResponse.Builder response = UnmergeResponse.newBuilder();
            for (Split.Part part : split.parts()) {
                SplitPart.Builder proto = SplitPart.newBuilder().setOneId(part.oneId()).setOrdinal(part.ordinal());
                part.identifiers().forEach(id -> proto.addIdentifiers(toProto(id)));
                response.addParts(proto);
            }
            return response.build();
        });
    }

    @Override
    public Uni<MergeResponse> merge(MergeRequest request) {
        return statuses(() -> profiles.merge(request.getOneIdsList(), request.getReason())).map(merge -> MergeResponse.newBuilder()
                .setOneId(merge.oneId())
                .addAllAbsorbedOneIds(merge.absorbed())
                .addAllRefused(merge.refused().stream().map(r -> r.identifier() + ": " + r.reason()).toList())
                .build());
    }

    /** Domain failures as statuses: unknown is NOT_FOUND, bad input INVALID_ARGUMENT. */
    private static <T> Uni<T> statuses(Supplier<Uni<? extends T>> call) {
        return Uni.createFrom().deferred(call).onFailure().transform(failure -> {
            if (failure instanceof NoSuchElementException) {
                return Status.NOT_FOUND.withDescription(failure.getMessage()).asRuntimeException();
            }
            if (failure instanceof IllegalArgumentException) {
                return Status.INVALID_ARGUMENT.withDescription(failure.getMessage()).asRuntimeException();
            }
            return failure;
        });
    }

    private IdentifierValue toDomain(Identifier identifier) {
        IdentifierTypes rules = types.current();
        IdentifierValue value = rules.value(identifier.getType(), identifier.getValue());
        if (rules.isBlocked(value)) {
            throw new IllegalArgumentException("\"" + identifier.getValue() + "\" is a placeholder value, not an identifier");
        }
        return value;
    }

    private Profile toProto(ProfileView view) {
        Profile.Builder profile = Profile.newBuilder()
                .setOneId(view.oneId())
                .setOrdinal(view.ordinal())
                .setCreatedAt(ProtoTime.timestamp(view.createdAt()))
                .setUpdatedAt(ProtoTime.timestamp(view.updatedAt()));
        view.identifiers().forEach(id -> profile.addIdentifiers(toProto(id)));
        profile.addAllAbsorbedOneIds(view.absorbedOneIds());
        for (MergeView merge : view.merges()) {
            ProfileMerge.Builder proto = ProfileMerge.newBuilder()
                    .setSurvivorOneId(merge.survivorOneId())
                    .setAbsorbedOneId(merge.absorbedOneId())
                    .setCauseMessageId(merge.causeMessageId())
                    .setChannel(merge.channel() == null ? "" : merge.channel())
                    .setSource(merge.source() == null ? "" : merge.source())
                    .setAt(ProtoTime.timestamp(merge.at()));
            merge.identifiers().forEach(id -> proto.addIdentifiers(toProto(id)));
            profile.addMerges(proto);
        }
        try {
            Struct.Builder traits = Struct.newBuilder();
            JsonFormat.parser().merge(json.writeValueAsString(view.traits()), traits);
            profile.setTraits(traits);
        } catch (JsonProcessingException | InvalidProtocolBufferException e) {
            throw new IllegalStateException("traits of " + view.oneId() + " cannot be converted", e);
        }
        return profile.build();
    }

    private static Identifier toProto(IdentifierValue id) {
        return Identifier.newBuilder().setType(id.type()).setValue(id.value()).build();
    }

    private static <T> Uni<T> invalid(String message) {
        return Uni.createFrom().failure(Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException());
    }
}
