package dev.cdp.segment.engine;

/** Fired once the profile index holds every stored profile after a start: work deciding over everyone may begin. */
public record EngineLoaded() {}
