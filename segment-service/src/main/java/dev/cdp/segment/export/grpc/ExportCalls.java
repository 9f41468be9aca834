package dev.cdp.segment.export.grpc;

import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.security.Roles;
import dev.cdp.proto.v1.Identifier;
import dev.cdp.proto.v1.ListMembersRequest;
import dev.cdp.proto.v1.ListSnapshotsResponse;
import dev.cdp.proto.v1.Member;
import dev.cdp.proto.v1.SegmentSnapshot;
import dev.cdp.segment.export.ExportQuery;
import dev.cdp.segment.export.ExportRow;
import dev.cdp.segment.export.ExportSource;
import dev.cdp.segment.export.Hashing;
import dev.cdp.segment.export.SegmentExports;
import dev.cdp.segment.export.SnapshotView;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The export side of {@code cdp.v1.SegmentService} as its gRPC adapter calls it: ListMembers with
 * identifier types, a hash or snapshot versions, TakeSnapshot and ListSnapshots, mapped between
 * proto and {@link SegmentExports}.
 */
@ApplicationScoped
public class ExportCalls {

    private final SegmentExports exports;
    private final CurrentIdentityAssociation caller;

    public ExportCalls(SegmentExports exports, CurrentIdentityAssociation caller) {
        this.exports = exports;
        this.caller = caller;
    }

    /** Whether the request uses a field of exports; one that does not is answered as before them. */
    public static boolean isExport(ListMembersRequest request) {
        return request.getIdentifierTypesCount() > 0
                || !request.getHash().isEmpty()
                || request.getVersion() != 0
                || request.getSinceVersion() != 0;
    }

    /** A bad field fails the stream (INVALID_ARGUMENT naming it) before any member goes out. */
    public Multi<Member> listMembers(ListMembersRequest request) {
        return Uni.createFrom()
                .item(() -> new ExportQuery(
                        request.getIdentifierTypesList(),
                        Hashing.parse(request.getHash()),
                        request.getVersion(),
                        request.getSinceVersion()))
                .chain(query ->
                        Roles.seesPii(caller).chain(clear -> exports.stream(request.getSegmentId(), query, clear)))
                .onItem()
                .transformToMulti(export -> export.rows().map(row -> member(row, export.source())));
    }

    public Uni<SegmentSnapshot> takeSnapshot(String segmentId) {
        return exports.takeSnapshot(segmentId).map(ExportCalls::snapshot);
    }

    public Uni<ListSnapshotsResponse> listSnapshots(String segmentId) {
        return exports.snapshots(segmentId)
                .map(kept -> ListSnapshotsResponse.newBuilder()
                        .addAllSnapshots(
                                kept.stream().map(ExportCalls::snapshot).toList())
                        .build());
    }

    private static Member member(ExportRow row, ExportSource source) {
        Member.Builder member = Member.newBuilder()
                .setOneId(row.oneId())
                .setOrdinal(row.ordinal())
                .setEnteredAt(ProtoTime.timestamp(row.enteredAt()))
                .setSnapshotVersion(source.snapshotVersion())
                .setRebuilding(source.rebuilding());
        row.identifiers()
                .forEach((type, values) -> values.forEach(value -> member.addIdentifiers(
                        Identifier.newBuilder().setType(type).setValue(value))));
        if (row.change() != null) {
            member.setChange(row.change().name());
        }
        return member.build();
    }

    private static SegmentSnapshot snapshot(SnapshotView view) {
        return SegmentSnapshot.newBuilder()
                .setSegmentId(view.segmentId())
                .setVersion(view.version())
                .setSize(view.size())
                .setTakenAt(ProtoTime.timestamp(view.takenAt()))
                .setSegmentVersion(view.segmentVersion())
                .build();
    }
}
