package dev.cdp.tag.window;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One profile's buckets of one rule tag, by UTC epoch day; a lifetime tag keeps a single bucket
 * under day 0. Late and out-of-order events land in their own day.
 */
public final class WindowState {

    static final long LIFETIME = 0;

    private final NavigableMap<Long, DayBucket> days = new TreeMap<>();

    @JsonAnyGetter
    public NavigableMap<Long, DayBucket> days() {
        return days;
    }

    @JsonAnySetter
    void put(String day, DayBucket bucket) {
        days.put(Long.parseLong(day), bucket);
    }

    DayBucket bucket(long day) {
        return days.computeIfAbsent(day, d -> new DayBucket());
    }

    boolean isEmpty() {
        return days.isEmpty();
    }

    /** Adds another profile's state of the same tag into this one. */
    public void add(WindowState other) {
        other.days.forEach((day, bucket) -> bucket(day).add(bucket));
    }
}
