package dev.cdp.tag.catalogue.messaging;

import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.tag.catalogue.CatalogueLoaded;
import dev.cdp.tag.catalogue.TagDefinitions;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes the catalogue on the compacted cdp.tags.catalogue, one record per tag keyed by its
 * code, whenever an instance loads it (at start and after every change): other services keep a
 * replica of it, to check what they are asked to read against the tags that exist. Every
 * instance publishing the same definitions is harmless: compaction keeps one per code.
 */
@ApplicationScoped
public class CataloguePublisher {

    private static final Logger LOG = Logger.getLogger(CataloguePublisher.class);

    private final MutinyEmitter<byte[]> emitter;

    public CataloguePublisher(
            @Channel("tags-catalogue") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                    MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    void onLoaded(@Observes CatalogueLoaded loaded) {
        loaded.tags()
                .forEach(tag -> emitter.sendMessage(CdpRecords.keyed(tag.code(), TagDefinitions.toProto(tag)))
                        .subscribe()
                        .with(
                                sent -> {},
                                failure -> LOG.warnf(
                                        "tag %s could not be published on cdp.tags.catalogue: %s; it is again when the catalogue next changes or at restart",
                                        tag.code(), failure.toString())));
    }
}
