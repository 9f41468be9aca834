package dev.cdp.platform.vertx;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A gRPC client's answers arrive on gRPC's threads; a caller on a Vert.x context (a request, a
 * background job with its Hibernate session) gets them back on that context. Call where the
 * call is made: the context is the one current then.
 */
public final class CallerContext {

    private CallerContext() {}

    public static <T> Uni<T> resume(Uni<T> call) {
        Context context = Vertx.currentContext();
        return context == null ? call : call.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    public static <T> Multi<T> resume(Multi<T> stream) {
        Context context = Vertx.currentContext();
        return context == null ? stream : stream.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
