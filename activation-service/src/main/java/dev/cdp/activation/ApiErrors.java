package dev.cdp.activation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** REST errors as JSON that says what was wrong: {@code {"error": "url: \"ftp://x\" is not an http(s) URL"}}. */
public class ApiErrors {

    @ServerExceptionMapper
    public Response map(WebApplicationException e) {
        // Quarkus REST wraps a body it cannot parse; the parser's own words help the caller more.
        if (e.getCause() instanceof JsonProcessingException json) {
            return map(json);
        }
        return error(e.getResponse().getStatus(), e.getMessage());
    }

    /** Named for MismatchedInputException too, which Quarkus would otherwise answer in its own shape. */
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response map(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return error(Response.Status.BAD_REQUEST.getStatusCode(), "body: is not valid JSON for this request: "
                + e.getOriginalMessage() + where);
    }

    @ServerExceptionMapper
    public Response map(InvalidRequestException e) {
        return error(Response.Status.BAD_REQUEST.getStatusCode(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response map(ResourceNotFoundException e) {
        return error(Response.Status.NOT_FOUND.getStatusCode(), e.getMessage());
    }

    private static Response error(int status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", message))
                .build();
    }
}
