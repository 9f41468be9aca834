package dev.cdp.segment.export.repository;

import dev.cdp.segment.export.Change;
import dev.cdp.segment.export.ExportRow;
import dev.cdp.segment.export.SnapshotView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Snapshots of segment members ({@code segment_snapshot}, {@code segment_snapshot_member}) in
 * set-wise statements: a snapshot of a million members is one insert from {@code membership}, not a
 * million rows through the application, and the changes between two versions one anti-join.
 */
@ApplicationScoped
public class SnapshotRepository {

    private final Pool pool;

    public SnapshotRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Copies the segment's current members into its next version, in one transaction: a lock per
     * segment makes two snapshots taken at once versions one after the other.
     */
    public Uni<SnapshotView> take(String segmentId, int segmentVersion) {
        Instant takenAt = Instant.now();
        return pool.withTransaction(connection -> connection
                .preparedQuery("select pg_advisory_xact_lock(hashtext('segment_snapshot:' || $1))")
                .execute(Tuple.of(segmentId))
                .chain(() -> connection
                        .preparedQuery(
                                "select coalesce(max(version), 0) + 1 as next from segment_snapshot where segment_id = $1")
                        .execute(Tuple.of(segmentId)))
                .map(rows -> rows.iterator().next().getInteger("next"))
                .chain(version -> connection
                        .preparedQuery("""
                                insert into segment_snapshot_member (segment_id, version, one_id, ordinal, entered_at)
                                select segment_id, $2, one_id, ordinal, entered_at from membership where segment_id = $1""")
                        .execute(Tuple.of(segmentId, version))
                        .map(RowSet::rowCount)
                        .chain(size -> connection
                                .preparedQuery("""
                                        insert into segment_snapshot (segment_id, version, taken_at, size, segment_version)
                                        values ($1, $2, $3, $4, $5)""")
                                .execute(Tuple.of(
                                        segmentId,
                                        version,
                                        takenAt.atOffset(ZoneOffset.UTC),
                                        (long) size,
                                        segmentVersion))
                                .map(ignored -> new SnapshotView(segmentId, version, size, takenAt, segmentVersion)))));
    }

    /** The segment's snapshots, oldest first. */
    public Uni<List<SnapshotView>> list(String segmentId) {
        return pool.preparedQuery("""
                        select version, size, taken_at, segment_version from segment_snapshot
                        where segment_id = $1 order by version""").execute(Tuple.of(segmentId)).map(rows -> {
            List<SnapshotView> snapshots = new ArrayList<>();
            for (Row row : rows) {
                snapshots.add(new SnapshotView(
                        segmentId,
                        row.getInteger("version"),
                        row.getLong("size"),
                        row.getOffsetDateTime("taken_at").toInstant(),
                        row.getInteger("segment_version")));
            }
            return snapshots;
        });
    }

    /** Up to {@code limit} members of one version in OneID order, after {@code afterOneId} (empty for the start). */
    public Uni<List<ExportRow>> members(String segmentId, int version, String afterOneId, int limit) {
        return pool.preparedQuery("""
                        select one_id, ordinal, entered_at, null as change from segment_snapshot_member
                        where segment_id = $1 and version = $2 and one_id > $3 order by one_id limit $4""")
                .execute(Tuple.of(segmentId, version, afterOneId, limit))
                .map(SnapshotRepository::rows);
    }

    /**
     * Up to {@code limit} members added to or removed from the segment between {@code since} and
     * {@code version} in OneID order, after {@code afterOneId}: a OneID is one or the other, never
     * both, so the order is that of one list.
     */
    public Uni<List<ExportRow>> changes(String segmentId, int version, int since, String afterOneId, int limit) {
        return pool.preparedQuery("""
                        select one_id, ordinal, entered_at, 'ADDED' as change from segment_snapshot_member s
                        where s.segment_id = $1 and s.version = $2 and s.one_id > $4 and not exists (
                          select 1 from segment_snapshot_member o
                          where o.segment_id = $1 and o.version = $3 and o.one_id = s.one_id)
                        union all
                        select one_id, ordinal, entered_at, 'REMOVED' as change from segment_snapshot_member s
                        where s.segment_id = $1 and s.version = $3 and s.one_id > $4 and not exists (
                          select 1 from segment_snapshot_member o
                          where o.segment_id = $1 and o.version = $2 and o.one_id = s.one_id)
                        order by one_id limit $5""")
                .execute(Tuple.of(segmentId, version, since, afterOneId, limit))
                .map(SnapshotRepository::rows);
    }

    private static List<ExportRow> rows(RowSet<Row> rows) {
        List<ExportRow> found = new ArrayList<>();
        for (Row row : rows) {
            String change = row.getString("change");
            found.add(new ExportRow(
                    row.getString("one_id"),
                    row.getInteger("ordinal"),
                    row.getOffsetDateTime("entered_at").toInstant(),
                    Map.of(),
                    change == null ? null : Change.valueOf(change)));
        }
        return found;
    }
}
