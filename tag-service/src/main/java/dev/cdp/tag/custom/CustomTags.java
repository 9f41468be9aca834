package dev.cdp.tag.custom;

import dev.cdp.tag.catalogue.InvalidTagException;
import dev.cdp.tag.catalogue.TagDefinition;
import dev.cdp.tag.catalogue.TagDefinition.Kind;
import dev.cdp.tag.catalogue.ValueParser;
import dev.cdp.tag.compute.Engines;
import dev.cdp.tag.compute.TagChanges;
import dev.cdp.tag.compute.TagUpdater;
import dev.cdp.tag.compute.messaging.TagsChangedPublisher;
import dev.cdp.tag.value.Value;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Values of custom tags (set by people, through the API) and model tags (written by models such
 * as RFM or churn risk), checked against the catalogue, stored and published like computed ones.
 */
@ApplicationScoped
public class CustomTags {

    private final Engines engines;
    private final TagUpdater updater;
    private final TagsChangedPublisher publisher;

    public CustomTags(Engines engines, TagUpdater updater, TagsChangedPublisher publisher) {
        this.engines = engines;
        this.updater = updater;
        this.publisher = publisher;
    }

    /**
     * @param values tag code to its value as given (JSON, text, or a gRPC value's {@link Value#plain()}); a null value clears the tag
     * @return the profile's current values after the change
     * @throws InvalidTagException naming the first tag that is unknown, computed, or of the wrong type
     */
    public Uni<Map<String, Value>> set(String oneId, Map<String, Object> values) {
        if (oneId == null || oneId.isBlank()) {
            throw new InvalidTagException("oneId", "is required");
        }
        return updater.set(oneId, check(values), "api:" + UUID.randomUUID())
                .call(changes -> changes.isEmpty() ? Uni.createFrom().voidItem() : publisher.publish(changes))
                .map(TagChanges::current);
    }

    /**
     * The values typed by their tags' definitions.
     *
     * @throws InvalidTagException naming the first tag that is unknown, computed, or of the wrong type
     */
    public Map<String, Value> check(Map<String, Object> values) {
        Map<String, TagDefinition> active = engines.current().active();
        Map<String, Value> typed = new LinkedHashMap<>();
        values.forEach((code, given) -> {
            TagDefinition tag = active.get(code);
            if (tag == null) {
                throw new InvalidTagException("tags." + code, "is not an active tag of the catalogue");
            }
            if (tag.kind() != Kind.CUSTOM && tag.kind() != Kind.MODEL) {
                throw new InvalidTagException(
                        "tags." + code,
                        "is a " + tag.kind() + " tag, computed by the service; only CUSTOM and MODEL tags are set");
            }
            try {
                typed.put(code, given == null ? null : ValueParser.parse(tag, given));
            } catch (IllegalArgumentException e) {
                throw new InvalidTagException("tags." + code, e.getMessage());
            }
        });
        return typed;
    }
}
