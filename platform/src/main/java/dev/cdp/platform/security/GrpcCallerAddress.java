package dev.cdp.platform.security;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** The address a gRPC call came from, readable in the service method (for the audit log). */
@GlobalInterceptor
@Singleton
public class GrpcCallerAddress implements ServerInterceptor {

    private static final Context.Key<String> ADDRESS = Context.key("cdp-caller-address");

    /** The current call's peer address, or "unknown" outside a gRPC call. */
    public static String current() {
        String address = ADDRESS.get();
        return address == null ? "unknown" : address;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String address =
                remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(remote);
        return Contexts.interceptCall(Context.current().withValue(ADDRESS, address), call, headers, next);
    }
}
