package dev.cdp.segment.tagcatalogue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's replica of tag-service's catalogue, read from the compacted cdp.tags.catalogue
 * from its start: every tag's type and status, so a segment is checked against the tags that
 * exist when it is defined, and a segment reading a tag that gets retired is paused.
 */
@ApplicationScoped
public class TagCatalogue {

    /** Misspellings this close to a tag's code are answered with that code as the likely intent. */
    private static final int SUGGESTION_DISTANCE = 2;

    private final Map<String, KnownTag> tags = new ConcurrentHashMap<>();
    private final Event<TagRetired> retired;

    public TagCatalogue(Event<TagRetired> retired) {
        this.retired = retired;
    }

    /** Keeps the latest definition of a tag; one that is retired now is announced. */
    public void keep(KnownTag tag) {
        KnownTag before = tags.put(tag.code(), tag);
        if (tag.retired() && (before == null || !before.retired())) {
            retired.fire(new TagRetired(tag.code()));
        }
    }

    /**
     * The tag with this code.
     *
     * @throws CatalogueNotLoadedException while no tag is known at all
     */
    public Optional<KnownTag> find(String code) {
        if (tags.isEmpty()) {
            throw new CatalogueNotLoadedException();
        }
        return Optional.ofNullable(tags.get(code));
    }

    /** The active tag whose code is closest to {@code code}, when it is close enough to be a slip of the keyboard. */
    public Optional<String> closest(String code) {
        return tags.values().stream()
                .filter(tag -> !tag.retired())
                .map(tag -> Map.entry(tag.code(), distance(code, tag.code())))
                .filter(candidate -> candidate.getValue() <= SUGGESTION_DISTANCE)
                .min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey);
    }

    /** Why {@code code} is refused when no tag has it, with the likely code when there is one. */
    public String unknown(String code) {
        return code + " is no tag of the catalogue"
                + closest(code).map(likely -> "; did you mean " + likely + "?").orElse("")
                + " (GET /v1/catalogue on tag-service lists the tags)";
    }

    /** How many tags are known, retired ones included. */
    public int size() {
        return tags.size();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
