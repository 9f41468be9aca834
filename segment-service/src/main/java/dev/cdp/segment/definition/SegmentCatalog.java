package dev.cdp.segment.definition;

import dev.cdp.rules.Rule;
import dev.cdp.rules.RuleSyntaxException;
import dev.cdp.segment.SegmentConfig;
import dev.cdp.segment.definition.repository.SegmentRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The compiled rules of all segments, kept in memory so a tag change costs no query for them.
 * A segment created here is added at once; segments created through other instances are picked up
 * by the reload that the first evaluation after {@code cdp.segment.reload-interval} runs. Loading
 * lazily on first use means no record is evaluated against a list that was never loaded.
 */
@ApplicationScoped
public class SegmentCatalog {

    private static final Logger LOG = Logger.getLogger(SegmentCatalog.class);

    private final SegmentRepository segments;
    private final long reloadIntervalNanos;
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    public SegmentCatalog(SegmentRepository segments, SegmentConfig config) {
        this.segments = segments;
        this.reloadIntervalNanos = config.reloadInterval().toNanos();
    }

    /** The compiled segments, reloaded from the database first when the list is older than the reload interval. */
    public Uni<List<CompiledSegment>> current() {
        Snapshot current = snapshot;
        long now = System.nanoTime();
        if (current.loaded() && now - current.loadedAt() < reloadIntervalNanos) {
            return Uni.createFrom().item(current.segments());
        }
        return Panache.withSession(segments::listAll).map(loaded -> merge(loaded, now));
    }

    /** Makes a segment created on this instance take effect for the very next tag change. */
    public synchronized void add(CompiledSegment segment) {
        Map<String, CompiledSegment> byId = byId(snapshot.segments());
        byId.put(segment.id(), segment);
        snapshot = new Snapshot(List.copyOf(byId.values()), snapshot.loadedAt(), snapshot.loaded());
    }

    /**
     * Adds what was loaded to what is known. A union rather than a replacement, so a segment added
     * while the query ran is not dropped; segments are never deleted, so nothing needs removing.
     */
    private synchronized List<CompiledSegment> merge(List<Segment> loaded, long loadStartedAt) {
        Map<String, CompiledSegment> byId = byId(snapshot.segments());
        for (Segment segment : loaded) {
            if (!byId.containsKey(segment.id)) {
                try {
                    byId.put(segment.id, new CompiledSegment(segment.id, segment.name, Rule.compile(segment.rule)));
                } catch (RuleSyntaxException e) {
                    LOG.errorf(
                            "segment %s (%s) has a stored rule that no longer compiles and is not evaluated: %s",
                            segment.id, segment.name, e.getMessage());
                }
            }
        }
        snapshot = new Snapshot(List.copyOf(byId.values()), loadStartedAt, true);
        return snapshot.segments();
    }

    private static Map<String, CompiledSegment> byId(List<CompiledSegment> segments) {
        Map<String, CompiledSegment> byId = new LinkedHashMap<>();
        segments.forEach(segment -> byId.put(segment.id(), segment));
        return byId;
    }

    private record Snapshot(List<CompiledSegment> segments, long loadedAt, boolean loaded) {
        static final Snapshot EMPTY = new Snapshot(List.of(), 0, false);
    }
}
