package dev.cdp.segment.membership.repository;

import dev.cdp.segment.membership.Membership;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@ApplicationScoped
public class MembershipRepository implements PanacheRepositoryBase<Membership, Membership.Key> {

    public Uni<List<Membership>> listByOneId(String oneId) {
        return list("oneId", oneId);
    }

    /** The memberships of these profiles in these segments. */
    public Uni<List<Membership>> listByOneIdsIn(List<String> oneIds, java.util.Collection<String> segmentIds) {
        return list("oneId in ?1 and segmentId in ?2", oneIds, segmentIds);
    }

    public Uni<Boolean> exists(String segmentId, String oneId) {
        return count("segmentId = ?1 and oneId = ?2", segmentId, oneId).map(n -> n > 0);
    }

    public Uni<Long> countBySegment(String segmentId) {
        return count("segmentId", segmentId);
    }

    /** Member counts by segment id; segments without members are absent. */
    public Uni<Map<String, Long>> countBySegments() {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select m.segmentId, count(m) from Membership m group by m.segmentId", Object[].class)
                        .getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(row -> (String) row[0], row -> (Long) row[1])));
    }

    /** The member OneIDs of each of these segments, by segment id; a segment without members is absent. */
    public Uni<Map<String, List<String>>> oneIdsBySegment(Collection<String> segmentIds) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select m.segmentId, m.oneId from Membership m where m.segmentId in :segmentIds",
                                Object[].class)
                        .setParameter("segmentIds", segmentIds)
                        .getResultList())
                .map(rows -> rows.stream()
                        .collect(Collectors.groupingBy(
                                row -> (String) row[0],
                                Collectors.mapping(row -> (String) row[1], Collectors.toList()))));
    }

    /** Up to {@code limit} members in OneID order, starting after {@code afterOneId} (empty for the start). */
    public Uni<List<Membership>> page(String segmentId, String afterOneId, int limit) {
        return find("segmentId = ?1 and oneId > ?2 order by oneId", segmentId, afterOneId)
                .range(0, limit - 1)
                .list();
    }
}
