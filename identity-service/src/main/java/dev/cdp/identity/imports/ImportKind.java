package dev.cdp.identity.imports;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the rows of an import are: each kind names its people by a key identifier every row must
 * carry, and its rows' events come from its channel.
 */
public enum ImportKind {
    CRM_MEMBER("crm", "crm_id"),
    POS_CUSTOMER("pos", "pos_customer_id");

    private final String channel;
    private final String keyType;

    ImportKind(String channel, String keyType) {
        this.channel = channel;
        this.keyType = keyType;
    }

    /** @throws InvalidImportException naming the kinds when {@code name} is not one */
    public static ImportKind of(String name) {
        for (ImportKind kind : values()) {
            if (kind.code().equals(name)) {
                return kind;
            }
        }
        throw new InvalidImportException(
                "kind",
                (name == null || name.isBlank() ? "is required" : "\"" + name + "\" is not known") + "; one of "
                        + Arrays.stream(values()).map(ImportKind::code).collect(Collectors.joining(", ")));
    }

    /** As the API names it: crm_member, pos_customer. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String channel() {
        return channel;
    }

    /** The identifier type that names the person of each row. */
    public String keyType() {
        return keyType;
    }
}
