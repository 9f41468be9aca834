package dev.cdp.segment.export;

import dev.cdp.platform.error.InvalidInputException;
import java.util.Locale;

/** What an export's rows are written as. */
public enum ExportFormat {
    CSV("text/csv"),
    NDJSON("application/x-ndjson");

    private final String mediaType;

    ExportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public static ExportFormat parse(String name) {
        String given = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (ExportFormat format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(given)) {
                return format;
            }
        }
        throw new InvalidInputException("format", "\"" + name + "\" is not a format; use csv or ndjson");
    }
}
