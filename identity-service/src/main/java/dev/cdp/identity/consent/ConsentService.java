package dev.cdp.identity.consent;

import dev.cdp.identity.IdentityConfig;
import dev.cdp.identity.consent.repository.ConsentRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Records consent decisions and answers which are in force: per purpose and channel, the latest wins. */
@ApplicationScoped
public class ConsentService {

    private final ConsentRepository consents;
    private final LiveProfiles profiles;
    private final ConsentVocabulary vocabulary;

    public ConsentService(ConsentRepository consents, LiveProfiles profiles, IdentityConfig config) {
        this.consents = consents;
        this.profiles = profiles;
        this.vocabulary =
                new ConsentVocabulary(Set.copyOf(config.consentPurposes()), Set.copyOf(config.consentChannels()));
    }

    public ConsentVocabulary vocabulary() {
        return vocabulary;
    }

    /** Appends the decisions to the profile's history; runs in the caller's transaction. */
    public Uni<Void> record(String oneId, List<ConsentChoice> choices, String source, String evidence, Instant at) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ConsentChoice choice : choices) {
            ConsentRecord record = new ConsentRecord();
            record.oneId = oneId;
            record.purpose = choice.purpose();
            record.channel = choice.channel();
            record.granted = choice.granted();
            record.source = source;
            record.evidence = evidence;
            record.at = at;
            chain = chain.chain(() -> consents.persist(record)).replaceWithVoid();
        }
        return chain;
    }

    /**
     * Records decisions made through the API on the live profile the OneID stands for.
     *
     * @return the decisions in force afterwards, or null when the OneID is unknown
     */
    @WithTransaction
    public Uni<List<ConsentView>> set(String oneId, List<ConsentChoice> choices, String source, String evidence) {
        return profiles.liveOneId(oneId)
                .chain(live -> live == null
                        ? Uni.createFrom().nullItem()
                        : record(live, choices, source, evidence, Instant.now())
                                .chain(() -> consents.flush())
                                .chain(() -> consents.history(live))
                                .map(history -> inForce(views(history))));
    }

    /** Every decision of the profile, oldest first. */
    @WithSession
    public Uni<List<ConsentView>> history(String oneId) {
        return consents.history(oneId).map(ConsentService::views);
    }

    /** Deletes every decision of the profiles (an erasure); runs in the caller's transaction. */
    /** For a purpose, each profile's latest decision by channel. */
    public Uni<java.util.Map<String, java.util.Map<String, ConsentRecord>>> inForce(
            Collection<String> oneIds, String purpose) {
        return consents.inForce(oneIds, purpose);
    }

    public Uni<Long> erase(Collection<String> oneIds) {
        return consents.deleteAll(oneIds);
    }

    /** The decisions in force: the latest of {@code history} (oldest first) per purpose and channel, by purpose and channel. */
    public static List<ConsentView> inForce(List<ConsentView> history) {
        Map<String, ConsentView> latest = new TreeMap<>();
        for (ConsentView decision : history) {
            latest.put(decision.purpose() + "/" + decision.channel(), decision);
        }
        return List.copyOf(latest.values());
    }

    private static List<ConsentView> views(List<ConsentRecord> records) {
        return records.stream().map(ConsentView::of).toList();
    }
}
