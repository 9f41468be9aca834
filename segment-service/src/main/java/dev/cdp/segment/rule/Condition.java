package dev.cdp.segment.rule;

import dev.cdp.proto.v1.TagValue;
import java.util.List;
import java.util.Map;

/** A compiled rule node. Evaluation reads the tag map only: no parsing, no allocation. */
sealed interface Condition permits Condition.AllOf, Condition.AnyOf, Condition.Not, Condition.Presence, Comparison {

    boolean test(Map<String, TagValue> tags);

    record AllOf(List<Condition> parts) implements Condition {
        @Override
        public boolean test(Map<String, TagValue> tags) {
            for (int i = 0; i < parts.size(); i++) {
                if (!parts.get(i).test(tags)) {
                    return false;
                }
            }
            return true;
        }
    }

    record AnyOf(List<Condition> parts) implements Condition {
        @Override
        public boolean test(Map<String, TagValue> tags) {
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).test(tags)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Condition inner) implements Condition {
        @Override
        public boolean test(Map<String, TagValue> tags) {
            return !inner.test(tags);
        }
    }

    /** {@code tag IS SET} ({@code set} true) or {@code tag IS NOT SET}. */
    record Presence(String tag, boolean set) implements Condition {
        @Override
        public boolean test(Map<String, TagValue> tags) {
            TagValue value = tags.get(tag);
            boolean present = value != null && value.getKindCase() != TagValue.KindCase.KIND_NOT_SET;
            return present == set;
        }
    }
}
