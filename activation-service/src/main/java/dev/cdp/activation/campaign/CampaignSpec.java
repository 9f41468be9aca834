package dev.cdp.activation.campaign;

import dev.cdp.activation.Fields;
import dev.cdp.platform.error.InvalidInputException;

/** A valid request for a new campaign; whether its destination exists is checked on creation. */
public record CampaignSpec(String name, String segmentId, String destinationId, String message) {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_ID_LENGTH = 200;
    static final int MAX_MESSAGE_LENGTH = 10_000;

    /** @throws InvalidInputException naming the first field that is not acceptable */
    public static CampaignSpec of(String name, String segmentId, String destinationId, String message) {
        return new CampaignSpec(
                Fields.required("name", name, MAX_NAME_LENGTH),
                Fields.required("segment_id", segmentId, MAX_ID_LENGTH),
                Fields.required("destination_id", destinationId, MAX_ID_LENGTH),
                Fields.optional("message", message, MAX_MESSAGE_LENGTH));
    }
}
