package dev.cdp.platform.store;

import io.smallrye.mutiny.Uni;

/** A store a service cannot work without, asked whether it answers. */
public interface StoreProbe {

    /** How the store is named in logs, metrics and errors: {@code postgresql}, {@code redis}. */
    String name();

    /** Completes when the store answered a trivial request, fails when it did not. */
    Uni<Void> ping();
}
