package dev.cdp.segment.tagcatalogue;

/** The catalogue says {@code code} is retired: tag-service no longer computes it. */
public record TagRetired(String code) {}
