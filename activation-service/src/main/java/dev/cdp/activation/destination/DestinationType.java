package dev.cdp.activation.destination;

import dev.cdp.platform.error.InvalidInputException;

/** How a destination receives messages. */
public enum DestinationType {
    /** An HTTP POST of one JSON document per delivery. */
    WEBHOOK;

    public static DestinationType parse(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("type", "is required; the only destination type is WEBHOOK");
        }
        for (DestinationType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw new InvalidInputException("type", "\"" + name + "\" is not a destination type; the only one is WEBHOOK");
    }
}
