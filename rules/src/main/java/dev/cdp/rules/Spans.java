package dev.cdp.rules;

import java.time.Duration;

/** The spans relative conditions count back: whole days, or whole hours when they are not whole days. */
final class Spans {

    /** Ten years: a longer span is a slip (a date typed as a number of days), not a relative condition. */
    static final Duration MAX = Duration.ofDays(3660);

    private Spans() {}

    static String text(Duration span) {
        long hours = span.toHours();
        if (hours % 24 == 0) {
            long days = hours / 24;
            return days + (days == 1 ? " DAY" : " DAYS");
        }
        return hours + (hours == 1 ? " HOUR" : " HOURS");
    }
}
