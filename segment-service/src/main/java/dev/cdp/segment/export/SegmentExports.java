package dev.cdp.segment.export;

import dev.cdp.platform.error.InvalidInputException;
import dev.cdp.segment.definition.Backfill;
import dev.cdp.segment.definition.SegmentDefinitionService;
import dev.cdp.segment.definition.SegmentView;
import dev.cdp.segment.definition.UnknownSegmentException;
import dev.cdp.segment.export.repository.SnapshotRepository;
import dev.cdp.segment.membership.MembershipService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A segment's members for campaign tools: current or as a snapshot kept them, or what changed
 * between two snapshots, each with the identifiers asked for. Members are read in OneID order a
 * batch at a time and each batch's identifiers fetched from identity-service in one call, so an
 * export of any size streams in bounded memory. While a segment is being rebuilt its current
 * members are incomplete: an export of them answers with the last snapshot instead, and says so.
 *
 * <p>Every method fails with {@link UnknownSegmentException} for an unknown segment and with
 * {@link InvalidInputException} naming the parameter for a version, cursor or type that does not exist.
 */
@ApplicationScoped
public class SegmentExports {

    /** An export's source and its rows, read as they are consumed. */
    public record Export(ExportSource source, Multi<ExportRow> rows) {}

    /** One page of an export; {@code nextCursor} null on the last. */
    public record Page(ExportSource source, List<ExportRow> rows, String nextCursor) {}

    /** Reads up to {@code limit} members after a OneID, without identifiers. */
    private interface Reader {
        Uni<List<ExportRow>> read(String afterOneId, int limit);
    }

    private record Plan(ExportSource source, Reader reader) {}

    private final SegmentDefinitionService segments;
    private final MembershipService memberships;
    private final SnapshotRepository snapshots;
    private final IdentityDirectory identity;
    private final int batch;

    public SegmentExports(
            SegmentDefinitionService segments,
            MembershipService memberships,
            SnapshotRepository snapshots,
            IdentityDirectory identity,
            ExportConfig config) {
        this.segments = segments;
        this.memberships = memberships;
        this.snapshots = snapshots;
        this.identity = identity;
        this.batch = config.batch();
    }

    /**
     * Keeps the segment's current members as its next snapshot version.
     *
     * @throws SegmentRebuildingException (as the Uni's failure) while its backfill runs
     */
    public Uni<SnapshotView> takeSnapshot(String segmentId) {
        return segments.get(segmentId).chain(segment -> {
            if (rebuilding(segment)) {
                return Uni.createFrom()
                        .failure(new SegmentRebuildingException(
                                segmentId,
                                segment.backfill().done(),
                                segment.backfill().total()));
            }
            return snapshots.take(segmentId, segment.version());
        });
    }

    /** The segment's snapshots, oldest first. */
    public Uni<List<SnapshotView>> snapshots(String segmentId) {
        return segments.require(segmentId).chain(() -> snapshots.list(segmentId));
    }

    /**
     * Every member the query names.
     *
     * @param clear whether the caller may see identifier values in clear; if not, values not hashed are masked
     */
    public Uni<Export> stream(String segmentId, ExportQuery query, boolean clear) {
        return plan(segmentId, query, null)
                .map(plan -> new Export(
                        plan.source(),
                        Multi.createBy()
                                .repeating()
                                .uni(
                                        () -> new AtomicReference<>(""),
                                        after -> plan.reader()
                                                .read(after.get(), batch)
                                                .invoke(rows -> {
                                                    if (!rows.isEmpty()) {
                                                        after.set(rows.get(rows.size() - 1)
                                                                .oneId());
                                                    }
                                                })
                                                .chain(rows -> identify(rows, query, clear)))
                                .whilst(rows -> rows.size() == batch)
                                .onItem()
                                .disjoint()));
    }

    /** Up to {@code limit} members the query names, after the cursor (blank for the first page). */
    public Uni<Page> page(String segmentId, ExportQuery query, boolean clear, String cursorText, int limit) {
        Cursor cursor = Cursor.decode(cursorText);
        return plan(segmentId, query, cursor)
                .chain(plan -> plan.reader()
                        .read(cursor == null ? "" : cursor.afterOneId(), limit)
                        .chain(rows -> identify(rows, query, clear))
                        .map(rows -> new Page(
                                plan.source(),
                                rows,
                                rows.size() < limit
                                        ? null
                                        : new Cursor(
                                                        plan.source().snapshotVersion(),
                                                        rows.get(rows.size() - 1)
                                                                .oneId())
                                                .encode())));
    }

    /** Which members the query reads, checked before the first row goes out. */
    private Uni<Plan> plan(String segmentId, ExportQuery query, Cursor cursor) {
        return segments.get(segmentId)
                .chain(segment -> snapshots.list(segmentId).map(kept -> plan(segment, kept, query, cursor)))
                .call(() -> query.identifierTypes().isEmpty()
                        ? Uni.createFrom().voidItem()
                        : identity.check(query.identifierTypes()));
    }

    private Plan plan(SegmentView segment, List<SnapshotView> kept, ExportQuery query, Cursor cursor) {
        String id = segment.id();
        boolean rebuilding = rebuilding(segment);
        List<Integer> versions = kept.stream().map(SnapshotView::version).toList();
        if (query.version() > 0) {
            requireVersion(id, versions, "version", query.version());
            if (cursor != null && cursor.snapshotVersion() != query.version()) {
                throw notOurCursor();
            }
            ExportSource source = new ExportSource(query.version(), rebuilding);
            if (query.changes()) {
                requireVersion(id, versions, "since", query.sinceVersion());
                return new Plan(
                        source,
                        (after, limit) -> snapshots.changes(id, query.version(), query.sinceVersion(), after, limit));
            }
            return new Plan(source, (after, limit) -> snapshots.members(id, query.version(), after, limit));
        }
        int from;
        if (cursor != null) {
            from = cursor.snapshotVersion();
            if (from != 0 && !versions.contains(from)) {
                throw notOurCursor();
            }
        } else {
            from = rebuilding && !versions.isEmpty() ? versions.get(versions.size() - 1) : 0;
        }
        ExportSource source = new ExportSource(from, rebuilding);
        if (from > 0) {
            return new Plan(source, (after, limit) -> snapshots.members(id, from, after, limit));
        }
        return new Plan(
                source,
                (after, limit) -> memberships
                        .page(id, after, limit)
                        .map(page -> page.stream()
                                .map(member -> new ExportRow(
                                        member.oneId(), member.ordinal(), member.enteredAt(), Map.of(), null))
                                .toList()));
    }

    private Uni<List<ExportRow>> identify(List<ExportRow> rows, ExportQuery query, boolean clear) {
        if (rows.isEmpty() || query.identifierTypes().isEmpty()) {
            return Uni.createFrom().item(rows);
        }
        boolean masked = !clear && query.hash() == Hashing.NONE;
        return identity.identifiers(rows.stream().map(ExportRow::oneId).toList(), query.identifierTypes(), masked)
                .map(found -> rows.stream()
                        .map(row -> row.withIdentifiers(written(found.get(row.oneId()), query)))
                        .toList());
    }

    private static Map<String, List<String>> written(Map<String, List<String>> found, ExportQuery query) {
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (String type : query.identifierTypes()) {
            List<String> values = found == null ? List.of() : found.getOrDefault(type, List.of());
            byType.put(type, values.stream().map(query.hash()::apply).collect(Collectors.toList()));
        }
        return byType;
    }

    private static void requireVersion(String segmentId, List<Integer> versions, String field, int version) {
        if (!versions.contains(version)) {
            throw new InvalidInputException(
                    field,
                    "segment \"" + segmentId + "\" has no snapshot version " + version
                            + (versions.isEmpty()
                                    ? "; it has none yet (POST /v1/segments/" + segmentId + "/snapshots takes one)"
                                    : "; it has " + versions.get(0) + " to " + versions.get(versions.size() - 1)));
        }
    }

    private static InvalidInputException notOurCursor() {
        return new InvalidInputException(
                "cursor", "was issued for another export of this segment; start again without it");
    }

    private static boolean rebuilding(SegmentView segment) {
        return segment.backfill() != null && segment.backfill().state() == Backfill.State.RUNNING;
    }
}
