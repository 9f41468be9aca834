package dev.cdp.segment.rule;

import dev.cdp.proto.v1.TagValue;
import java.util.Map;

/**
 * A compiled segment rule such as {@code order_count_30d >= 1 AND (total_spend > 100 OR NOT last_channel = 'app')}.
 * Compile once, then {@link #matches} per event without re-parsing. Immutable and thread-safe.
 */
public final class Rule {

    private final String text;
    private final Condition condition;

    private Rule(String text, Condition condition) {
        this.text = text;
        this.condition = condition;
    }

    /** @throws RuleSyntaxException saying what was expected and at which position */
    public static Rule compile(String text) {
        return new Rule(text, RuleParser.parse(text));
    }

    /** Whether a profile with these current tag values satisfies the rule. */
    public boolean matches(Map<String, TagValue> tags) {
        return condition.test(tags);
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
