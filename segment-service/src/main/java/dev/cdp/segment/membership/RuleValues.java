package dev.cdp.segment.membership;

import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.TagValue;
import java.util.HashMap;
import java.util.Map;

/** Tag values of the contract as the values segment rules read; a value of no kind is no value. */
public final class RuleValues {

    private RuleValues() {}

    public static Map<String, Object> of(Map<String, TagValue> tags) {
        Map<String, Object> values = new HashMap<>(tags.size() * 2);
        tags.forEach((tag, value) -> {
            Object plain = switch (value.getKindCase()) {
                case NUMBER -> value.getNumber();
                case TEXT -> value.getText();
                case FLAG -> value.getFlag();
                case TIME -> ProtoTime.instant(value.getTime());
                case WEIGHTS -> value.getWeights().getEntriesMap();
                case KIND_NOT_SET -> null;
            };
            if (plain != null) {
                values.put(tag, plain);
            }
        });
        return values;
    }
}
