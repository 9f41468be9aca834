package dev.cdp.identity.consent;

import io.smallrye.mutiny.Uni;

/**
 * Which profile a OneID stands for, as consent needs to know to record a decision on it. Answered
 * by the identity graph (resolution), which records the decisions events carry and so depends on
 * consent, not the other way round.
 */
public interface LiveProfiles {

    /** The OneID of the live profile {@code oneId} stands for (itself, or the survivor that absorbed it); null when unknown. */
    Uni<String> liveOneId(String oneId);
}
