package dev.cdp.tag.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * One tag of the catalogue, as governed: where it sits in the tree, what its values are, how
 * they are computed and who owns it. Every change makes a new {@code version}.
 *
 * @param code the stable name values are stored and read under, e.g. {@code order_count_30d}
 * @param name the display name, e.g. 近30日下单次数
 * @param rule how a {@link Kind#RULE} tag is computed from events; null for the other kinds
 * @param cases how a {@link Kind#DERIVED} tag is computed from other tags; empty for the others
 * @param otherwise a derived tag's value when no case holds; null leaves it unset
 */
public record TagDefinition(
        String code,
        String name,
        String category,
        String subcategory,
        TagType type,
        ValueType valueType,
        List<String> enumValues,
        Kind kind,
        RuleSpec rule,
        List<DerivedCase> cases,
        String otherwise,
        String owner,
        String description,
        Status status,
        Refresh refresh,
        int version) {

    /** The business family of a tag, as marketers browse them. */
    public enum TagType {
        BASIC,
        BEHAVIOUR,
        TRANSACTION,
        LIFECYCLE,
        PREFERENCE,
        PREDICTION
    }

    public enum ValueType {
        BOOL,
        NUMBER,
        STRING,
        ENUM,
        TIMESTAMP,
        WEIGHTED_MAP
    }

    /**
     * CUSTOM: set through the API or an upload; RULE: computed from events in real time;
     * DERIVED: computed from other tags; MODEL: written by a model (RFM, LTV, churn risk).
     */
    public enum Kind {
        CUSTOM,
        RULE,
        DERIVED,
        MODEL
    }

    /** Only active tags are computed and served; retired ones keep their history. */
    public enum Status {
        DRAFT,
        ACTIVE,
        RETIRED
    }

    public enum Refresh {
        REALTIME,
        SCHEDULED
    }

    /** {@code WHEN condition THEN value}: the first case whose condition holds gives the value. */
    public record DerivedCase(String when, String value) {}

    public TagDefinition {
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
        cases = cases == null ? List.of() : List.copyOf(cases);
    }

    /** The owner of tags a service defines for its own conditions: {@code managed:segment-service}. */
    public static final String MANAGED_OWNER = "managed:";

    /** A tag a service keeps for its conditions (a segment's behaviour), not one defined by hand. */
    @JsonIgnore
    public boolean isManaged() {
        return owner != null && owner.startsWith(MANAGED_OWNER);
    }

    @JsonIgnore
    public boolean isActive() {
        return status == Status.ACTIVE;
    }

    public TagDefinition withStatus(Status newStatus, int newVersion) {
        return new TagDefinition(
                code,
                name,
                category,
                subcategory,
                type,
                valueType,
                enumValues,
                kind,
                rule,
                cases,
                otherwise,
                owner,
                description,
                newStatus,
                refresh,
                newVersion);
    }

    public TagDefinition withVersion(int newVersion) {
        return withStatus(status, newVersion);
    }
}
