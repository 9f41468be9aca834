package dev.cdp.platform.error;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.inject.Singleton;

/**
 * Every service's gRPC errors: a call that failed with an {@link ApiException}, thrown or through
 * its {@code Uni}, closes with the kind's status and the exception's message. Quarkus closes such a
 * call {@code UNKNOWN} with the exception as the cause; this reads the cause.
 */
@GlobalInterceptor
@Singleton
public class GrpcErrors implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return next.startCall(
                new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void close(Status status, Metadata trailers) {
                        super.close(status.isOk() ? status : refusal(status), trailers);
                    }
                },
                headers);
    }

    private static Status refusal(Status status) {
        for (Throwable cause = status.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refused) {
                return refused.kind()
                        .grpcStatus()
                        .withDescription(refused.getMessage())
                        .withCause(refused);
            }
        }
        return status;
    }
}
