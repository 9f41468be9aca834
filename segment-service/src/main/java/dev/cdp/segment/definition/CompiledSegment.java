package dev.cdp.segment.definition;

import dev.cdp.rules.Rule;
import java.util.Map;

/**
 * A segment with its rule compiled, ready to evaluate on every tag change.
 *
 * @param references the ids of the segments the rule names with {@code IN SEGMENT}, by the name or
 *     id it names them with
 */
public record CompiledSegment(String id, String name, Rule rule, Map<String, String> references) {}
