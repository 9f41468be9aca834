package dev.cdp.platform.db;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Work no request waits for (a reload, a backfill), run on a Vert.x context of its own: Hibernate
 * Reactive needs a context, and its session must be this work's alone, not a request's.
 */
public final class Background {

    private Background() {}

    public static <T> void run(Vertx vertx, Supplier<Uni<T>> work, Consumer<T> done, Consumer<Throwable> failed) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        // Panache refuses a context not marked safe (isolated): this one is ours alone.
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> work.get().subscribe().with(done, failed));
    }
}
