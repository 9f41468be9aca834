package dev.cdp.segment.tagcatalogue.messaging;

import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.proto.v1.TagDefinition;
import dev.cdp.segment.tagcatalogue.KnownTag;
import dev.cdp.segment.tagcatalogue.TagCatalogue;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the compacted cdp.tags.catalogue from its start into this instance's replica. Every
 * instance reads all of it (a consumer group of its own per start), so each knows every tag.
 */
@ApplicationScoped
public class TagCatalogueConsumer {

    private final TagCatalogue catalogue;

    public TagCatalogueConsumer(TagCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Incoming("tags-catalogue")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return CdpRecords.consume(record, TagDefinition.getDefaultInstance(), tag -> {
            catalogue.keep(new KnownTag(
                    tag.getCode(),
                    tag.getValueType(),
                    List.copyOf(tag.getEnumValuesList()),
                    tag.getStatus().equals("RETIRED")));
            return Uni.createFrom().voidItem();
        });
    }
}
