package dev.cdp.activation.campaign;

import dev.cdp.activation.destination.DestinationView;

/** A campaign with the destination its messages go to. */
public record CampaignTarget(CampaignView campaign, DestinationView destination) {}
