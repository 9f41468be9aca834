package dev.cdp.identity.identifiertype;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cdp.platform.security.PiiVault;

/**
 * A normalised identifier: {@code type} is the name of a configured identifier type, {@code value}
 * its canonical form (see {@code IdentifierTypes#value}). Written as {@code {"type", "value"}}.
 * Its key (the type and a keyed hash, see {@link PiiVault#identifierKey}, as profiles store it) is made once: resolution
 * looks identifiers up by it many times per event.
 */
public final class IdentifierValue {

    private final String type;
    private final String value;
    private final String key;

    @JsonCreator
    public IdentifierValue(@JsonProperty("type") String type, @JsonProperty("value") String value) {
        this.type = type;
        this.value = value;
        this.key = PiiVault.identifierKey(type, value);
    }

    @JsonProperty
    public String type() {
        return type;
    }

    @JsonProperty
    public String value() {
        return value;
    }

    @JsonIgnore
    public String key() {
        return key;
    }

    /** "type:value", as readers are shown it. */
    @JsonIgnore
    public String qualified() {
        return type + ":" + value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdentifierValue that && key.equals(that.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }
}
