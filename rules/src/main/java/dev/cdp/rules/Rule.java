package dev.cdp.rules;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A compiled condition over named typed values: a segment rule over tags, the event filter of a
 * rule tag (over {@code event}, {@code channel}, {@code properties.*}), a derived tag's case. E.g.
 * {@code order_count_30d >= 1 AND (total_spend > 100 OR NOT last_channel = 'app')}. Compile once,
 * then {@link #matches} per event without re-parsing. Immutable and thread-safe.
 */
public final class Rule {

    /** The context of a rule that reads no clock and no segment: one instance, nothing allocated per call on hot paths. */
    private static final Context TIMELESS = Context.at(Instant.EPOCH);

    private final String text;
    private final Condition condition;
    private final boolean timeRelative;

    private Rule(String text, Condition condition) {
        this.text = text;
        this.condition = condition;
        boolean[] relative = {false};
        Conditions.visit(
                condition,
                node -> relative[0] |= node instanceof Condition.Within
                        || node instanceof Condition.Before
                        || node instanceof Behaviour.ThenNot);
        this.timeRelative = relative[0];
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

    /** The rule of a condition built otherwise (a segment's JSON), written as its text. */
    public static Rule of(Condition condition) {
        return new Rule(condition.text(), condition);
    }

    /** Whether these values satisfy the rule now, as a member of no segment. */
    public boolean matches(Map<String, ?> values) {
        return condition.test(values, timeRelative ? Context.at(Instant.now()) : TIMELESS);
    }

    public boolean matches(Map<String, ?> values, Context context) {
        return condition.test(values, context);
    }

    /**
     * The names the rule reads, e.g. to check that they exist: {@code total_spend} for
     * {@code total_spend > 100}, and the codes of the tags its behaviours read.
     */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        Conditions.visit(condition, node -> {
            if (node instanceof Condition.OnValue onValue) {
                names.add(onValue.tag());
            } else if (node instanceof Behaviour behaviour) {
                behaviour.tags().forEach(tag -> names.add(tag.code()));
            }
        });
        return names;
    }

    /** The tags computed from events that the rule's behaviours ({@code DID …}) read. */
    public Set<EventTag> eventTags() {
        Set<EventTag> tags = new java.util.LinkedHashSet<>();
        Conditions.visit(condition, node -> {
            if (node instanceof Behaviour behaviour) {
                tags.addAll(behaviour.tags());
            }
        });
        return tags;
    }

    /** The segments the rule names with {@code IN SEGMENT}. */
    public Set<String> segments() {
        Set<String> segments = new TreeSet<>();
        Conditions.visit(condition, node -> {
            if (node instanceof Condition.InSegment in) {
                segments.add(in.segment());
            }
        });
        return segments;
    }

    /**
     * Whether the rule reads the clock ({@code WITHIN}, {@code BEFORE … AGO}, {@code THEN NOT …
     * WITHIN}): its result changes as time passes. (Counts over windows change by themselves in
     * tag-service, which sends the new counts.)
     */
    public boolean isTimeRelative() {
        return timeRelative;
    }

    public Condition condition() {
        return condition;
    }

    /** The text as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
