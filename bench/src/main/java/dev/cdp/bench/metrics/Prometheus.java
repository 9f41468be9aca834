package dev.cdp.bench.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;

/** Figures a service counts itself, read from the Prometheus endpoint on its management interface. */
public final class Prometheus {

    private Prometheus() {}

    /** A counter's value, "?" when it cannot be read. */
    public static String metric(String managementUrl, String name) {
        try {
            String body = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(managementUrl + "/q/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            return body.lines()
                    .filter(line -> line.startsWith(name))
                    .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .map(value -> String.format(Locale.ROOT, "%.0f", Double.parseDouble(value)))
                    .findFirst()
                    .orElse("?");
        } catch (IOException | NumberFormatException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
