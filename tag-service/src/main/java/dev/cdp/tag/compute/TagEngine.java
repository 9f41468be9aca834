package dev.cdp.tag.compute;

import dev.cdp.tag.catalogue.TagDefinition;
import dev.cdp.tag.catalogue.TagDefinition.Kind;
import dev.cdp.tag.store.ProfileState;
import dev.cdp.tag.value.Value;
import dev.cdp.tag.window.EventFacts;
import dev.cdp.tag.window.WindowState;
import dev.cdp.tag.window.WindowedRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The active catalogue compiled for computing: applies events to rule tags and recomputes every
 * value of a profile. Pure and immutable: one instance per catalogue version, shared by threads.
 */
public final class TagEngine {

    private final Map<String, TagDefinition> active;
    private final List<WindowedRule> rules;
    private final List<DerivedTag> derived;

    private TagEngine(Map<String, TagDefinition> active, List<WindowedRule> rules, List<DerivedTag> derived) {
        this.active = active;
        this.rules = rules;
        this.derived = derived;
    }

    /** @param definitions the active definitions; derived tags in an order where each reads only earlier ones */
    public static TagEngine of(Collection<TagDefinition> definitions) {
        Map<String, TagDefinition> active = new LinkedHashMap<>();
        List<WindowedRule> rules = new ArrayList<>();
        List<DerivedTag> derived = new ArrayList<>();
        for (TagDefinition definition : definitions) {
            if (!definition.isActive()) {
                continue;
            }
            active.put(definition.code(), definition);
            if (definition.kind() == Kind.RULE) {
                rules.add(new WindowedRule(definition));
            } else if (definition.kind() == Kind.DERIVED) {
                derived.add(new DerivedTag(definition));
            }
        }
        return new TagEngine(active, rules, derived);
    }

    public Map<String, TagDefinition> active() {
        return active;
    }

    public WindowedRule rule(String code) {
        return rules.stream()
                .filter(rule -> rule.code().equals(code))
                .findFirst()
                .orElse(null);
    }

    /**
     * Adds one event to the rule tags that take it.
     *
     * @return whether any bucket changed
     */
    public boolean apply(ProfileState state, EventFacts event, Instant now) {
        long today = WindowedRule.epochDay(now.toEpochMilli());
        boolean changed = false;
        for (WindowedRule rule : rules) {
            if (rule.accepts(event)) {
                WindowState buckets = state.rules().computeIfAbsent(rule.code(), code -> new WindowState());
                changed |= rule.apply(buckets, event, today);
            }
        }
        return changed;
    }

    /**
     * All current values at {@code now}: rule tags over their windows (expired days dropped from
     * the state), custom and model tags as they are, then derived tags in order. Values of tags
     * no longer active are left out, so retiring a tag clears it from each profile on its next change.
     */
    public Map<String, Value> values(ProfileState state, Instant now) {
        long today = WindowedRule.epochDay(now.toEpochMilli());
        Map<String, Value> values = new HashMap<>();
        state.values().forEach((code, value) -> {
            TagDefinition definition = active.get(code);
            if (definition != null && (definition.kind() == Kind.CUSTOM || definition.kind() == Kind.MODEL)) {
                values.put(code, value);
            }
        });
        state.rules()
                .keySet()
                .removeIf(code -> !(active.containsKey(code) && active.get(code).kind() == Kind.RULE));
        boolean seen = !state.rules().isEmpty();
        for (WindowedRule rule : rules) {
            WindowState buckets = state.rules().get(rule.code());
            if (buckets != null) {
                rule.prune(buckets, today);
            }
            Value value = seen ? rule.value(buckets) : null;
            if (value != null) {
                values.put(rule.code(), value);
            }
        }
        Map<String, Object> conditionView = Value.plainView(values);
        for (DerivedTag tag : derived) {
            Value value = tag.value(conditionView);
            if (value != null) {
                values.put(tag.code(), value);
            }
        }
        return values;
    }

    /** The earliest moment a windowed value of this profile changes by itself; null if none will. */
    public Instant nextChange(ProfileState state) {
        Instant next = null;
        for (WindowedRule rule : rules) {
            WindowState buckets = state.rules().get(rule.code());
            Instant change = buckets == null ? null : rule.nextChange(buckets);
            if (change != null && (next == null || change.isBefore(next))) {
                next = change;
            }
        }
        return next;
    }

    /** Folds an absorbed profile's rule buckets and values into the survivor's; the survivor's own values win. */
    public static void merge(ProfileState survivor, ProfileState absorbed) {
        absorbed.rules()
                .forEach((code, buckets) -> survivor.rules()
                        .computeIfAbsent(code, c -> new WindowState())
                        .add(buckets));
        absorbed.values().forEach(survivor.values()::putIfAbsent);
    }
}
