package dev.cdp.activation.delivery;

import java.util.Map;

/**
 * A profile entered a segment.
 *
 * @param messageId unique per transition; a replay carries the same one
 * @param tags the tag values the decision was made on: Double, String, Boolean or an ISO-8601 String
 */
public record SegmentEntry(
        String messageId, String oneId, int ordinal, String segmentId, String segmentName, Map<String, Object> tags) {}
