package dev.cdp.segment.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cdp.rules.Rule;
import dev.cdp.rules.RuleSyntaxException;

/** A segment's condition from what a caller sent: the rule text or the JSON tree, exactly one of them. */
public final class SegmentRules {

    private SegmentRules() {}

    /** @throws InvalidSegmentException naming {@code rule} or the path in {@code definition} that is wrong */
    public static Rule of(String ruleText, JsonNode definition) {
        boolean hasText = ruleText != null && !ruleText.isBlank();
        boolean hasTree = definition != null && !definition.isNull() && !definition.isMissingNode();
        if (hasText && hasTree) {
            throw new InvalidSegmentException(
                    "rule", "send the rule or the definition, not both: they are two forms of one condition");
        }
        if (hasTree) {
            // Through the text, so the tree meets every bound the language sets (spans, list lengths, depth).
            String text = ConditionJson.read(definition).text();
            try {
                return Rule.compile(text);
            } catch (RuleSyntaxException e) {
                throw new InvalidSegmentException(
                        "definition", e.getMessage().replaceFirst(" at position \\d+", "") + " in " + text);
            }
        }
        if (!hasText) {
            throw new InvalidSegmentException("rule", "must not be blank; write a condition such as total_spend > 100");
        }
        try {
            return Rule.compile(ruleText);
        } catch (RuleSyntaxException e) {
            throw new InvalidSegmentException("rule", e.getMessage());
        }
    }
}
