package dev.cdp.datagen;

import java.util.List;

/**
 * Ground truth for one generated customer: who they really are and the channels and identifiers
 * they show up with. Tests compare the resolved profiles against it.
 */
public record Person(int index, String userId, String email, String phone, List<ChannelVisit> visits) {

    /** One channel this person used, with the anonymous id that channel's SDK gave them. */
    public record ChannelVisit(String channel, String anonymousId) {
    }

    public boolean multiChannel() {
        return visits.size() > 1;
    }
}
