package dev.cdp.identity.traits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Which stated value of a trait a profile shows: the most trusted channel's (e.g. CRM over
 * e-commerce over web), the latest within a channel; lists are merged, keeping each element once.
 * Each trait's winner is remembered in {@code sources} as {@code {"c": channel, "t": epochMillis}},
 * so a new statement is decided without reading the history.
 */
public final class Survivorship {

    private final List<String> precedence;

    /** @param precedence channels, most trusted first; others rank after them, equally */
    public Survivorship(List<String> precedence) {
        this.precedence = List.copyOf(precedence);
    }

    /**
     * Folds one statement into the current traits.
     *
     * @return whether the shown value changed
     */
    public boolean apply(
            ObjectNode traits, ObjectNode sources, String trait, JsonNode value, String channel, Instant at) {
        JsonNode current = traits.get(trait);
        if (value.isArray()) {
            ArrayNode merged = current != null && current.isArray()
                    ? ((ArrayNode) current).deepCopy()
                    : JsonNodeFactory.instance.arrayNode();
            boolean added = false;
            for (JsonNode element : value) {
                if (!contains(merged, element)) {
                    merged.add(element);
                    added = true;
                }
            }
            if (added || current == null || !current.isArray()) {
                traits.set(trait, merged);
                sources.set(trait, source(channel, at));
                return true;
            }
            return false;
        }
        JsonNode winner = sources.get(trait);
        if (current == null || winner == null || wins(channel, at, winner)) {
            traits.set(trait, value);
            sources.set(trait, source(channel, at));
            return !value.equals(current);
        }
        return false;
    }

    /** The traits (and their sources) a history of statements gives, oldest statement first. */
    public ObjectNode[] fold(List<TraitObservation> history, java.util.function.Function<String, JsonNode> parse) {
        ObjectNode traits = JsonNodeFactory.instance.objectNode();
        ObjectNode sources = JsonNodeFactory.instance.objectNode();
        history.stream()
                .sorted(java.util.Comparator.comparing((TraitObservation o) -> o.observedAt)
                        .thenComparing(o -> o.id))
                .forEach(o -> apply(traits, sources, o.trait, parse.apply(o.value), o.channel, o.observedAt));
        return new ObjectNode[] {traits, sources};
    }

    private boolean wins(String channel, Instant at, JsonNode winner) {
        int rank = rank(channel);
        int winnerRank = rank(winner.path("c").asText(null));
        return rank < winnerRank
                || (rank == winnerRank && at.toEpochMilli() >= winner.path("t").asLong());
    }

    private int rank(String channel) {
        int index = channel == null ? -1 : precedence.indexOf(channel);
        return index < 0 ? precedence.size() : index;
    }

    private static ObjectNode source(String channel, Instant at) {
        ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("c", channel);
        source.put("t", at.toEpochMilli());
        return source;
    }

    private static boolean contains(ArrayNode array, JsonNode element) {
        for (JsonNode existing : array) {
            if (existing.equals(element)) {
                return true;
            }
        }
        return false;
    }
}
