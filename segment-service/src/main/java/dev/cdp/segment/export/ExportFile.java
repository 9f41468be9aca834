package dev.cdp.segment.export;

import java.nio.file.Path;
import java.util.Locale;

/** A segment export written to a file: {@code <directory>/<name>.<csv|ndjson>}. */
public record ExportFile(String name, String segmentId, ExportFormat format, ExportQuery query, Path directory) {

    public Path target() {
        return directory.resolve(name + "." + format.name().toLowerCase(Locale.ROOT));
    }

    /** Beside the target, so moving it over the target stays on one file system and is atomic. */
    public Path partial() {
        return directory.resolve("." + name + "." + format.name().toLowerCase(Locale.ROOT) + ".partial");
    }
}
