package dev.cdp.identity.consent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The purposes and channels consent is given for, and the one JSON shape it is sent in, by the
 * Segment API ({@code context.consent}) and the REST API alike:
 * {@code {"marketing": {"sms": true, "email": false}, "analytics": true}}; a bare boolean stands
 * for the channel {@value #ALL_CHANNELS}.
 */
public record ConsentVocabulary(Set<String> purposes, Set<String> channels) {

    public static final String ALL_CHANNELS = "all";

    /**
     * @param path the field's name in the request, used in errors (e.g. {@code context.consent})
     * @return the choices, in the order sent; empty when {@code node} is absent
     * @throws InvalidConsentException naming the offending field
     */
    public List<ConsentChoice> parse(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new InvalidConsentException(
                    path, "must be a JSON object such as {\"marketing\": {\"sms\": true, \"email\": false}}");
        }
        List<ConsentChoice> choices = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> purposes = node.fields(); purposes.hasNext(); ) {
            Map.Entry<String, JsonNode> purpose = purposes.next();
            String purposePath = path + "." + purpose.getKey();
            String purposeName = known(purpose.getKey(), this.purposes, purposePath, "purpose");
            JsonNode value = purpose.getValue();
            if (value.isBoolean()) {
                choices.add(new ConsentChoice(purposeName, ALL_CHANNELS, value.booleanValue()));
                continue;
            }
            if (!value.isObject()) {
                throw new InvalidConsentException(
                        purposePath, "must be true, false or an object of channels such as {\"sms\": true}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> channels = value.fields(); channels.hasNext(); ) {
                Map.Entry<String, JsonNode> channel = channels.next();
                String channelPath = purposePath + "." + channel.getKey();
                String channelName = known(channel.getKey(), this.channels, channelPath, "channel");
                if (!channel.getValue().isBoolean()) {
                    throw new InvalidConsentException(
                            channelPath, "must be true (granted) or false (denied), got " + channel.getValue());
                }
                choices.add(new ConsentChoice(
                        purposeName, channelName, channel.getValue().booleanValue()));
            }
        }
        return choices;
    }

    private static String known(String name, Set<String> allowed, String path, String what) {
        String normalised = name.toLowerCase(Locale.ROOT);
        if (!allowed.contains(normalised)) {
            throw new InvalidConsentException(
                    path,
                    "\"" + name + "\" is not a consent " + what + "; use one of "
                            + String.join(", ", allowed.stream().sorted().toList()));
        }
        return normalised;
    }
}
