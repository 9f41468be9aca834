package dev.cdp.activation.delivery.webhook;

/**
 * What one webhook attempt got back.
 *
 * @param statusCode the HTTP status, or 0 when no response came (refused, timed out, ...)
 * @param error what went wrong, or null on a 2xx
 */
public record WebhookResponse(int statusCode, String error) {

    public static WebhookResponse of(int statusCode, String statusMessage) {
        if (isSuccess(statusCode)) {
            return new WebhookResponse(statusCode, null);
        }
        // Receivers may send no reason phrase; "HTTP 422" reads better than "HTTP 422 ".
        String reason = statusMessage == null || statusMessage.isBlank() ? "" : " " + statusMessage.strip();
        return new WebhookResponse(statusCode, "HTTP " + statusCode + reason);
    }

    public static WebhookResponse noResponse(String error) {
        return new WebhookResponse(0, error);
    }

    public boolean succeeded() {
        return isSuccess(statusCode);
    }

    /** False when the receiver refused the message itself, so sending it again cannot help. */
    public boolean retryable() {
        boolean clientError = statusCode >= 400 && statusCode < 500;
        return !succeeded() && (!clientError || statusCode == 408 || statusCode == 429);
    }

    /** The metrics tag: 2xx, 3xx, 4xx, 5xx, or none when no response came. */
    public String outcome() {
        return statusCode == 0 ? "none" : (statusCode / 100) + "xx";
    }

    private static boolean isSuccess(int statusCode) {
        return statusCode >= 200 && statusCode < 300;
    }
}
