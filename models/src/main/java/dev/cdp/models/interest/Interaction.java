package dev.cdp.models.interest;

import java.time.Instant;

/**
 * One sign of interest: a customer viewed, favourited, added to cart or bought something of an
 * interest (a category, a brand, a piece of content), weighted by how much that kind of act says.
 */
public record Interaction(String customerId, String interest, Instant at, double weight) {}
