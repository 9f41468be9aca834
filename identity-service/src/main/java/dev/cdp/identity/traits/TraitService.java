package dev.cdp.identity.traits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.IdentityConfig;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A profile's traits with per-field survivorship: every statement is kept in
 * {@code trait_observation}; the profile row holds what they add up to, for fast reads. Runs in
 * the caller's transaction.
 */
@ApplicationScoped
public class TraitService {

    private final Survivorship survivorship;
    private final ObjectMapper json;

    public TraitService(IdentityConfig config, ObjectMapper json) {
        this.survivorship = new Survivorship(config.traitPrecedence());
        this.json = json;
    }

    /**
     * After a split: each statement goes to the first part holding one of the identifiers it was
     * made through; statements no part claims stay.
     *
     * @param parts OneID of each part, the part keeping the OneID first, to its identifier keys
     */
    public Uni<Void> assign(String from, Map<String, Set<String>> parts) {
        return TraitObservation.<TraitObservation>list("oneId", from)
                .invoke(statements -> {
                    for (TraitObservation statement : statements) {
                        List<String> keys = statement.identifierKeys == null || statement.identifierKeys.isEmpty()
                                ? List.of()
                                : List.of(statement.identifierKeys.split("\n"));
                        parts.entrySet().stream()
                                .filter(part -> keys.stream().anyMatch(part.getValue()::contains))
                                .findFirst()
                                .ifPresent(part -> statement.oneId = part.getKey());
                    }
                })
                .replaceWithVoid();
    }

    public Survivorship survivorship() {
        return survivorship;
    }

    /** A profile's traits and which statement each shows, as JSON text the profile row stores. */
    public record Recomputed(String traits, String sources) {}

    /**
     * Recomputes a profile's traits from its statements. Traits stored before statements were
     * kept ({@code legacy}) fill the fields no statement covers.
     */
    public Uni<Recomputed> recompute(String oneId, List<ObjectNode> legacy) {
        return TraitObservation.<TraitObservation>list("oneId", oneId).map(history -> {
            ObjectNode[] folded = fold(history, legacy);
            return new Recomputed(write(folded[0]), write(folded[1]));
        });
    }

    /** The traits and their sources a profile's statements give, {@code legacy} filling the fields none covers. */
    public ObjectNode[] fold(List<TraitObservation> history, List<ObjectNode> legacy) {
        ObjectNode[] folded = survivorship.fold(history, this::parse);
        for (ObjectNode old : legacy) {
            old.fields().forEachRemaining(field -> {
                if (!folded[0].has(field.getKey())) {
                    folded[0].set(field.getKey(), field.getValue());
                }
            });
        }
        return folded;
    }

    /** Every statement of one trait of a profile, oldest first. */
    @WithSession
    public Uni<List<TraitObservation>> history(String oneId, String trait) {
        return TraitObservation.list("oneId = ?1 and trait = ?2 order by observedAt, id", oneId, trait);
    }

    /** Deletes every statement of the profiles (an erasure); runs in the caller's transaction. */
    public Uni<Long> erase(Collection<String> oneIds) {
        return TraitObservation.delete("oneId in ?1", oneIds);
    }

    public ObjectNode read(String stored) {
        return (ObjectNode) parse(stored == null ? "{}" : stored);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
