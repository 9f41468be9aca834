package dev.cdp.tag.window;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The partial aggregate of one rule tag over one day (or over a lifetime): what every function
 * needs to combine buckets into a window's value. Only the fields the tag's function uses are set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class DayBucket {

    /** Beyond this many distinct values or map keys per bucket, new ones are not kept. */
    static final int MAX_ENTRIES = 1000;

    @JsonProperty("c")
    public Long count;

    @JsonProperty("s")
    public Double sum;

    @JsonProperty("mn")
    public Double min;

    @JsonProperty("mx")
    public Double max;

    @JsonProperty("fa")
    public Long firstAt;

    @JsonProperty("f")
    public String first;

    @JsonProperty("la")
    public Long lastAt;

    @JsonProperty("l")
    public String last;

    @JsonProperty("d")
    public Set<String> distinct;

    @JsonProperty("w")
    public Map<String, Double> weights;

    void addCount() {
        count = (count == null ? 0 : count) + 1;
    }

    void addSum(double value) {
        sum = (sum == null ? 0 : sum) + value;
    }

    void minMax(double value) {
        min = min == null ? value : Math.min(min, value);
        max = max == null ? value : Math.max(max, value);
    }

    /** Earliest wins the first, latest the last; on equal times the later arrival is the last. */
    void firstLast(long at, String value) {
        if (firstAt == null || at < firstAt) {
            firstAt = at;
            first = value;
        }
        if (lastAt == null || at >= lastAt) {
            lastAt = at;
            last = value;
        }
    }

    void addDistinct(String value) {
        if (distinct == null) {
            distinct = new LinkedHashSet<>();
        }
        if (distinct.size() < MAX_ENTRIES) {
            distinct.add(value);
        }
    }

    void addWeight(String key, double weight) {
        if (weights == null) {
            weights = new HashMap<>();
        }
        if (weights.containsKey(key) || weights.size() < MAX_ENTRIES) {
            weights.merge(key, weight, Double::sum);
        }
    }

    /** Adds another bucket of the same tag and day into this one, as when two profiles merge. */
    void add(DayBucket other) {
        if (other.count != null) {
            count = (count == null ? 0 : count) + other.count;
        }
        if (other.sum != null) {
            addSum(other.sum);
        }
        if (other.min != null) {
            minMax(other.min);
        }
        if (other.max != null) {
            minMax(other.max);
        }
        if (other.firstAt != null) {
            firstLast(other.firstAt, other.first);
        }
        if (other.lastAt != null) {
            firstLast(other.lastAt, other.last);
        }
        if (other.distinct != null) {
            other.distinct.forEach(this::addDistinct);
        }
        if (other.weights != null) {
            other.weights.forEach(this::addWeight);
        }
    }
}
