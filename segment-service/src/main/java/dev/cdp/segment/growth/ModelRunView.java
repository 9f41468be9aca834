package dev.cdp.segment.growth;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A model run as readers see it; {@code metrics} null until it is done, {@code error} set when it failed. */
public record ModelRunView(
        String id,
        String model,
        ModelRun.Status status,
        Instant startedAt,
        Instant finishedAt,
        JsonNode parameters,
        JsonNode metrics,
        String error,
        long written) {}
