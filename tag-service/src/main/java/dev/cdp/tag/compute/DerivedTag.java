package dev.cdp.tag.compute;

import dev.cdp.rules.Rule;
import dev.cdp.tag.catalogue.TagDefinition;
import dev.cdp.tag.catalogue.ValueParser;
import dev.cdp.tag.value.Value;
import java.util.List;
import java.util.Map;

/** A derived tag compiled: its cases in order, each a condition over the profile's other tags. */
final class DerivedTag {

    private final TagDefinition definition;
    private final List<Rule> conditions;
    private final List<Value> values;
    private final Value otherwise;

    DerivedTag(TagDefinition definition) {
        this.definition = definition;
        this.conditions =
                definition.cases().stream().map(c -> Rule.compile(c.when())).toList();
        this.values = definition.cases().stream()
                .map(c -> ValueParser.parse(definition, c.value()))
                .toList();
        this.otherwise = definition.otherwise() == null ? null : ValueParser.parse(definition, definition.otherwise());
    }

    String code() {
        return definition.code();
    }

    /**
     * The value of the first case that holds over {@code tags}, else the default.
     *
     * @param tags the profile's values as conditions read them ({@link Value#plainView})
     */
    Value value(Map<String, Object> tags) {
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i).matches(tags)) {
                return values.get(i);
            }
        }
        return otherwise;
    }
}
