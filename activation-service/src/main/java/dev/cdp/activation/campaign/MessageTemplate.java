package dev.cdp.activation.campaign;

/**
 * Fills a campaign's message for one profile: {@code {{one_id}}} and {@code {{segment_name}}} are
 * replaced, anything else is sent as written.
 */
public final class MessageTemplate {

    static final String ONE_ID = "{{one_id}}";
    static final String SEGMENT_NAME = "{{segment_name}}";

    private MessageTemplate() {}

    public static String render(String template, String oneId, String segmentName) {
        return template.replace(ONE_ID, oneId).replace(SEGMENT_NAME, segmentName);
    }
}
