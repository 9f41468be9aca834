package dev.cdp.segment.definition;

import dev.cdp.rules.Context;
import dev.cdp.rules.Rule;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A segment with its rule compiled, ready to evaluate on every tag change.
 *
 * @param references the ids of the segments the rule names with {@code IN SEGMENT}, by the name or
 *     id it names them with
 */
public record CompiledSegment(String id, String name, Rule rule, Map<String, String> references) {

    /** The context the rule is decided in for a profile that is in the segments {@code memberOf} (by id). */
    public Context context(Instant now, Set<String> memberOf) {
        return context(now, references, memberOf);
    }

    /** As {@link #context(Instant, Set)}, for a rule not yet a segment's (a draft). */
    public static Context context(Instant now, Map<String, String> references, Set<String> memberOf) {
        return new Context(now, reference -> memberOf.contains(references.get(reference)));
    }
}
