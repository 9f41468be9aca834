package dev.cdp.identity.privacy.grpc;

import static dev.cdp.identity.profile.grpc.ProfileRequests.invalid;
import static dev.cdp.identity.profile.grpc.ProfileRequests.notFound;

import dev.cdp.identity.audit.AuditAction;
import dev.cdp.identity.audit.AuditLog;
import dev.cdp.identity.privacy.erasure.ErasureService;
import dev.cdp.identity.privacy.export.ExportService;
import dev.cdp.identity.profile.ProfileView;
import dev.cdp.identity.profile.grpc.ProfileRequests;
import dev.cdp.platform.security.GrpcCallerAddress;
import dev.cdp.proto.v1.ErasureReceipt;
import dev.cdp.proto.v1.GetProfileRequest;
import dev.cdp.proto.v1.PersonalDataExport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The access export and erasure over gRPC, as {@code cdp.v1.PrivacyService} answers them and
 * {@code cdp.v1.IdentityService}, which served them first, still does: one answer for both.
 * Called on the gRPC call's own thread, so the caller's address is the call's.
 */
@ApplicationScoped
public class PrivacyRequests {

    private final ExportService exports;
    private final ErasureService erasures;
    private final ProfileRequests requests;
    private final AuditLog audit;

    public PrivacyRequests(ExportService exports, ErasureService erasures, ProfileRequests requests, AuditLog audit) {
        this.exports = exports;
        this.erasures = erasures;
        this.requests = requests;
        this.audit = audit;
    }

    public Uni<PersonalDataExport> export(GetProfileRequest request) {
        String address = GrpcCallerAddress.current();
        return requests.find(request)
                .call(profile -> audit.person(AuditAction.EXPORT, profile.oneId(), address))
                .chain(profile -> exports.export(profile.oneId()))
                .onItem()
                .ifNull()
                .failWith(() -> notFound("the profile was erased while it was exported"));
    }

    /** By OneID also when erased before (answering the existing receipt); by identifier only while the person exists. */
    public Uni<ErasureReceipt> erase(GetProfileRequest request) {
        if (request.getKeyCase() == GetProfileRequest.KeyCase.ONE_ID
                && request.getOneId().isBlank()) {
            return invalid("one_id: must not be blank");
        }
        Uni<String> oneId = request.getKeyCase() == GetProfileRequest.KeyCase.ONE_ID
                ? Uni.createFrom().item(request.getOneId())
                : requests.find(request).map(ProfileView::oneId);
        String address = GrpcCallerAddress.current();
        return oneId.chain(id -> erasures.erase(id)
                        .call(outcome -> outcome == null
                                ? Uni.createFrom().voidItem()
                                : audit.person(AuditAction.ERASURE, id, address)))
                .onItem()
                .ifNull()
                .failWith(() -> notFound("no profile " + request.getOneId() + " and no erasure of it"))
                .map(outcome -> ReceiptProtos.receipt(outcome.receipt()));
    }
}
