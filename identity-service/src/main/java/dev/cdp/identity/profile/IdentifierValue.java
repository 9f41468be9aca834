package dev.cdp.identity.profile;

/** A normalised identifier: {@code type} is one of {@link IdentifierType}'s wire names. */
public record IdentifierValue(String type, String value) {

    public static IdentifierValue of(IdentifierType type, String raw) {
        return new IdentifierValue(type.wireName(), type.normalise(raw));
    }

    public String key() {
        return ProfileIdentifier.key(type, value);
    }
}
