package dev.cdp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import dev.cdp.platform.security.Roles;
import grpc.reflection.v1alpha.Reflection.ServerReflectionRequest;
import grpc.reflection.v1alpha.Reflection.ServerReflectionResponse;
import grpc.reflection.v1alpha.Reflection.ServiceResponse;
import grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every REST endpoint (from the service's OpenAPI document) and every gRPC method (from its
 * reflection service) refuses a caller without a token (401 / UNAUTHENTICATED) and a caller
 * whose roles it does not declare (403 / PERMISSION_DENIED naming the roles it needs), and lets
 * the roles it declares through. Endpoints added later are covered without editing this test; one
 * that declares no roles fails it unless the service lists it as public (ingest by write key).
 * Each service runs it as a {@code @QuarkusTest} subclass.
 */
public abstract class AccessControlContract {

    private static final Pattern NEEDS = Pattern.compile("needs (?:the role|one of the roles) ([a-z, ]+);");
    private static ManagedChannel channel;

    /** The gRPC port of the service under test (the HTTP test port unless it has a gRPC server of its own). */
    protected int grpcPort() {
        return RestAssured.port;
    }

    /** Operations that authenticate otherwise (write keys) and take no token, as {@code "POST /v1/batch"}. */
    protected Set<String> publicOperations() {
        return Set.of();
    }

    /** gRPC services the test itself serves in place of other services (not the service's own), as {@code "cdp.v1.TagService"}. */
    protected Set<String> standIns() {
        return Set.of();
    }

    /** gRPC methods that authenticate otherwise, as {@code "cdp.v1.IngestService/Ingest"}. */
    protected Set<String> publicMethods() {
        return Set.of();
    }

    @AfterAll
    static void closeChannel() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            channel = null;
        }
    }

    @Test
    void everyRestEndpointNeedsATokenWithOneOfItsRoles() {
        Map<String, Operation> operations = restOperations();
        assertFalse(operations.isEmpty(), "the OpenAPI document lists no operations");
        for (Map.Entry<String, Operation> operation : operations.entrySet()) {
            String method = operation.getKey().substring(0, operation.getKey().indexOf(' '));
            String path = operation.getKey().substring(method.length() + 1).replaceAll("\\{[^}]+}", "x");
            List<String> roles = operation.getValue().roles();
            String type = operation.getValue().contentType();
            if (roles.isEmpty()) {
                assertTrue(publicOperations().contains(operation.getKey()), operation.getKey() + " declares no roles");
                continue;
            }
            assertEquals(401, rest(method, path, type, null), operation.getKey() + " without a token");
            assertEquals(
                    403, rest(method, path, type, TestTokens.as()), operation.getKey() + " with a token of no role");
            for (String role : Roles.ALL) {
                int status = rest(method, path, type, TestTokens.as(role));
                if (roles.contains(role)) {
                    assertTrue(
                            status != 401 && status != 403,
                            operation.getKey() + " refused its own role " + role + ": " + status);
                } else {
                    assertEquals(
                            403,
                            status,
                            operation.getKey() + " with only the role " + role + " (it declares " + roles + ")");
                }
            }
        }
    }

    @Test
    void everyGrpcMethodNeedsATokenWithOneOfItsRoles() throws Exception {
        channel = ManagedChannelBuilder.forAddress("localhost", grpcPort())
                .usePlaintext()
                .build();
        List<String> methods = grpcMethods();
        assertFalse(methods.isEmpty(), "the reflection service lists no cdp methods");
        for (String method : methods) {
            if (publicMethods().contains(method)) {
                continue;
            }
            Status anonymous = call(method, null);
            assertEquals(Status.Code.UNAUTHENTICATED, anonymous.getCode(), method + " without a token: " + anonymous);
            Status roleless = call(method, TestTokens.as());
            assertEquals(
                    Status.Code.PERMISSION_DENIED,
                    roleless.getCode(),
                    method + " with a token of no role: " + roleless);
            Matcher needs = NEEDS.matcher(String.valueOf(roleless.getDescription()));
            assertTrue(needs.find(), method + " does not say which roles it needs: " + roleless.getDescription());
            List<String> roles = List.of(needs.group(1).split(", "));
            for (String role : Roles.ALL) {
                Status.Code code = call(method, TestTokens.as(role)).getCode();
                if (roles.contains(role)) {
                    assertTrue(
                            code != Status.Code.UNAUTHENTICATED && code != Status.Code.PERMISSION_DENIED,
                            method + " refused its own role " + role + ": " + code);
                } else {
                    assertEquals(
                            Status.Code.PERMISSION_DENIED,
                            code,
                            method + " with only the role " + role + " (it needs " + roles + ")");
                }
            }
        }
    }

    /** An operation's roles (from its security requirement; none: public) and the body type it takes. */
    private record Operation(List<String> roles, String contentType) {}

    /** "GET /v1/profiles/{oneId}" → its roles and body type. */
    private static Map<String, Operation> restOperations() {
        JsonPath openApi = RestAssured.given()
                .noFilters()
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = openApi.getMap("paths");
        Map<String, Operation> operations = new LinkedHashMap<>();
        paths.forEach((path, byMethod) -> byMethod.forEach((method, operation) -> {
            if (!Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                return;
            }
            Set<String> roles = new LinkedHashSet<>();
            @SuppressWarnings("unchecked")
            List<Map<String, List<String>>> security = (List<Map<String, List<String>>>) operation.get("security");
            if (security != null) {
                security.forEach(requirement -> requirement.values().forEach(roles::addAll));
            }
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> body = (Map<String, Map<String, Object>>) operation.get("requestBody");
            String contentType = body == null || body.get("content") == null
                    ? "application/json"
                    : body.get("content").keySet().iterator().next().replace("*/*", "application/json");
            operations.put(method.toUpperCase() + " " + path, new Operation(List.copyOf(roles), contentType));
        }));
        return operations;
    }

    private static int rest(String method, String path, String contentType, String token) {
        var request = RestAssured.given().noFilters().contentType(contentType).body("");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.request(method, path).statusCode();
    }

    /** Every method of the service's own (cdp) gRPC services, as "cdp.v1.TagService/GetTags". */
    private List<String> grpcMethods() throws Exception {
        List<String> methods = new ArrayList<>();
        for (ServerReflectionResponse services :
                reflect(ServerReflectionRequest.newBuilder().setListServices("").build())) {
            for (ServiceResponse service : services.getListServicesResponse().getServiceList()) {
                if (service.getName().startsWith("grpc.") || standIns().contains(service.getName())) {
                    continue;
                }
                for (ServerReflectionResponse files : reflect(ServerReflectionRequest.newBuilder()
                        .setFileContainingSymbol(service.getName())
                        .build())) {
                    for (ByteString bytes : files.getFileDescriptorResponse().getFileDescriptorProtoList()) {
                        methods.addAll(methodsOf(FileDescriptorProto.parseFrom(bytes), service.getName()));
                    }
                }
            }
        }
        return methods;
    }

    private static List<String> methodsOf(FileDescriptorProto file, String serviceName) {
        List<String> methods = new ArrayList<>();
        for (ServiceDescriptorProto service : file.getServiceList()) {
            if ((file.getPackage() + "." + service.getName()).equals(serviceName)) {
                for (MethodDescriptorProto method : service.getMethodList()) {
                    methods.add(serviceName + "/" + method.getName());
                }
            }
        }
        return methods;
    }

    private static List<ServerReflectionResponse> reflect(ServerReflectionRequest request) throws Exception {
        CompletableFuture<List<ServerReflectionResponse>> done = new CompletableFuture<>();
        List<ServerReflectionResponse> responses = new ArrayList<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        responses.add(response);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        done.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(responses);
                    }
                });
        requests.onNext(request);
        requests.onCompleted();
        return done.get(10, TimeUnit.SECONDS);
    }

    /** Calls a method with an empty request message and answers how the call closed. */
    private static Status call(String fullMethodName, String token) throws InterruptedException {
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNKNOWN)
                .setFullMethodName(fullMethodName)
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
        ClientCall<byte[], byte[]> call =
                channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
        LinkedBlockingQueue<Status> closed = new LinkedBlockingQueue<>();
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        call.start(
                new ClientCall.Listener<>() {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        closed.add(status);
                    }
                },
                headers);
        call.request(Integer.MAX_VALUE);
        call.sendMessage(new byte[0]);
        call.halfClose();
        Status status = closed.poll(15, TimeUnit.SECONDS);
        if (status == null) {
            fail(fullMethodName + " did not answer");
        }
        return status;
    }

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };
}
