package dev.cdp.identity.privacy.grpc;

import dev.cdp.platform.security.Roles;
import dev.cdp.proto.v1.ErasureReceipt;
import dev.cdp.proto.v1.GetProfileRequest;
import dev.cdp.proto.v1.PersonalDataExport;
import dev.cdp.proto.v1.PrivacyService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

/** gRPC adapter of the access export and erasure ({@code cdp.v1.PrivacyService}). */
@GrpcService
public class PrivacyGrpcService implements PrivacyService {

    private final PrivacyRequests privacy;

    public PrivacyGrpcService(PrivacyRequests privacy) {
        this.privacy = privacy;
    }

    @RolesAllowed({Roles.PRIVACY})
    @Override
    public Uni<PersonalDataExport> export(GetProfileRequest request) {
        return privacy.export(request);
    }

    @RolesAllowed({Roles.PRIVACY})
    @Override
    public Uni<ErasureReceipt> erase(GetProfileRequest request) {
        return privacy.erase(request);
    }
}
