package dev.cdp.identity.profile.repository;

import dev.cdp.identity.profile.IdentityLink;
import dev.cdp.identity.profile.LinkCause;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The edges of the identity graph. */
@ApplicationScoped
public class LinkRepository implements PanacheRepositoryBase<IdentityLink, IdentityLink.Pair> {

    /** Records pairs ({a, b} with a < b) in one statement; a pair seen before keeps its first cause. */
    public Uni<Void> record(List<String[]> pairs, LinkCause cause, Instant at) {
        StringBuilder sql = new StringBuilder("insert into identity_link (a_key, b_key, cause, channel, at) values ");
        for (int i = 0; i < pairs.size(); i++) {
            int p = 3 + 2 * i;
            sql.append(i == 0 ? "" : ", ").append("(?").append(p + 1).append(", ?").append(p + 2).append(", ?1, ?2, ?3)");
        }
        sql.append(" on conflict do nothing");
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString())
                    .setParameter(1, cause.messageId())
                    .setParameter(2, cause.channel())
                    .setParameter(3, at);
            for (int i = 0; i < pairs.size(); i++) {
                query.setParameter(4 + 2 * i, pairs.get(i)[0]).setParameter(5 + 2 * i, pairs.get(i)[1]);
            }
            return query.executeUpdate().replaceWithVoid();
        });
    }

    /** The links touching any of these identifiers. */
    public Uni<List<IdentityLink>> touching(Collection<String> keys) {
        return list("aKey in ?1 or bKey in ?1", keys);
    }

    /** Removes every link of an identifier. */
    public Uni<Long> removeAll(String key) {
        return delete("aKey = ?1 or bKey = ?1", key);
    }
}
