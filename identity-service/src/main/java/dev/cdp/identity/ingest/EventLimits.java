package dev.cdp.identity.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one accepted event may hold: no more than every consumer downstream can take, so an event
 * answered 200 is never dead-lettered later for a reason the edge could have seen. Segment's
 * documented limits are the defaults (32 KB an event, 500 KB a batch).
 *
 * @param maxEventBytes an event's size, as a request body and as the record it becomes
 * @param maxBatchBytes a batch call's body (an HTTP request, a record of cdp.events.raw)
 * @param maxDepth how deeply properties, traits and context may nest: protobuf readers stop at 100
 *     message levels and each JSON level costs three (Struct, map entry, Value)
 * @param maxFuture how far ahead of the server's clock a timestamp may be (clock skew, time zones
 *     sent as UTC); beyond it an event would count in time windows it has not reached
 */
public record EventLimits(int maxEventBytes, int maxBatchBytes, int maxDepth, Duration maxFuture) {

    public static final EventLimits SEGMENT = new EventLimits(32 * 1024, 500 * 1024, 16, Duration.ofDays(1));

    /** The earliest timestamp taken: before it a date is a default or a typo, not when something happened. */
    static final Instant EARLIEST = Instant.EPOCH;

    /**
     * Segment's e-commerce amounts, which tag rules add up: a number or a numeric string, finite and
     * at most this far from zero (a sum of them is kept to six decimals in a long).
     */
    static final Set<String> AMOUNTS =
            Set.of("revenue", "total", "subtotal", "value", "price", "quantity", "tax", "shipping", "discount");

    static final double MAX_AMOUNT = 1e12;

    /**
     * Rejects a call nested deeper than {@link #maxDepth} or holding a NUL character, which
     * PostgreSQL refuses in text, naming the first offending field.
     */
    void checkTree(JsonNode node, String path, int depth) {
        if (node.isTextual()) {
            if (node.textValue().indexOf('\0') >= 0) {
                throw new InvalidEventException(path, "contains a NUL character (\\u0000), which text may not hold");
            }
            return;
        }
        if (!node.isContainerNode()) {
            return;
        }
        if (depth > maxDepth) {
            throw new InvalidEventException(path, "is nested " + depth + " levels deep; the limit is " + maxDepth);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkTree(node.get(i), path + "[" + i + "]", depth + 1);
            }
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (field.getKey().indexOf('\0') >= 0) {
                throw new InvalidEventException(
                        path.isEmpty() ? "event" : path, "has a field name with a NUL character (\\u0000)");
            }
            checkTree(field.getValue(), child, depth + 1);
        }
    }

    /** Rejects an amount property that tag rules could not add up: not a number, not finite, or absurdly large. */
    static void checkAmounts(JsonNode properties) {
        for (String name : AMOUNTS) {
            JsonNode value = properties.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            String field = "properties." + name;
            double amount;
            if (value.isNumber()) {
                amount = value.doubleValue();
            } else if (value.isTextual()) {
                try {
                    amount = Double.parseDouble(value.textValue().strip());
                } catch (NumberFormatException e) {
                    throw new InvalidEventException(field, "\"" + abbreviate(value.textValue()) + "\" is not a number");
                }
            } else {
                throw new InvalidEventException(
                        field,
                        "must be a number, got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            if (!Double.isFinite(amount)) {
                throw new InvalidEventException(field, value + " is not a finite number");
            }
            if (Math.abs(amount) > MAX_AMOUNT) {
                throw new InvalidEventException(field, value + " is beyond ±" + (long) MAX_AMOUNT);
            }
        }
    }

    /** Rejects a timestamp before 1970 or further ahead of {@code receivedAt} than {@link #maxFuture}. */
    void checkTimestamp(Instant timestamp, Instant receivedAt, String text) {
        if (timestamp.isBefore(EARLIEST)) {
            throw new InvalidEventException("timestamp", "\"" + text + "\" is before 1970");
        }
        if (timestamp.isAfter(receivedAt.plus(maxFuture))) {
            throw new InvalidEventException(
                    "timestamp",
                    "\"" + text + "\" is more than " + maxFuture.toHours() + " hours ahead of the server's clock ("
                            + receivedAt + "); send when the event happened, in UTC or with its offset");
        }
    }

    /** Rejects an event (a single call's body, or the record it becomes) larger than {@link #maxEventBytes}. */
    public void checkSize(int bytes, String what) {
        if (bytes > maxEventBytes) {
            throw new EventTooLargeException(
                    what, "is " + kilobytes(bytes) + "; an event may be at most " + kilobytes(maxEventBytes));
        }
    }

    /** Rejects a batch (a request body, a raw-topic record) larger than {@link #maxBatchBytes}. */
    public void checkBatchSize(int bytes, String what) {
        if (bytes > maxBatchBytes) {
            throw new EventTooLargeException(
                    what,
                    "is " + kilobytes(bytes) + "; a batch may be at most " + kilobytes(maxBatchBytes)
                            + ": send it in smaller batches");
        }
    }

    /** A size as people read it: 512 bytes, 32 KB, 5.0 MB. */
    private static String kilobytes(long bytes) {
        return bytes < 1024
                ? bytes + " bytes"
                : bytes < 1024 * 1024
                        ? (bytes + 1023) / 1024 + " KB"
                        : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
