package dev.cdp.identity.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cdp.identity.SegmentApi;
import dev.cdp.proto.v1.ErasureReceipt;
import dev.cdp.proto.v1.GetProfileRequest;
import dev.cdp.proto.v1.Identifier;
import dev.cdp.proto.v1.IdentityService;
import dev.cdp.proto.v1.PersonalDataExport;
import dev.cdp.proto.v1.PrivacyService;
import dev.cdp.testing.RestAssuredSignIn;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** cdp.v1.PrivacyService answers the access export and erasure as IdentityService, which still serves them, does. */
@QuarkusTest
class PrivacyGrpcTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void signIn() {
        RestAssuredSignIn.withEveryRole();
    }

    @GrpcClient("identity")
    PrivacyService privacy;

    @GrpcClient("identity")
    IdentityService identity;

    @Test
    void aPersonIsExportedAndErasedOverThePrivacyServiceAndTheIdentityServiceAnswersTheSameReceipt() {
        String email = "grace." + UUID.randomUUID() + "@example.com";
        String oneId = SegmentApi.given()
                .body(Map.of("userId", "u-" + UUID.randomUUID(), "traits", Map.of("email", email)))
                .post("/v1/identify")
                .then()
                .statusCode(200)
                .extract()
                .path("oneId");
        GetProfileRequest byEmail = GetProfileRequest.newBuilder()
                .setIdentifier(Identifier.newBuilder().setType("email").setValue(email))
                .build();

        PersonalDataExport export = privacy.export(byEmail).await().atMost(WAIT);
        assertEquals(oneId, export.getProfile().getOneId());
        assertEquals(identity.export(byEmail).await().atMost(WAIT).getProfile(), export.getProfile());

        ErasureReceipt receipt = privacy.erase(byEmail).await().atMost(WAIT);
        assertEquals(oneId, receipt.getOneId());
        GetProfileRequest byOneId =
                GetProfileRequest.newBuilder().setOneId(oneId).build();
        assertEquals(
                receipt.getRequestId(),
                identity.erase(byOneId).await().atMost(WAIT).getRequestId());
        assertEquals(
                receipt.getRequestId(),
                privacy.erase(byOneId).await().atMost(WAIT).getRequestId());
    }

    @Test
    void someoneUnknownIsNotFoundAndARequestNamingNobodyIsInvalid() {
        StatusRuntimeException unknown = assertThrows(
                StatusRuntimeException.class,
                () -> privacy.erase(GetProfileRequest.newBuilder()
                                .setOneId(UUID.randomUUID().toString())
                                .build())
                        .await()
                        .atMost(WAIT));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        StatusRuntimeException nobody = assertThrows(
                StatusRuntimeException.class,
                () -> privacy.export(GetProfileRequest.getDefaultInstance())
                        .await()
                        .atMost(WAIT));
        assertEquals(Status.Code.INVALID_ARGUMENT, nobody.getStatus().getCode());
    }
}
