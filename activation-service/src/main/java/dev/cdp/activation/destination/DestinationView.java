package dev.cdp.activation.destination;

import java.time.Instant;

/** A destination as callers see it. */
public record DestinationView(String id, String name, DestinationType type, String url, Instant createdAt) {

    static DestinationView of(Destination destination) {
        return new DestinationView(
                destination.id, destination.name, destination.type, destination.url, destination.createdAt);
    }
}
