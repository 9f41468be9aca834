package dev.cdp.tag.governance.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Flow control for server streams that read pages from a store: Quarkus subscribes to a method's
 * {@code Multi} without bound and never asks the call whether the client keeps up, so a stream of
 * every profile would pile up in the transport's buffer. {@link TagGrpcService} registers this
 * interceptor and ScanTags asks {@link #current()} before reading the next page, which waits until
 * the call's outbound buffer has drained (gRPC's {@code onReady}).
 */
@Singleton
public class CallReadiness implements ServerInterceptor {

    private static final Context.Key<Readiness> KEY = Context.key("cdp-call-readiness");

    /** For a call that was not intercepted (a test calling the service in-process): always ready. */
    private static final Readiness ALWAYS = new Readiness(null);

    /** The readiness of the call being served; read it in the method, before the stream is subscribed. */
    public static Readiness current() {
        Readiness readiness = KEY.get();
        return readiness == null ? ALWAYS : readiness;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Readiness readiness = new Readiness(call);
        ServerCall.Listener<Q> listener =
                Contexts.interceptCall(Context.current().withValue(KEY, readiness), call, headers, next);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onReady() {
                readiness.drain();
                super.onReady();
            }

            @Override
            public void onCancel() {
                readiness.drain();
                super.onCancel();
            }
        };
    }

    /** Whether one call can take more messages now, and a wait until it can. */
    public static final class Readiness {

        private final ServerCall<?, ?> call;
        private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

        private Readiness(ServerCall<?, ?> call) {
            this.call = call;
        }

        /** Completes once the call's outbound buffer has room (or the call ended). */
        public Uni<Void> awaitReady() {
            return Uni.createFrom().emitter(ready -> {
                if (call == null || call.isReady() || call.isCancelled()) {
                    ready.complete(null);
                    return;
                }
                waiting.add(() -> ready.complete(null));
                // onReady may have come between the check and the add.
                if (call.isReady()) {
                    drain();
                }
            });
        }

        private void drain() {
            for (Runnable next = waiting.poll(); next != null; next = waiting.poll()) {
                next.run();
            }
        }
    }
}
