package dev.cdp.identity.grpc;

import static dev.cdp.identity.profile.grpc.ProfileRequests.invalid;

import dev.cdp.identity.audit.AuditAction;
import dev.cdp.identity.audit.AuditLog;
import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.identifiertype.IdentifierTypes;
import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.identity.merge.MergeService;
import dev.cdp.identity.merge.Split;
import dev.cdp.identity.merge.SplitService;
import dev.cdp.identity.privacy.grpc.PrivacyRequests;
import dev.cdp.identity.profile.PiiMasking;
import dev.cdp.identity.profile.ProfileProtos;
import dev.cdp.identity.profile.ProfileService;
import dev.cdp.identity.profile.Reach;
import dev.cdp.identity.profile.grpc.ProfileRequests;
import dev.cdp.identity.resolution.Resolution;
import dev.cdp.identity.resolution.ResolveService;
import dev.cdp.platform.security.GrpcCallerAddress;
import dev.cdp.platform.security.Roles;
import dev.cdp.proto.v1.BatchGetIdentifiersRequest;
import dev.cdp.proto.v1.BatchGetIdentifiersResponse;
import dev.cdp.proto.v1.BatchResolveRequest;
import dev.cdp.proto.v1.BatchResolveResponse;
import dev.cdp.proto.v1.CountReachableRequest;
import dev.cdp.proto.v1.CountReachableResponse;
import dev.cdp.proto.v1.ErasureReceipt;
import dev.cdp.proto.v1.GetProfileRequest;
import dev.cdp.proto.v1.IdentityService;
import dev.cdp.proto.v1.MergeRequest;
import dev.cdp.proto.v1.MergeResponse;
import dev.cdp.proto.v1.PersonalDataExport;
import dev.cdp.proto.v1.Profile;
import dev.cdp.proto.v1.ProfileIdentifiers;
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
import java.util.Set;

/**
 * gRPC adapter of {@code cdp.v1.IdentityService}, one contract over several features: resolution
 * (Resolve, BatchResolve), profile reads (GetProfile), operators' merges and unmerges (Merge,
 * Unmerge), identifiers of many profiles for segment exports (BatchGetIdentifiers) and, as before {@code cdp.v1.PrivacyService} had them, the access export and erasure.
 * It sits above the features, as nothing calls it, so none of them depends on another through it.
 */
@GrpcService
public class IdentityGrpcService implements IdentityService {

    private static final String CHANNEL = "grpc";
    private static final int BATCH_LIMIT = 1_000;

    private final ResolveService resolutions;
    private final ProfileRequests requests;
    private final MergeService merges;
    private final SplitService splits;
    private final IdentifierTypeService types;
    private final ProfileProtos protos;
    private final PrivacyRequests privacy;
    private final PiiMasking masking;
    private final CurrentIdentityAssociation caller;
    private final AuditLog audit;
    private final ProfileService profiles;
    private final Reach reach;

    public IdentityGrpcService(
            ResolveService resolutions,
            ProfileRequests requests,
            MergeService merges,
            SplitService splits,
            IdentifierTypeService types,
            ProfileProtos protos,
            PrivacyRequests privacy,
            PiiMasking masking,
            CurrentIdentityAssociation caller,
            AuditLog audit,
            ProfileService profiles,
            Reach reach) {
        this.reach = reach;
        this.resolutions = resolutions;
        this.requests = requests;
        this.merges = merges;
        this.splits = splits;
        this.types = types;
        this.protos = protos;
        this.privacy = privacy;
        this.masking = masking;
        this.caller = caller;
        this.audit = audit;
        this.profiles = profiles;
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Override
    public Uni<ResolveResponse> resolve(ResolveRequest request) {
        List<IdentifierValue> ids;
        try {
            ids = requests.identifiers(request.getIdentifiersList());
        } catch (IllegalArgumentException e) {
            return invalid(e.getMessage());
        }
        return resolutions
                .resolve(List.of(ids), request.getCreateIfMissing(), CHANNEL)
                .map(answers -> answers.get(0))
                .onItem()
                .ifNull()
                .failWith(() -> Status.NOT_FOUND
                        .withDescription("no profile has any of these identifiers")
                        .asRuntimeException())
                .map(IdentityGrpcService::response);
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Override
    public Uni<BatchResolveResponse> batchResolve(BatchResolveRequest request) {
        if (request.getPeopleCount() > BATCH_LIMIT) {
            return invalid("people: " + request.getPeopleCount() + " entries; a call takes at most " + BATCH_LIMIT);
        }
        ResolveResult[] results = new ResolveResult[request.getPeopleCount()];
        List<List<IdentifierValue>> valid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < request.getPeopleCount(); i++) {
            try {
                valid.add(requests.identifiers(request.getPeople(i).getIdentifiersList()));
                positions.add(i);
            } catch (IllegalArgumentException e) {
                results[i] =
                        ResolveResult.newBuilder().setInvalid(e.getMessage()).build();
            }
        }
        Uni<List<Resolution>> answers = valid.isEmpty()
                ? Uni.createFrom().item(List.of())
                : resolutions.resolve(valid, request.getCreateIfMissing(), CHANNEL);
        return answers.map(resolved -> {
            for (int v = 0; v < resolved.size(); v++) {
                Resolution r = resolved.get(v);
                results[positions.get(v)] = r == null
                        ? ResolveResult.newBuilder().setNotFound(true).build()
                        : ResolveResult.newBuilder().setResolved(response(r)).build();
            }
            return BatchResolveResponse.newBuilder()
                    .addAllResults(Arrays.asList(results))
                    .build();
        });
    }

    private static ResolveResponse response(Resolution r) {
        return ResolveResponse.newBuilder()
                .setOneId(r.oneId())
                .setOrdinal(r.ordinal())
                .setCreated(r.created())
                .build();
    }

    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.PRIVACY, Roles.ANALYST, Roles.MARKETER})
    @Override
    public Uni<Profile> getProfile(GetProfileRequest request) {
        String address = GrpcCallerAddress.current();
        return Roles.seesPii(caller)
                .chain(clear -> requests.find(request)
                        .call(view -> audit.person(AuditAction.PROFILE_READ, view.oneId(), address))
                        .map(view -> protos.profile(clear ? view : masking.mask(view))));
    }

    /** Segment exports: identifiers in clear only for the platform's own services and admins. */
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Override
    public Uni<BatchGetIdentifiersResponse> batchGetIdentifiers(BatchGetIdentifiersRequest request) {
        if (request.getOneIdsCount() > BATCH_LIMIT) {
            return invalid("one_ids: " + request.getOneIdsCount() + " OneIDs; a call takes at most " + BATCH_LIMIT);
        }
        IdentifierTypes known = types.current();
        for (int i = 0; i < request.getTypesCount(); i++) {
            if (!known.isKnown(request.getTypes(i))) {
                return invalid("types[" + i + "]: " + known.unknownTypeMessage(request.getTypes(i)));
            }
        }
        return profiles.identifiersOf(request.getOneIdsList(), Set.copyOf(request.getTypesList()))
                .map(held -> {
                    BatchGetIdentifiersResponse.Builder response = BatchGetIdentifiersResponse.newBuilder();
                    for (String oneId : request.getOneIdsList()) {
                        List<IdentifierValue> ids = held.get(oneId);
                        ProfileIdentifiers.Builder profile =
                                ProfileIdentifiers.newBuilder().setOneId(oneId);
                        (request.getMasked() ? masking.mask(ids) : ids)
                                .forEach(id -> profile.addIdentifiers(ProfileProtos.identifier(id)));
                        response.addProfiles(profile);
                    }
                    return response.build();
                });
    }

    /** Counts only: the estimated reach of a segment on each channel. */
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Override
    public Uni<CountReachableResponse> countReachable(CountReachableRequest request) {
        if (request.getOneIdsCount() > BATCH_LIMIT) {
            return invalid("one_ids: " + request.getOneIdsCount() + " OneIDs; a call takes at most " + BATCH_LIMIT);
        }
        return reach.count(request.getOneIdsList(), request.getPurpose())
                .map(counts -> CountReachableResponse.newBuilder()
                        .putAllReachable(counts)
                        .build());
    }

    /** As {@code PrivacyService/Export}. */
    @RolesAllowed({Roles.PRIVACY})
    @Override
    public Uni<PersonalDataExport> export(GetProfileRequest request) {
        return privacy.export(request);
    }

    /** As {@code PrivacyService/Erase}. */
    @RolesAllowed({Roles.PRIVACY})
    @Override
    public Uni<ErasureReceipt> erase(GetProfileRequest request) {
        return privacy.erase(request);
    }

    @RolesAllowed({Roles.ADMIN})
    @Override
    public Uni<UnmergeResponse> unmerge(UnmergeRequest request) {
        if (!request.hasIdentifier() || request.getReason().isBlank()) {
            return invalid("identifier and reason are required");
        }
        IdentifierValue identifier;
        try {
            identifier = types.current()
                    .value(
                            request.getIdentifier().getType(),
                            request.getIdentifier().getValue());
        } catch (IllegalArgumentException e) {
            return invalid("identifier: " + e.getMessage());
        }
        String address = GrpcCallerAddress.current();
        return splits.unmerge(request.getOneId(), identifier, request.getReason())
                .call(() -> audit.person(AuditAction.UNMERGE, request.getOneId(), address))
                .map(split -> {
                    UnmergeResponse.Builder response = UnmergeResponse.newBuilder();
                    for (Split.Part part : split.parts()) {
                        SplitPart.Builder proto =
                                SplitPart.newBuilder().setOneId(part.oneId()).setOrdinal(part.ordinal());
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
        return merges.merge(request.getOneIdsList(), request.getReason())
                .call(() -> Uni.join()
                        .all(request.getOneIdsList().stream()
                                .map(oneId -> audit.person(AuditAction.MERGE, oneId, address))
                                .toList())
                        .andFailFast())
                .map(merge -> MergeResponse.newBuilder()
                        .setOneId(merge.oneId())
                        .addAllAbsorbedOneIds(merge.absorbed())
                        .addAllRefused(merge.refused().stream()
                                .map(r -> r.identifier() + ": " + r.reason())
                                .toList())
                        .build());
    }
}
