package dev.cdp.identity.resolution.repository;

import dev.cdp.identity.resolution.Profile;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class ProfileRepository implements PanacheRepositoryBase<Profile, Integer> {

    public Uni<Profile> findByOneId(String oneId) {
        return find("oneId", oneId).firstResult();
    }

    public Uni<List<Profile>> findByOneIds(Collection<String> oneIds) {
        return list("oneId in ?1 order by ordinal", oneIds);
    }

    /** The live profile a OneID stands for: itself, or the survivor that absorbed it. */
    public Uni<Profile> findLive(String oneId) {
        return findByOneId(oneId)
                .chain(profile -> profile == null || profile.mergedInto == null
                        ? Uni.createFrom().item(profile)
                        : findByOneId(profile.mergedInto));
    }

    /**
     * The live profile a OneID stands for, locked for the transaction: batches resolving events of
     * the person wait until the caller (an unmerge) commits, and it sees no merge halfway.
     */
    public Uni<Profile> lockLive(String oneId) {
        return find("oneId", oneId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .<Profile>firstResult()
                .chain(profile -> profile == null || profile.mergedInto == null
                        ? Uni.createFrom().item(profile)
                        : lockLive(profile.mergedInto));
    }

    /** OneIDs of the profiles merged into {@code survivor}, oldest first. */
    public Uni<List<String>> listAbsorbedInto(String survivor) {
        return list("mergedInto = ?1 order by ordinal", survivor)
                .map(absorbed -> absorbed.stream().map(p -> p.oneId).toList());
    }

    public Uni<Long> countLive() {
        return count("mergedInto is null");
    }
}
