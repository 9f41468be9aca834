package dev.cdp.tag.compute;

import dev.cdp.platform.store.NotReadyException;
import dev.cdp.tag.catalogue.CatalogueLoaded;
import dev.cdp.tag.catalogue.CatalogueService;
import dev.cdp.tag.catalogue.DefaultCatalogue;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The engine of the current catalogue. Seeded and loaded at start (consumers may start first:
 * their work waits for it, see {@link NotReadyException}); reloaded after a local
 * change at once, and on a schedule when PostgreSQL holds a newer revision, so every instance
 * follows the catalogue. Compiling it runs on an event loop and took tens of milliseconds, so
 * an unchanged catalogue is not compiled again: doing so every refresh stalled the tag reads
 * queued behind it (BENCHMARKS.md).
 */
@ApplicationScoped
public class Engines {

    private static final Logger LOG = Logger.getLogger(Engines.class);

    private final CatalogueService catalogue;
    private final Event<CatalogueLoaded> loaded;
    /** Null until the catalogue is loaded: computing from an empty one would drop every tag a poll touched. */
    private volatile TagEngine current;

    private volatile long revision = -1;

    public Engines(CatalogueService catalogue, Event<CatalogueLoaded> loaded) {
        this.catalogue = catalogue;
        this.loaded = loaded;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> catalogue
                .seed(DefaultCatalogue.tags())
                .invoke(seeded -> {
                    if (seeded > 0) {
                        LOG.infof("seeded the default catalogue: %d tags", seeded);
                    }
                })
                .chain(this::reload));
    }

    /** @throws NotReadyException in the first moments after start, before the catalogue is loaded */
    public TagEngine current() {
        TagEngine engine = current;
        if (engine == null) {
            throw new NotReadyException("tag-service is starting: the tag catalogue is not loaded yet");
        }
        return engine;
    }

    @Scheduled(
            every = "${cdp.tags.catalogue-refresh}",
            delayed = "${cdp.tags.catalogue-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return catalogue
                .revision()
                .chain(latest -> latest == revision ? Uni.createFrom().voidItem() : load(latest));
    }

    /**
     * Loads and compiles the catalogue whatever its revision. The revision is read first: a
     * change landing in between is loaded now and loaded again at the next refresh.
     */
    public Uni<Void> reload() {
        return catalogue.revision().chain(this::load);
    }

    private Uni<Void> load(long revisionRead) {
        return catalogue
                .latest()
                .invoke(definitions -> {
                    current = TagEngine.of(definitions);
                    revision = revisionRead;
                    loaded.fire(new CatalogueLoaded(definitions));
                })
                .replaceWithVoid();
    }
}
