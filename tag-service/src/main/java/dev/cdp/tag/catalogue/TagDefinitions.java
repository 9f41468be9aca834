package dev.cdp.tag.catalogue;

import dev.cdp.proto.v1.DerivedCase;
import java.util.Arrays;
import java.util.Locale;

/** Tag definitions between the contract (enum-like fields as names) and the domain. */
public final class TagDefinitions {

    private TagDefinitions() {}

    public static dev.cdp.proto.v1.TagDefinition toProto(TagDefinition tag) {
        dev.cdp.proto.v1.TagDefinition.Builder proto = dev.cdp.proto.v1.TagDefinition.newBuilder()
                .setCode(tag.code())
                .setName(nullToEmpty(tag.name()))
                .setCategory(nullToEmpty(tag.category()))
                .setSubcategory(nullToEmpty(tag.subcategory()))
                .setType(name(tag.type()))
                .setValueType(name(tag.valueType()))
                .addAllEnumValues(tag.enumValues())
                .setKind(name(tag.kind()))
                .setOtherwise(nullToEmpty(tag.otherwise()))
                .setOwner(nullToEmpty(tag.owner()))
                .setDescription(nullToEmpty(tag.description()))
                .setStatus(name(tag.status()))
                .setRefresh(name(tag.refresh()))
                .setVersion(tag.version());
        if (tag.rule() != null) {
            RuleSpec rule = tag.rule();
            proto.setRule(dev.cdp.proto.v1.RuleSpec.newBuilder()
                    .setFunction(name(rule.function()))
                    .setEvent(nullToEmpty(rule.event()))
                    .setWhere(nullToEmpty(rule.where()))
                    .setProperty(nullToEmpty(rule.property()))
                    .setGroupBy(nullToEmpty(rule.groupBy()))
                    .setWindowDays(rule.windowDays())
                    .setTopN(rule.topN()));
        }
        tag.cases()
                .forEach(c -> proto.addCases(
                        DerivedCase.newBuilder().setWhen(c.when()).setValue(c.value())));
        return proto.build();
    }

    public static TagDefinition fromProto(dev.cdp.proto.v1.TagDefinition proto) {
        RuleSpec rule = null;
        if (proto.hasRule()) {
            dev.cdp.proto.v1.RuleSpec spec = proto.getRule();
            rule = new RuleSpec(
                    parse(RuleSpec.Function.class, spec.getFunction(), "rule.function"),
                    emptyToNull(spec.getEvent()),
                    emptyToNull(spec.getWhere()),
                    emptyToNull(spec.getProperty()),
                    emptyToNull(spec.getGroupBy()),
                    spec.getWindowDays(),
                    spec.getTopN());
        }
        return new TagDefinition(
                proto.getCode(),
                proto.getName(),
                proto.getCategory(),
                emptyToNull(proto.getSubcategory()),
                parse(TagDefinition.TagType.class, proto.getType(), "type"),
                parse(TagDefinition.ValueType.class, proto.getValueType(), "value_type"),
                proto.getEnumValuesList(),
                parse(TagDefinition.Kind.class, proto.getKind(), "kind"),
                rule,
                proto.getCasesList().stream()
                        .map(c -> new TagDefinition.DerivedCase(c.getWhen(), c.getValue()))
                        .toList(),
                emptyToNull(proto.getOtherwise()),
                emptyToNull(proto.getOwner()),
                emptyToNull(proto.getDescription()),
                parse(TagDefinition.Status.class, proto.getStatus(), "status"),
                parse(TagDefinition.Refresh.class, proto.getRefresh(), "refresh"),
                0);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String field) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidTagException(
                    field, "\"" + name + "\" is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? "" : value.name();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
