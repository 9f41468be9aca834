package dev.cdp.tag.rest;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.cdp.tag.catalogue.InvalidTagException;
import dev.cdp.platform.rest.ApiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.NoSuchElementException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** REST errors as JSON that says what was wrong and, for bad input, which field. */
public class ApiErrors {

    @ServerExceptionMapper
    public Response map(WebApplicationException e) {
        return ApiError.response(e.getResponse().getStatus(), null, e.getMessage());
    }

    @ServerExceptionMapper
    public Response map(InvalidTagException e) {
        return ApiError.response(400, e.field(), e.getMessage());
    }

    /** A definition whose JSON does not fit, e.g. an unknown function or kind. */
    @ServerExceptionMapper
    public Response map(MismatchedInputException e) {
        return mismatch(e);
    }

    @ServerExceptionMapper
    public Response map(InvalidFormatException e) {
        return mismatch(e);
    }

    private static Response mismatch(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse(null);
        return ApiError.response(400, field, e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response map(NoSuchElementException e) {
        return ApiError.response(404, null, e.getMessage());
    }

    @ServerExceptionMapper
    public Response map(IllegalStateException e) {
        return ApiError.response(409, null, e.getMessage());
    }
}
