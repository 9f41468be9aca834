package dev.cdp.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The raw events a test sent one person, to recompute what a DID condition decides, directly and
 * independently of the platform: windows are UTC days as tag-service counts them (IN 7 DAYS is
 * today and the 6 days before), a sequence reads the latest first event.
 */
final class SentEvents {

    record Sent(String event, Instant at, Map<String, Object> properties) {}

    private final List<Sent> events = new ArrayList<>();

    void add(String event, Instant at, Map<String, Object> properties) {
        events.add(new Sent(event, at, properties));
    }

    /** How many {@code event}s matching {@code where} fall in the last {@code days} UTC days before {@code now}. */
    long count(String event, Predicate<Sent> where, int days, Instant now) {
        return inWindow(event, days, now).stream().filter(where).count();
    }

    /** The sum of the number property over the {@code event}s in the window. */
    double sum(String event, String property, int days, Instant now) {
        return inWindow(event, days, now).stream()
                .mapToDouble(sent -> ((Number) sent.properties().get(property)).doubleValue())
                .sum();
    }

    /** The latest {@code first} is at least {@code within} before {@code now}, and no {@code then} came at or after it. */
    boolean thenNot(String first, String then, Duration within, Instant now) {
        Instant started = events.stream()
                .filter(sent -> sent.event().equals(first))
                .map(Sent::at)
                .max(Instant::compareTo)
                .orElse(null);
        return started != null
                && !started.isAfter(now.minus(within))
                && events.stream()
                        .noneMatch(
                                sent -> sent.event().equals(then) && !sent.at().isBefore(started));
    }

    private List<Sent> inWindow(String event, int days, Instant now) {
        long today = day(now);
        return events.stream()
                .filter(sent -> sent.event().equals(event) && day(sent.at()) > today - days)
                .toList();
    }

    private static long day(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), TimeUnit.DAYS.toMillis(1));
    }
}
