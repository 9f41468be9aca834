package dev.cdp.identity.profile;

import dev.cdp.identity.IdentityConfig;
import dev.cdp.identity.consent.ConsentRecord;
import dev.cdp.identity.consent.ConsentService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who a channel can reach, for a purpose: the profile holds the identifier the channel needs and
 * its latest consent decision for the channel, or for {@value #ALL}, grants the purpose. No
 * decision is no consent (opt-in, as PIPL and GDPR ask for marketing).
 */
@ApplicationScoped
public class Reach {

    static final String ALL = "all";
    static final String MARKETING = "marketing";
    /** The identifier type each channel sends to; channels not listed need none held here. */
    private static final Map<String, String> NEEDS = Map.of("email", "email", "sms", "phone");

    private final ConsentService consents;
    private final ProfileService profiles;
    private final List<String> channels;

    public Reach(ConsentService consents, ProfileService profiles, IdentityConfig config) {
        this.consents = consents;
        this.profiles = profiles;
        this.channels = config.consentChannels().stream()
                .filter(channel -> !channel.equals(ALL))
                .toList();
    }

    /** By channel, how many of {@code oneIds} it can reach for {@code purpose} (marketing when blank). */
    @WithSession
    public Uni<Map<String, Integer>> count(List<String> oneIds, String purpose) {
        String asked = purpose == null || purpose.isBlank() ? MARKETING : purpose;
        return profiles.identifiersOf(oneIds, Set.copyOf(NEEDS.values()))
                .chain(held -> consents.inForce(oneIds, asked).map(decisions -> {
                    Map<String, Integer> reachable = new LinkedHashMap<>();
                    channels.forEach(channel -> reachable.put(channel, 0));
                    for (String oneId : oneIds) {
                        Set<String> types = new java.util.HashSet<>();
                        held.getOrDefault(oneId, List.of()).forEach(id -> types.add(id.type()));
                        Map<String, ConsentRecord> latest = decisions.getOrDefault(oneId, Map.of());
                        for (String channel : channels) {
                            String needs = NEEDS.get(channel);
                            if ((needs == null || types.contains(needs)) && granted(latest, channel)) {
                                reachable.merge(channel, 1, Integer::sum);
                            }
                        }
                    }
                    return reachable;
                }));
    }

    /** The later of the decisions for the channel and for all channels decides. */
    private static boolean granted(Map<String, ConsentRecord> latest, String channel) {
        ConsentRecord own = latest.get(channel);
        ConsentRecord all = latest.get(ALL);
        ConsentRecord deciding = own == null ? all : all == null || !all.at.isAfter(own.at) ? own : all;
        return deciding != null && deciding.granted;
    }
}
