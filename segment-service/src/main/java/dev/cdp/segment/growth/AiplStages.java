package dev.cdp.segment.growth;

import dev.cdp.rules.Context;
import dev.cdp.rules.Rule;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AIPL funnel: each stage a condition over the tags (configurable, in the segment language);
 * a profile is at the furthest stage whose condition holds, or at none.
 */
@ApplicationScoped
public class AiplStages {

    /** The stages in funnel order. */
    public enum Stage {
        AWARENESS,
        INTEREST,
        PURCHASE,
        LOYALTY;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Map<Stage, Rule> rules = new LinkedHashMap<>();
    private final Map<Stage, String> texts = new LinkedHashMap<>();

    /** @throws IllegalStateException naming the stage whose configured condition does not compile */
    public AiplStages(GrowthConfig config) {
        define(Stage.AWARENESS, config.aiplAwareness());
        define(Stage.INTEREST, config.aiplInterest());
        define(Stage.PURCHASE, config.aiplPurchase());
        define(Stage.LOYALTY, config.aiplLoyalty());
    }

    private void define(Stage stage, String text) {
        try {
            rules.put(stage, Rule.compile(text));
            texts.put(stage, text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "cdp.models.aipl-" + stage.code() + " is not a condition: " + e.getMessage(), e);
        }
    }

    /** The furthest stage the values reach at {@code now}; null for none. */
    public Stage stage(Map<String, ?> values, Instant now) {
        Context context = Context.at(now);
        Stage reached = null;
        for (Map.Entry<Stage, Rule> stage : rules.entrySet()) {
            if (stage.getValue().matches(values, context)) {
                reached = stage.getKey();
            }
        }
        return reached;
    }

    /** Each stage's condition as configured. */
    public Map<Stage, String> conditions() {
        return texts;
    }
}
