package dev.cdp.tag.compute;

import java.util.List;
import java.util.Map;

/** What one event changed in a profile's tags, with the full current set (public tags only). */
public record TagChanges(String oneId, int ordinal, String causeMessageId, List<Change> changes,
        Map<String, String> current) {

    /** One tag's value before (null when it had none) and after. */
    public record Change(String tag, String before, String after) {
    }
}
