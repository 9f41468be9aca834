package dev.cdp.tag.catalogue;

import dev.cdp.rules.Rule;
import dev.cdp.rules.RuleSyntaxException;
import dev.cdp.tag.catalogue.RuleSpec.Function;
import dev.cdp.tag.catalogue.TagDefinition.DerivedCase;
import dev.cdp.tag.catalogue.TagDefinition.Kind;
import dev.cdp.tag.catalogue.TagDefinition.Status;
import dev.cdp.tag.catalogue.TagDefinition.ValueType;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a definition against the catalogue it joins; every error names the field and says what is wrong. */
public final class CatalogueValidator {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private CatalogueValidator() {}

    /**
     * @param catalogue the latest version of every other tag, by code
     * @throws InvalidTagException naming the field and the problem
     */
    public static void check(TagDefinition tag, Map<String, TagDefinition> catalogue) {
        require(
                tag.code() != null && CODE.matcher(tag.code()).matches(),
                "code",
                "\"" + tag.code()
                        + "\" is not a tag code: lowercase letters, digits and _, starting with a letter, at most 64");
        require(notBlank(tag.name()), "name", "is required");
        require(notBlank(tag.category()), "category", "is required");
        require(tag.type() != null, "type", "is required");
        require(tag.valueType() != null, "valueType", "is required");
        require(tag.kind() != null, "kind", "is required");
        require(
                tag.valueType() != ValueType.ENUM || !tag.enumValues().isEmpty(),
                "enumValues",
                "an ENUM tag lists its values");
        require(tag.kind() == Kind.RULE || tag.rule() == null, "rule", "only RULE tags have a rule");
        require(tag.kind() == Kind.DERIVED || tag.cases().isEmpty(), "cases", "only DERIVED tags have cases");
        if (tag.kind() == Kind.RULE) {
            checkRule(tag);
        }
        if (tag.kind() == Kind.DERIVED) {
            checkDerived(tag, catalogue);
        }
    }

    private static void checkRule(TagDefinition tag) {
        RuleSpec rule = tag.rule();
        require(rule != null, "rule", "a RULE tag needs a rule");
        require(
                rule.function() != null,
                "rule.function",
                "is required; one of " + java.util.Arrays.toString(Function.values()));
        require(
                RuleSpec.WINDOWS.contains(rule.windowDays()),
                "rule.windowDays",
                rule.windowDays() + " is not a window; windows are 1, 7, 30, 90, 365 days, or 0 for lifetime");
        require(
                !rule.function().needsProperty() || notBlank(rule.property()),
                "rule.property",
                rule.function() + " needs the property it aggregates, e.g. properties.revenue");
        boolean grouped = notBlank(rule.groupBy());
        require(
                !grouped || rule.function() == Function.COUNT || rule.function() == Function.SUM,
                "rule.groupBy",
                "only COUNT and SUM group into a weighted map");
        require(
                rule.function() != Function.TOP_N || (rule.topN() >= 1 && rule.topN() <= 100),
                "rule.topN",
                rule.topN() + " is out of range 1..100");
        if (notBlank(rule.where())) {
            try {
                require(
                        Rule.compile(rule.where()).eventTags().isEmpty(),
                        "rule.where",
                        "filters the event by its own fields; DID conditions belong in segments");
            } catch (RuleSyntaxException e) {
                throw new InvalidTagException("rule.where", e.getMessage());
            }
        }
        ValueType gives = switch (rule.function()) {
            case COUNT, SUM -> grouped ? ValueType.WEIGHTED_MAP : ValueType.NUMBER;
            case MIN, MAX, DISTINCT_COUNT -> ValueType.NUMBER;
            case TOP_N -> ValueType.WEIGHTED_MAP;
            case FIRST, LAST, MOST_FREQUENT -> null;
        };
        require(
                gives == null ? tag.valueType() != ValueType.WEIGHTED_MAP : gives == tag.valueType(),
                "valueType",
                tag.valueType() + " does not fit " + rule.function()
                        + (gives == null ? ", which gives one value" : ", which gives " + gives));
    }

    private static void checkDerived(TagDefinition tag, Map<String, TagDefinition> catalogue) {
        require(!tag.cases().isEmpty(), "cases", "a DERIVED tag needs at least one case");
        for (int i = 0; i < tag.cases().size(); i++) {
            DerivedCase derivedCase = tag.cases().get(i);
            String field = "cases[" + i + "]";
            Rule when;
            try {
                when = Rule.compile(derivedCase.when() == null ? "" : derivedCase.when());
            } catch (RuleSyntaxException e) {
                throw new InvalidTagException(field + ".when", e.getMessage());
            }
            require(
                    when.eventTags().isEmpty(),
                    field + ".when",
                    "reads tags; DID conditions belong in segments (or in a rule tag counting the events)");
            for (String name : when.names()) {
                String code = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
                TagDefinition referenced = catalogue.get(code);
                require(!code.equals(tag.code()), field + ".when", "a tag cannot read itself");
                require(referenced != null, field + ".when", "refers to unknown tag " + code);
                require(referenced.status() != Status.RETIRED, field + ".when", "refers to retired tag " + code);
            }
            value(tag, derivedCase.value(), field + ".value");
        }
        if (tag.otherwise() != null) {
            value(tag, tag.otherwise(), "otherwise");
        }
    }

    private static void value(TagDefinition tag, String value, String field) {
        try {
            ValueParser.parse(tag, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidTagException(field, e.getMessage());
        }
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }

    private static void require(boolean holds, String field, String problem) {
        if (!holds) {
            throw new InvalidTagException(field, problem);
        }
    }
}
