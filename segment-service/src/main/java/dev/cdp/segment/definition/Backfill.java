package dev.cdp.segment.definition;

/**
 * Where deciding a segment over every existing profile stands: {@code done} of {@code total}
 * profiles (the total as counted when it started; profiles arriving meanwhile are decided by their
 * own tag changes).
 */
public record Backfill(State state, long done, long total) {

    public enum State {
        RUNNING,
        DONE,
        FAILED
    }
}
