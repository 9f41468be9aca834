package dev.cdp.segment.definition;

import dev.cdp.rules.Rule;
import dev.cdp.rules.RuleSyntaxException;
import dev.cdp.segment.SegmentConfig;
import dev.cdp.segment.definition.repository.SegmentRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        snapshot = new Snapshot(ordered(byId.values()), snapshot.loadedAt(), snapshot.loaded());
    }

    /**
     * The ids of the segments {@code rule} names with {@code IN SEGMENT}, by name or id, from the
     * segments {@link #current()} gave.
     *
     * @throws InvalidSegmentException for a name or id that is no segment
     */
    public static Map<String, String> references(Rule rule, List<CompiledSegment> segments) {
        Map<String, String> ids = new HashMap<>();
        for (String reference : rule.segments()) {
            String id = segments.stream()
                    .filter(segment ->
                            segment.id().equals(reference) || segment.name().equals(reference))
                    .map(CompiledSegment::id)
                    .findFirst()
                    .orElseThrow(() -> new InvalidSegmentException(
                            "rule", "IN SEGMENT '" + reference + "' names no segment; GET /v1/segments lists them"));
            ids.put(reference, id);
        }
        return Map.copyOf(ids);
    }

    /** Whether the segments {@code ids} read {@code target}, directly or through the segments they read. */
    public static boolean reads(Collection<String> ids, String target, List<CompiledSegment> segments) {
        Map<String, CompiledSegment> byId = byId(segments);
        Set<String> seen = new HashSet<>();
        java.util.Deque<String> next = new java.util.ArrayDeque<>(ids);
        while (!next.isEmpty()) {
            String id = next.pop();
            if (id.equals(target)) {
                return true;
            }
            CompiledSegment segment = byId.get(id);
            if (seen.add(id) && segment != null) {
                next.addAll(segment.references().values());
            }
        }
        return false;
    }

    /** Stops evaluating an archived or paused segment on this instance from the next tag change on. */
    public synchronized void remove(String id) {
        Map<String, CompiledSegment> byId = byId(snapshot.segments());
        byId.remove(id);
        snapshot = new Snapshot(ordered(byId.values()), snapshot.loadedAt(), snapshot.loaded());
    }

    /**
     * Adds what was loaded to what is known. A union rather than a replacement, so a segment added
     * while the query ran is not dropped; a segment archived, paused or edited through another
     * instance is dropped or compiled again.
     */
    private synchronized List<CompiledSegment> merge(List<Segment> loaded, long loadStartedAt) {
        Map<String, CompiledSegment> byId = byId(snapshot.segments());
        Map<String, String> idByReference = new HashMap<>();
        for (Segment segment : loaded) {
            idByReference.put(segment.id, segment.id);
            idByReference.put(segment.name, segment.id);
        }
        for (Segment segment : loaded) {
            if (!segment.isActive()) {
                byId.remove(segment.id);
                continue;
            }
            CompiledSegment known = byId.get(segment.id);
            // Unknown here, or edited through another instance since it was compiled.
            if (known == null || !known.rule().text().equals(segment.rule)) {
                try {
                    Rule rule = Rule.compile(segment.rule);
                    Map<String, String> references = new HashMap<>();
                    rule.segments().forEach(reference -> {
                        if (idByReference.containsKey(reference)) {
                            references.put(reference, idByReference.get(reference));
                        }
                    });
                    byId.put(segment.id, new CompiledSegment(segment.id, segment.name, rule, Map.copyOf(references)));
                } catch (RuleSyntaxException e) {
                    LOG.errorf(
                            "segment %s (%s) has a stored rule that no longer compiles and is not evaluated: %s",
                            segment.id, segment.name, e.getMessage());
                }
            }
        }
        snapshot = new Snapshot(ordered(byId.values()), loadStartedAt, true);
        return snapshot.segments();
    }

    /**
     * The segments with each after those it names with {@code IN SEGMENT}, so one evaluation pass
     * sees a profile's memberships of the segments a rule reads already decided. Definitions admit
     * no cycle; one found anyway (edited elsewhere) leaves the rest in creation order.
     */
    public static List<CompiledSegment> ordered(Collection<CompiledSegment> segments) {
        Map<String, CompiledSegment> byId = byId(List.copyOf(segments));
        List<CompiledSegment> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        Set<String> visiting = new HashSet<>();
        for (CompiledSegment segment : segments) {
            place(segment, byId, placed, visiting, ordered);
        }
        return List.copyOf(ordered);
    }

    private static void place(
            CompiledSegment segment,
            Map<String, CompiledSegment> byId,
            Set<String> placed,
            Set<String> visiting,
            List<CompiledSegment> ordered) {
        if (placed.contains(segment.id()) || !visiting.add(segment.id())) {
            return;
        }
        for (String dependency : segment.references().values()) {
            CompiledSegment read = byId.get(dependency);
            if (read != null) {
                place(read, byId, placed, visiting, ordered);
            }
        }
        placed.add(segment.id());
        ordered.add(segment);
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
