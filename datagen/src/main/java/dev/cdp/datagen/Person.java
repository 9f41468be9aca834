package dev.cdp.datagen;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Ground truth for one generated customer: who they really are and the channels and identifiers
 * they show up with. Tests and the resolution-quality report compare the resolved profiles
 * against it.
 *
 * @param typoEmail a mistyped email a shop assistant entered with the person's phone, or null
 */
public record Person(
        int index, String userId, String email, String phone, List<ChannelVisit> visits, String typoEmail) {

    /**
     * One channel this person used, with the anonymous id that channel's SDK gave them;
     * {@code shared} when the device is a household's, used by two people.
     */
    public record ChannelVisit(String channel, String anonymousId, boolean shared) {

        public ChannelVisit(String channel, String anonymousId) {
            this(channel, anonymousId, false);
        }
    }

    public boolean multiChannel() {
        return visits.stream().filter(v -> !v.shared()).count() > 1;
    }

    /** The identifier keys ("type:value", normalised) that are this person's alone: the clean links. */
    public Set<String> ownIdentifiers() {
        Set<String> keys = new LinkedHashSet<>();
        if (userId != null) {
            keys.add("user_id:" + userId);
        }
        keys.add("email:" + email.toLowerCase(Locale.ROOT));
        keys.add("phone:" + phone);
        if (typoEmail != null) {
            keys.add("email:" + typoEmail.toLowerCase(Locale.ROOT));
        }
        visits.stream().filter(v -> !v.shared()).forEach(v -> keys.add("anonymous_id:" + v.anonymousId()));
        return keys;
    }
}
