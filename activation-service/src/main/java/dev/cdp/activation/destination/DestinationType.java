package dev.cdp.activation.destination;

import dev.cdp.activation.InvalidRequestException;

/** How a destination receives messages. */
public enum DestinationType {
    /** An HTTP POST of one JSON document per delivery. */
    WEBHOOK;

    public static DestinationType parse(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException("type", "is required; the only destination type is WEBHOOK");
        }
        for (DestinationType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        throw new InvalidRequestException("type", "\"" + name + "\" is not a destination type; the only one is WEBHOOK");
    }
}
