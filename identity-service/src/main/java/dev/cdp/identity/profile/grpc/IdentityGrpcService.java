package dev.cdp.identity.profile.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import dev.cdp.identity.audit.AuditAction;
import dev.cdp.identity.audit.AuditLog;
import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.identifiertype.IdentifierTypes;
import dev.cdp.identity.privacy.erasure.ErasureService;
import dev.cdp.identity.privacy.erasure.grpc.ReceiptProtos;
import dev.cdp.identity.privacy.export.ExportService;
import dev.cdp.identity.profile.IdentifierValue;
import dev.cdp.identity.profile.PiiMasking;
import dev.cdp.identity.profile.ProfileService;
import dev.cdp.identity.profile.ProfileView;
import dev.cdp.identity.profile.Resolution;
import dev.cdp.identity.profile.Split;
import dev.cdp.identity.profile.SplitService;
import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.security.GrpcCallerAddress;
import dev.cdp.platform.security.Roles;
import dev.cdp.proto.v1.BatchResolveRequest;
import dev.cdp.proto.v1.BatchResolveResponse;
import dev.cdp.proto.v1.ErasureReceipt;
import dev.cdp.proto.v1.GetProfileRequest;
import dev.cdp.proto.v1.Identifier;
import dev.cdp.proto.v1.IdentityService;
import dev.cdp.proto.v1.MergeRequest;
import dev.cdp.proto.v1.MergeResponse;
import dev.cdp.proto.v1.PersonalDataExport;
import dev.cdp.proto.v1.Profile;
import dev.cdp.proto.v1.ResolveRequest;
import dev.cdp.proto.v1.ResolveResponse;
import dev.cdp.proto.v1.ResolveResult;
import dev.cdp.proto.v1.SplitPart;
import dev.cdp.proto.v1.UnmergeRequest;
import dev.cdp.proto.v1.UnmergeResponse;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** gRPC adapter of {@link ProfileService}, the access export and erasure. */
@GrpcService
public class IdentityGrpcService implements IdentityService {

    private static final String CHANNEL = "grpc";
    private static final int BATCH_RESOLVE_LIMIT = 1_000;

    private final ProfileService profiles;
    private final SplitService splits;
    private final IdentifierTypeService types;
    private final ProfileProtos protos;
    private final ExportService exports;
    private final ErasureService erasures;
    private final PiiMasking masking;
    private final CurrentIdentityAssociation caller;
    private final AuditLog audit;

    public IdentityGrpcService(ProfileService profiles, SplitService splits, IdentifierTypeService types, ProfileProtos protos,
            ExportService exports, ErasureService erasures, PiiMasking masking, CurrentIdentityAssociation caller, AuditLog audit) {
        this.audit = audit;
        this.masking = masking;
        this.caller = caller;
        this.profiles = profiles;
        this.splits = splits;
        this.types = types;
        this.protos = protos;
        this.exports = exports;
        this.erasures = erasures;
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Override
    public Uni<ResolveResponse> resolve(ResolveRequest request) {
        List<IdentifierValue> ids;
        try {
            ids = toDomain(request.getIdentifiersList());
        } catch (IllegalArgumentException e) {
            return invalid(e.getMessage());
        }
        return profiles.resolve(List.of(ids), request.getCreateIfMissing(), CHANNEL).map(answers -> answers.get(0))
                .onItem().ifNull().failWith(() -> Status.NOT_FOUND
                        .withDescription("no profile has any of these identifiers").asRuntimeException())
                .map(IdentityGrpcService::response);
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Override
    public Uni<BatchResolveResponse> batchResolve(BatchResolveRequest request) {
        if (request.getPeopleCount() > BATCH_RESOLVE_LIMIT) {
            return invalid("people: " + request.getPeopleCount() + " entries; a call takes at most " + BATCH_RESOLVE_LIMIT);
        }
        ResolveResult[] results = new ResolveResult[request.getPeopleCount()];
        List<List<IdentifierValue>> valid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < request.getPeopleCount(); i++) {
            try {
                valid.add(toDomain(request.getPeople(i).getIdentifiersList()));
                positions.add(i);
            } catch (IllegalArgumentException e) {
                results[i] = ResolveResult.newBuilder().setInvalid(e.getMessage()).build();
            }
        }
        Uni<List<Resolution>> answers = valid.isEmpty() ? Uni.createFrom().item(List.of())
                : profiles.resolve(valid, request.getCreateIfMissing(), CHANNEL);
        return answers.map(resolved -> {
            for (int v = 0; v < resolved.size(); v++) {
                Resolution r = resolved.get(v);
                results[positions.get(v)] = r == null ? ResolveResult.newBuilder().setNotFound(true).build()
                        : ResolveResult.newBuilder().setResolved(response(r)).build();
            }
            return BatchResolveResponse.newBuilder().addAllResults(Arrays.asList(results)).build();
        });
    }

    /** Normalised identifiers of one person; IllegalArgumentException naming the bad one. */
    private List<IdentifierValue> toDomain(List<Identifier> identifiers) {
        if (identifiers.isEmpty()) {
            throw new IllegalArgumentException("identifiers: at least one {type, value} is required");
        }
        List<IdentifierValue> ids = new ArrayList<>(identifiers.size());
        for (int i = 0; i < identifiers.size(); i++) {
            try {
                ids.add(toDomain(identifiers.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("identifiers[" + i + "]: " + e.getMessage(), e);
            }
        }
        return ids;
    }

    private static ResolveResponse response(Resolution r) {
        return ResolveResponse.newBuilder().setOneId(r.oneId()).setOrdinal(r.ordinal()).setCreated(r.created()).build();
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.PRIVACY, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<Profile> getProfile(GetProfileRequest request) {
        String address = GrpcCallerAddress.current();
        return Roles.seesPii(caller).chain(clear -> find(request)
                .call(view -> audit.person(AuditAction.PROFILE_READ, view.oneId(), address))
                .map(view -> protos.profile(clear ? view : masking.mask(view))));
    }

    @RolesAllowed({Roles.PRIVACY})
    @Override
    public Uni<PersonalDataExport> export(GetProfileRequest request) {
        String address = GrpcCallerAddress.current();
        return find(request).call(profile -> audit.person(AuditAction.EXPORT, profile.oneId(), address))
                .chain(profile -> exports.export(profile.oneId()))
                .onItem().ifNull().failWith(() -> notFound("the profile was erased while it was exported"));
    }

    /** By OneID also when erased before (answering the existing receipt); by identifier only while the person exists. */
    @RolesAllowed({Roles.PRIVACY})
    @Override
    public Uni<ErasureReceipt> erase(GetProfileRequest request) {
        if (request.getKeyCase() == GetProfileRequest.KeyCase.ONE_ID && request.getOneId().isBlank()) {
            return invalid("one_id: must not be blank");
        }
        Uni<String> oneId = request.getKeyCase() == GetProfileRequest.KeyCase.ONE_ID
                ? Uni.createFrom().item(request.getOneId())
                : find(request).map(ProfileView::oneId);
        String address = GrpcCallerAddress.current();
        return oneId.chain(id -> erasures.erase(id).call(outcome -> outcome == null ? Uni.createFrom().voidItem()
                        : audit.person(AuditAction.ERASURE, id, address)))
                .onItem().ifNull().failWith(() -> notFound("no profile " + request.getOneId() + " and no erasure of it"))
                .map(outcome -> ReceiptProtos.receipt(outcome.receipt()));
    }

    /** The live profile the request names; INVALID_ARGUMENT or NOT_FOUND saying why not. */
    private Uni<ProfileView> find(GetProfileRequest request) {
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
        return view.onItem().ifNull().failWith(() -> notFound("no such profile"));
    }

    @RolesAllowed({Roles.ADMIN})
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
        String address = GrpcCallerAddress.current();
        return splits.unmerge(request.getOneId(), identifier, request.getReason())
                .call(() -> audit.person(AuditAction.UNMERGE, request.getOneId(), address)).map(split -> {
            UnmergeResponse.Builder response = UnmergeResponse.newBuilder();
            for (Split.Part part : split.parts()) {
                SplitPart.Builder proto = SplitPart.newBuilder().setOneId(part.oneId()).setOrdinal(part.ordinal());
                part.identifiers().forEach(id -> proto.addIdentifiers(ProfileProtos.identifier(id)));
                response.addParts(proto);
            }
            return response.build();
        });
    }

    @RolesAllowed({Roles.ADMIN})
    @Override
    public Uni<MergeResponse> merge(MergeRequest request) {
        String address = GrpcCallerAddress.current();
        return profiles.merge(request.getOneIdsList(), request.getReason())
                .call(() -> Uni.join().all(request.getOneIdsList().stream()
                        .map(oneId -> audit.person(AuditAction.MERGE, oneId, address)).toList()).andFailFast())
                .map(merge -> MergeResponse.newBuilder()
                .setOneId(merge.oneId())
                .addAllAbsorbedOneIds(merge.absorbed())
                .addAllRefused(merge.refused().stream().map(r -> r.identifier() + ": " + r.reason()).toList())
                .build());
    }

    private IdentifierValue toDomain(Identifier identifier) {
        IdentifierTypes rules = types.current();
        IdentifierValue value = rules.value(identifier.getType(), identifier.getValue());
        if (rules.isBlocked(value)) {
            throw new IllegalArgumentException("\"" + identifier.getValue() + "\" is a placeholder value, not an identifier");
        }
        return value;
    }

    private static RuntimeException notFound(String message) {
        return Status.NOT_FOUND.withDescription(message).asRuntimeException();
    }

    private static <T> Uni<T> invalid(String message) {
        return Uni.createFrom().failure(Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException());
    }
}
