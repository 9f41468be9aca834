package dev.cdp.rules;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * What a rule reads besides the values: the time relative conditions count back from
 * ({@code WITHIN 30 DAYS}) and whether the profile is in a segment ({@code IN SEGMENT 'vip'}).
 */
public record Context(Instant now, Predicate<String> inSegment) {

    /** At {@code now}, in no segment: for rules that name none (tag rules, event filters). */
    public static Context at(Instant now) {
        return new Context(now, segment -> false);
    }
}
