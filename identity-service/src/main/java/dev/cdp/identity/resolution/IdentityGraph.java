package dev.cdp.identity.resolution;

import dev.cdp.identity.consent.LiveProfiles;
import dev.cdp.identity.identifiertype.StoredIdentifiers;
import dev.cdp.identity.resolution.repository.IdentifierRepository;
import dev.cdp.identity.resolution.repository.LinkRepository;
import dev.cdp.identity.resolution.repository.ProfileRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/**
 * The stored identity graph as the features around resolution use it: profiles (live, or absorbed
 * tombstones), the identifiers they hold, the links between those and the links refused. The
 * profile reads, operator merges and unmerges, consent and erasure reach these tables through
 * here, never through the repositories. Every method runs in the caller's session or transaction.
 */
@ApplicationScoped
public class IdentityGraph implements LiveProfiles, StoredIdentifiers {

    private final ProfileRepository profiles;
    private final IdentifierRepository identifiers;
    private final LinkRepository links;

    public IdentityGraph(ProfileRepository profiles, IdentifierRepository identifiers, LinkRepository links) {
        this.profiles = profiles;
        this.identifiers = identifiers;
        this.links = links;
    }

    /** The live profile a OneID stands for: itself, or the survivor that absorbed it; null when unknown. */
    public Uni<Profile> findLive(String oneId) {
        return profiles.findLive(oneId);
    }

    @Override
    public Uni<String> liveOneId(String oneId) {
        return profiles.findLive(oneId).map(profile -> profile == null ? null : profile.oneId);
    }

    /** As {@link #findLive}, locked until the caller's transaction ends (see {@link ProfileRepository#lockLive}). */
    public Uni<Profile> lockLive(String oneId) {
        return profiles.lockLive(oneId);
    }

    /** The profile with this OneID, live or absorbed; null when there is none. */
    public Uni<Profile> findByOneId(String oneId) {
        return profiles.findByOneId(oneId);
    }

    /** The profiles with these OneIDs, live or absorbed, oldest first. */
    public Uni<List<Profile>> findByOneIds(Collection<String> oneIds) {
        return profiles.findByOneIds(oneIds);
    }

    /** The tombstones of the profiles {@code survivor} absorbed. */
    public Uni<List<Profile>> tombstonesOf(String survivor) {
        return profiles.list("mergedInto", survivor);
    }

    /** OneIDs of the profiles merged into {@code survivor}, oldest first. */
    public Uni<List<String>> absorbedInto(String survivor) {
        return profiles.listAbsorbedInto(survivor);
    }

    public Uni<Long> countLive() {
        return profiles.countLive();
    }

    public Uni<Profile> create(Profile profile) {
        return profiles.persist(profile);
    }

    /** The identifier with this key, or null when nobody holds it. */
    public Uni<ProfileIdentifier> identifier(String key) {
        return identifiers.findById(key);
    }

    /** The identifiers a profile holds, in type, then value order. */
    public Uni<List<ProfileIdentifier>> identifiersOf(String oneId) {
        return identifiers.listByOneId(oneId);
    }

    /** The identifiers the profiles hold. */
    public Uni<List<ProfileIdentifier>> identifiersOfAll(Collection<String> oneIds) {
        return identifiers.list("oneId in ?1", oneIds);
    }

    @Override
    public Uni<Long> countOfType(String type) {
        return identifiers.count("type", type);
    }

    /** Gives these identifiers to another profile. */
    public Uni<Integer> moveIdentifiers(Collection<String> keys, String toOneId) {
        return identifiers.moveKeys(keys, toOneId);
    }

    /** The links touching any of these identifiers. */
    public Uni<List<IdentityLink>> linksTouching(Collection<String> keys) {
        return links.touching(keys);
    }

    /** Removes every link of an identifier. */
    public Uni<Long> removeLinks(String key) {
        return links.removeAll(key);
    }

    /** The links an operator's merge (or any cause) was refused. */
    public Uni<List<RefusedLinkView>> refusedBy(String cause) {
        return RefusedLink.<RefusedLink>list("cause", cause).map(IdentityGraph::views);
    }

    /** Links refused around a profile: identifiers it did not get, and ones it kept from others; latest first. */
    public Uni<List<RefusedLinkView>> refusedAround(String oneId) {
        return RefusedLink.<RefusedLink>list("profileOneId = ?1 or ownerOneId = ?1 order by at desc, id desc", oneId)
                .map(IdentityGraph::views);
    }

    /** Deletes the links touching one of {@code own}, and those between two of {@code held} (an erasure). */
    public Uni<Long> eraseLinks(List<String> own, List<String> held) {
        return IdentityLink.delete("aKey in ?1 or bKey in ?1 or (aKey in ?2 and bKey in ?2)", own, held);
    }

    /** Deletes the identifiers the profiles hold (an erasure). */
    public Uni<Long> eraseIdentifiers(Collection<String> oneIds) {
        return identifiers.delete("oneId in ?1", oneIds);
    }

    /** Deletes the links refused to or from the profiles (an erasure). */
    public Uni<Long> eraseRefusedLinks(Collection<String> oneIds) {
        return RefusedLink.delete("profileOneId in ?1 or ownerOneId in ?1", oneIds);
    }

    /** Deletes the profiles' rows, live and tombstones (an erasure). */
    public Uni<Long> eraseProfiles(Collection<String> oneIds) {
        return profiles.delete("oneId in ?1", oneIds);
    }

    private static List<RefusedLinkView> views(List<RefusedLink> links) {
        return links.stream()
                .map(l -> new RefusedLinkView(l.profileOneId, l.identifier, l.ownerOneId, l.reason, l.cause, l.at))
                .toList();
    }
}
