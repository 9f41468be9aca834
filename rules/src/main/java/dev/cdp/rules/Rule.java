package dev.cdp.rules;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A compiled condition over named typed values: a segment rule over tags, the event filter of a
 * rule tag (over {@code event}, {@code channel}, {@code properties.*}), a derived tag's case. E.g. {@code order_count_30d >= 1 AND (total_spend > 100 OR NOT last_channel = 'app')}.
 * Compile once, then {@link #matches} per event without re-parsing. Immutable and thread-safe.
 */
public final class Rule {

    private final String text;
    private final Condition condition;

    private Rule(String text, Condition condition) {
        this.text = text;
        this.condition = condition;
    }

    /**
     * Longer rules are lists of people or values written out, which a segment engine would test
     * on every tag change of every profile: such lists belong in a tag (a list upload).
     */
    public static final int MAX_LENGTH = 10_000;

    /** @throws RuleSyntaxException saying what was expected and at which position */
    public static Rule compile(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new RuleSyntaxException(
                    "the rule is " + text.length() + " characters; the limit is " + MAX_LENGTH,
                    MAX_LENGTH,
                    "to target a list of people or values, upload it as a tag and test the tag");
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new RuleSyntaxException("a NUL character (\\u0000) is not allowed", nul);
        }
        return new Rule(text, RuleParser.parse(text));
    }

    /** Whether a profile with these current tag values satisfies the rule. */
    public boolean matches(Map<String, ?> tags) {
        return condition.test(tags);
    }

    /** The names the rule reads, e.g. to check that they exist: {@code total_spend} for {@code total_spend > 100}. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        collect(condition, names);
        return names;
    }

    private static void collect(Condition condition, Set<String> names) {
        if (condition instanceof Condition.AllOf all) {
            all.parts().forEach(part -> collect(part, names));
        } else if (condition instanceof Condition.AnyOf any) {
            any.parts().forEach(part -> collect(part, names));
        } else if (condition instanceof Condition.Not not) {
            collect(not.inner(), names);
        } else if (condition instanceof Condition.Presence presence) {
            names.add(presence.tag());
        } else if (condition instanceof Comparison comparison) {
            names.add(comparison.tag());
        }
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
