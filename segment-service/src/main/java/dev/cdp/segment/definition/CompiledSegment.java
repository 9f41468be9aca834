package dev.cdp.segment.definition;

import dev.cdp.rules.Rule;

/** A segment with its rule compiled, ready to evaluate on every tag change. */
public record CompiledSegment(String id, String name, Rule rule) {}
