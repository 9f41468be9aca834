package dev.cdp.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Why a condition holds or not for some values: each node's text and result and, for a condition
 * on a value, the value it read (null when missing). Evaluates as {@link Condition#test} does,
 * so an explanation never disagrees with a decision.
 */
public record Explanation(String condition, boolean result, Object value, List<Explanation> parts) {

    public static Explanation of(Condition condition, Map<String, ?> values, Context context) {
        List<Explanation> parts = new ArrayList<>();
        boolean result;
        // Composites take their result from their parts, so each leaf is decided once.
        if (condition instanceof Condition.AllOf all) {
            all.parts().forEach(part -> parts.add(of(part, values, context)));
            result = parts.stream().allMatch(Explanation::result);
        } else if (condition instanceof Condition.AnyOf any) {
            any.parts().forEach(part -> parts.add(of(part, values, context)));
            result = parts.stream().anyMatch(Explanation::result);
        } else if (condition instanceof Condition.Not not) {
            parts.add(of(not.inner(), values, context));
            result = !parts.get(0).result();
        } else {
            result = condition.test(values, context);
        }
        Object value = condition instanceof Condition.OnValue onValue
                ? Condition.lookup(values, onValue.tag())
                : condition instanceof Behaviour behaviour ? behaviour.observed(values) : null;
        return new Explanation(condition.text(), result, value, List.copyOf(parts));
    }
}
