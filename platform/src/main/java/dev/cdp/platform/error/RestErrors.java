package dev.cdp.platform.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every service's REST errors, as {@link ApiError} bodies that say what was wrong and, for bad input, which field. */
public class RestErrors {

    /** Seconds a caller should wait before repeating a request refused as {@link ErrorKind#UNAVAILABLE}. */
    public static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response map(ApiException e) {
        Response error = ApiError.response(e.kind().httpStatus(), e.field(), e.getMessage());
        return e.kind() == ErrorKind.UNAVAILABLE
                ? Response.fromResponse(error)
                        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                        .build()
                : error;
    }

    @ServerExceptionMapper
    public Response map(WebApplicationException e) {
        // Quarkus REST wraps a body it cannot parse; the parser's own words help the caller more.
        if (e.getCause() instanceof JsonProcessingException json) {
            return map(json);
        }
        return ApiError.response(e.getResponse().getStatus(), null, e.getMessage());
    }

    /** Named for the subclasses too, which Quarkus would otherwise answer in its own shape. */
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class, InvalidFormatException.class
    })
    public Response map(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : null;
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return ApiError.response(
                400,
                field == null ? "body" : field,
                "body: is not valid JSON for this request: " + e.getOriginalMessage() + where);
    }

    /** Where in the body the mismatch is, e.g. {@code rule.cases[2].when}; null at the top. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference ->
                        reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse(null);
    }
}
