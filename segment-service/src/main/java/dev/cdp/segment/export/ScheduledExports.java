package dev.cdp.segment.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.platform.db.Background;
import dev.cdp.platform.error.InvalidInputException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.OpenOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.file.AsyncFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Exports a campaign tool picks up from a directory (cdp.segment.export.schedules): each one runs
 * every interval and writes the whole export to a partial file beside the target, then moves it
 * over the target in one atomic rename, so a reader sees the previous file or the new one, never
 * half of one.
 */
@ApplicationScoped
public class ScheduledExports {

    private static final Logger LOG = Logger.getLogger(ScheduledExports.class);

    private final SegmentExports exports;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final ExportConfig config;

    public ScheduledExports(SegmentExports exports, ObjectMapper json, Vertx vertx, ExportConfig config) {
        this.exports = exports;
        this.json = json;
        this.vertx = vertx;
        this.config = config;
    }

    /** A schedule that cannot be read (a bad format, type or hash) stops the start, naming it. */
    void onStart(@Observes StartupEvent started) {
        config.schedules().forEach((name, schedule) -> {
            ExportFile file = file(name, schedule);
            vertx.setPeriodic(
                    schedule.every().toMillis(),
                    timer -> run(file)
                            .subscribe()
                            .with(
                                    written -> LOG.infof("export %s written: %d members", name, written),
                                    failure -> LOG.errorf(
                                            failure, "export %s of segment %s failed", name, file.segmentId())));
        });
    }

    private static ExportFile file(String name, ExportConfig.Schedule schedule) {
        try {
            return new ExportFile(
                    name,
                    schedule.segmentId(),
                    ExportFormat.parse(schedule.format()),
                    new ExportQuery(
                            ExportQuery.types(schedule.identifiers().orElse("")), Hashing.parse(schedule.hash()), 0, 0),
                    Path.of(schedule.directory()));
        } catch (InvalidInputException e) {
            throw new IllegalStateException("cdp.segment.export.schedules." + name + "." + e.getMessage(), e);
        }
    }

    /**
     * Writes the export's current members and replaces the target with it, on a Vert.x context of
     * its own (the database reads need one; no request waits for this).
     *
     * @return how many members it holds
     */
    public Uni<Long> run(ExportFile file) {
        return Uni.createFrom()
                .emitter(done -> Background.run(vertx.getDelegate(), () -> write(file), done::complete, done::fail));
    }

    private Uni<Long> write(ExportFile file) {
        ExportLines lines = new ExportLines(file.format(), file.query(), json);
        String partial = file.partial().toString();
        return vertx.fileSystem()
                .mkdirs(file.directory().toString())
                .chain(() -> vertx.fileSystem()
                        .open(
                                partial,
                                new OpenOptions().setWrite(true).setCreate(true).setTruncateExisting(true)))
                .chain(out -> exports.stream(file.segmentId(), file.query(), true)
                        .chain(export ->
                                writeAll(out, lines.header(), export.rows().map(lines::line)))
                        .call(() -> out.close())
                        .onFailure()
                        .call(() -> out.close().onFailure().recoverWithNull()))
                .call(() -> vertx.fileSystem()
                        .move(
                                partial,
                                file.target().toString(),
                                new CopyOptions().setAtomicMove(true).setReplaceExisting(true)));
    }

    private static Uni<Long> writeAll(AsyncFile out, List<String> header, Multi<String> rows) {
        return Multi.createFrom()
                .iterable(header)
                .onItem()
                .transformToUniAndConcatenate(line -> out.write(Buffer.buffer(line)))
                .collect()
                .last()
                // A write answers null, which a stream drops: each answers its line, so rows are counted.
                .chain(() -> rows.onItem()
                        .transformToUniAndConcatenate(
                                line -> out.write(Buffer.buffer(line)).replaceWith(line))
                        .collect()
                        .with(Collectors.counting()));
    }
}
