package dev.cdp.platform.error;

/**
 * A request refused for a reason its caller can act on. The domain throws a subclass named for the
 * reason; {@link RestErrors} and {@link GrpcErrors} answer it with the kind's status, the message
 * and, for bad input, the field, so no adapter maps errors itself.
 */
public abstract class ApiException extends RuntimeException {

    private final ErrorKind kind;
    private final String field;

    protected ApiException(ErrorKind kind, String field, String message) {
        this(kind, field, message, null);
    }

    protected ApiException(ErrorKind kind, String field, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.field = field;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The request field at fault, or null when the refusal is not about one field. */
    public String field() {
        return field;
    }

    /**
     * Whether {@code failure} is the input's fault, so doing the same work again cannot succeed:
     * a refusal other than {@link ErrorKind#UNAVAILABLE}, or the JDK's {@link IllegalArgumentException}.
     */
    public static boolean isInputsFault(Throwable failure) {
        return failure instanceof IllegalArgumentException
                || failure instanceof ApiException refused && refused.kind != ErrorKind.UNAVAILABLE;
    }
}
