package dev.cdp.platform.security;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusException;
import io.quarkus.arc.Arc;
import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.auth.AuthExceptionHandler;
import io.quarkus.grpc.auth.AuthExceptionHandlerProvider;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Singleton;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Says why a gRPC call was refused. Quarkus refuses a call either by throwing or through the
 * method's {@code Uni}; as the exception handler this turns either refusal into
 * {@code UNAUTHENTICATED} or {@code PERMISSION_DENIED} carrying the refusal as its cause, and as
 * the outermost interceptor it words that status for the call it closes: how to send a token, or
 * which roles the method declares ({@code @RolesAllowed}). Statuses the services set themselves
 * (ingest's unknown write key) pass unchanged.
 */
@GlobalInterceptor
@Singleton
public class GrpcAccessDenied implements ServerInterceptor, AuthExceptionHandlerProvider {

    private static final class GrpcServiceLiteral extends AnnotationLiteral<GrpcService> implements GrpcService {}

    /** Roles by gRPC method name ({@code GetTags}), read once from the services' annotations. */
    private final Map<String, List<String>> rolesByMethod = new HashMap<>();

    public GrpcAccessDenied() {
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, new GrpcServiceLiteral())) {
            for (Method method : bean.getBeanClass().getDeclaredMethods()) {
                List<String> roles = RequiredRoles.of(method);
                if (!roles.isEmpty()) {
                    rolesByMethod.put(
                            Character.toUpperCase(method.getName().charAt(0))
                                    + method.getName().substring(1),
                            roles);
                }
            }
        }
    }

    /** Outside Quarkus's security interceptor, so its refusals pass through here; above the default exception handler. */
    @Override
    public int getPriority() {
        return Integer.MAX_VALUE - 10;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        boolean tokenSent = headers.containsKey(GrpcBearerMechanism.AUTHORIZATION);
        return next.startCall(
                new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void close(Status status, Metadata trailers) {
                        super.close(
                                status.getCause() instanceof SecurityException refusal
                                        ? explained(
                                                refusal,
                                                call.getMethodDescriptor().getFullMethodName(),
                                                tokenSent)
                                        : status,
                                trailers);
                    }
                },
                headers);
    }

    @Override
    public <Q, R> AuthExceptionHandler<Q, R> createHandler(
            ServerCall.Listener<Q> listener, ServerCall<Q, R> call, Metadata metadata) {
        return new AuthExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable failure, ServerCall<Q, R> serverCall, Metadata trailers) {
                if (handlesException(failure)) {
                    serverCall.close(statusOf(failure), trailers);
                } else {
                    super.handleException(failure, serverCall, trailers);
                }
            }
        };
    }

    @Override
    public boolean handlesException(Throwable failure) {
        return failure instanceof SecurityException;
    }

    @Override
    public StatusException transformToStatusException(Throwable failure) {
        return new StatusException(statusOf(failure));
    }

    private static Status statusOf(Throwable refusal) {
        boolean unauthenticated =
                refusal instanceof UnauthorizedException || refusal instanceof AuthenticationException;
        return (unauthenticated ? Status.UNAUTHENTICATED : Status.PERMISSION_DENIED).withCause(refusal);
    }

    /** The refusal's status (whichever handler closed the call, some leave it UNKNOWN), worded. */
    private Status explained(SecurityException refusal, String fullMethodName, boolean tokenSent) {
        Status status = statusOf(refusal);
        if (status.getCode() == Status.Code.UNAUTHENTICATED) {
            return status.withDescription(
                    tokenSent && refusal instanceof AuthenticationException
                            ? RequiredRoles.NOT_ACCEPTED
                            : RequiredRoles.NO_TOKEN);
        }
        String method = fullMethodName.substring(fullMethodName.lastIndexOf('/') + 1);
        return status.withDescription(
                RequiredRoles.needed(rolesByMethod.getOrDefault(method, List.of()), fullMethodName));
    }
}
