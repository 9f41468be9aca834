package dev.cdp.segment.export;

import dev.cdp.platform.security.PiiMask;
import dev.cdp.proto.v1.BatchGetIdentifiersRequest;
import dev.cdp.proto.v1.BatchGetIdentifiersResponse;
import dev.cdp.proto.v1.CountReachableRequest;
import dev.cdp.proto.v1.CountReachableResponse;
import dev.cdp.proto.v1.Identifier;
import dev.cdp.proto.v1.MutinyIdentityServiceGrpc;
import dev.cdp.proto.v1.ProfileIdentifiers;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for identity-service, served by the test's own gRPC server (the export's client points
 * at it in the test profile): it holds the identifiers tests give it, already normalised as
 * identity-service stores them, and answers BatchGetIdentifiers as identity-service does. The
 * end-to-end test runs the real one.
 */
@GrpcService
public class IdentityPeer extends MutinyIdentityServiceGrpc.IdentityServiceImplBase {

    private static final List<String> TYPES = List.of("user_id", "email", "phone");
    private static final Map<String, List<Identifier>> HELD = new ConcurrentHashMap<>();

    /** The identifiers a OneID holds from now on. */
    static void hold(String oneId, Identifier... identifiers) {
        HELD.put(oneId, List.of(identifiers));
    }

    static Identifier id(String type, String value) {
        return Identifier.newBuilder().setType(type).setValue(value).build();
    }

    @Override
    public Uni<BatchGetIdentifiersResponse> batchGetIdentifiers(BatchGetIdentifiersRequest request) {
        for (int i = 0; i < request.getTypesCount(); i++) {
            if (!TYPES.contains(request.getTypes(i))) {
                return Uni.createFrom()
                        .failure(Status.INVALID_ARGUMENT
                                .withDescription("types[" + i + "]: \"" + request.getTypes(i)
                                        + "\" is not a known identifier type; known: " + String.join(", ", TYPES))
                                .asRuntimeException());
            }
        }
        BatchGetIdentifiersResponse.Builder response = BatchGetIdentifiersResponse.newBuilder();
        for (String oneId : request.getOneIdsList()) {
            ProfileIdentifiers.Builder profile = ProfileIdentifiers.newBuilder().setOneId(oneId);
            for (Identifier id : HELD.getOrDefault(oneId, List.of())) {
                if (request.getTypesList().isEmpty() || request.getTypesList().contains(id.getType())) {
                    profile.addIdentifiers(request.getMasked() ? masked(id) : id);
                }
            }
            response.addProfiles(profile);
        }
        return Uni.createFrom().item(response.build());
    }

    /** As identity-service counts when every decision is a grant: a channel reaches who holds its identifier. */
    @Override
    public Uni<CountReachableResponse> countReachable(CountReachableRequest request) {
        Map<String, Integer> reachable = new java.util.HashMap<>(Map.of("email", 0, "sms", 0));
        for (String oneId : request.getOneIdsList()) {
            for (Identifier id : HELD.getOrDefault(oneId, List.of())) {
                if (id.getType().equals("email") || id.getType().equals("phone")) {
                    reachable.merge(id.getType().equals("email") ? "email" : "sms", 1, Integer::sum);
                }
            }
        }
        return Uni.createFrom()
                .item(CountReachableResponse.newBuilder()
                        .putAllReachable(reachable)
                        .build());
    }

    private static Identifier masked(Identifier id) {
        return switch (id.getType()) {
            case "email" -> id(id.getType(), PiiMask.email(id.getValue()));
            case "phone" -> id(id.getType(), PiiMask.phone(id.getValue()));
            default -> id;
        };
    }
}
