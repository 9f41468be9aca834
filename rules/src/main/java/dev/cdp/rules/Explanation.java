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
        if (condition instanceof Condition.AllOf all) {
            all.parts().forEach(part -> parts.add(of(part, values, context)));
        } else if (condition instanceof Condition.AnyOf any) {
            any.parts().forEach(part -> parts.add(of(part, values, context)));
        } else if (condition instanceof Condition.Not not) {
            parts.add(of(not.inner(), values, context));
        }
        Object value = condition instanceof Condition.OnValue onValue ? Condition.lookup(values, onValue.tag()) : null;
        return new Explanation(condition.text(), condition.test(values, context), value, List.copyOf(parts));
    }
}
