package dev.cdp.activation.destination;

import dev.cdp.activation.Fields;
import dev.cdp.platform.error.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** A valid request for a new destination. */
public record DestinationSpec(String name, DestinationType type, String url) {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_URL_LENGTH = 2048;

    /** @throws InvalidInputException naming the first field that is not acceptable */
    public static DestinationSpec of(String name, String type, String url) {
        return new DestinationSpec(
                Fields.required("name", name, MAX_NAME_LENGTH),
                DestinationType.parse(type),
                httpUrl(Fields.required("url", url, MAX_URL_LENGTH)));
    }

    private static String httpUrl(String url) {
        if (!isHttpUrl(url)) {
            throw new InvalidInputException("url", "\"" + url + "\" is not an http(s) URL");
        }
        return url;
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
