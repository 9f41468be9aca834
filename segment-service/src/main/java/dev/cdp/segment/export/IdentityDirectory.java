package dev.cdp.segment.export;

import dev.cdp.platform.error.InvalidInputException;
import dev.cdp.proto.v1.BatchGetIdentifiersRequest;
import dev.cdp.proto.v1.Identifier;
import dev.cdp.proto.v1.IdentityService;
import dev.cdp.proto.v1.ProfileIdentifiers;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Members' identifiers, from their owner, identity-service ({@code BatchGetIdentifiers}), under
 * the service's own credentials. Each call has a deadline and is made again after a failure other
 * than a refusal of the request itself (an unknown type), which no retry can change.
 */
@ApplicationScoped
public class IdentityDirectory {

    private static final Duration FIRST_BACK_OFF = Duration.ofMillis(200);

    private final IdentityService identity;
    private final Duration timeout;
    private final int retries;

    public IdentityDirectory(@GrpcClient("identity") IdentityService identity, ExportConfig config) {
        this.identity = identity;
        this.timeout = config.identityTimeout();
        this.retries = config.identityRetries();
    }

    /**
     * The identifiers of each OneID by type, as stored (normalised) or masked, types in the order
     * asked; a OneID holding none maps to an empty map.
     *
     * @throws InvalidInputException (as the Uni's failure) for a type identity-service does not know
     * @throws IdentityUnavailableException (as the Uni's failure) when it did not answer
     */
    public Uni<Map<String, Map<String, List<String>>>> identifiers(
            List<String> oneIds, List<String> types, boolean masked) {
        BatchGetIdentifiersRequest request = BatchGetIdentifiersRequest.newBuilder()
                .addAllOneIds(oneIds)
                .addAllTypes(types)
                .setMasked(masked)
                .build();
        return Uni.createFrom()
                .deferred(() -> identity.batchGetIdentifiers(request))
                .ifNoItem()
                .after(timeout)
                .fail()
                .onFailure(failure -> !refused(failure))
                .retry()
                .withBackOff(FIRST_BACK_OFF)
                .atMost(retries)
                .onFailure()
                .transform(failure -> refused(failure)
                        ? new InvalidInputException(
                                "identifiers",
                                Status.fromThrowable(failure).getDescription().replaceFirst("^types\\[\\d+]: ", ""))
                        : new IdentityUnavailableException(failure))
                .map(response -> byOneId(response.getProfilesList(), types));
    }

    /** Checks that identity-service knows every type, before an export starts streaming. */
    public Uni<Void> check(List<String> types) {
        return identifiers(List.of(), types, true).replaceWithVoid();
    }

    private static boolean refused(Throwable failure) {
        return Status.fromThrowable(failure).getCode() == Status.Code.INVALID_ARGUMENT;
    }

    private static Map<String, Map<String, List<String>>> byOneId(
            List<ProfileIdentifiers> profiles, List<String> types) {
        Map<String, Map<String, List<String>>> found = new HashMap<>();
        for (ProfileIdentifiers profile : profiles) {
            Map<String, List<String>> byType = new LinkedHashMap<>();
            types.forEach(type -> byType.put(type, new ArrayList<>()));
            for (Identifier id : profile.getIdentifiersList()) {
                byType.computeIfAbsent(id.getType(), type -> new ArrayList<>()).add(id.getValue());
            }
            found.put(profile.getOneId(), byType);
        }
        return found;
    }
}
