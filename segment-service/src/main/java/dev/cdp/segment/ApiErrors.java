package dev.cdp.segment;

import dev.cdp.segment.definition.DuplicateSegmentException;
import dev.cdp.segment.definition.InvalidSegmentException;
import dev.cdp.segment.definition.UnknownSegmentException;
import dev.cdp.platform.rest.ApiError;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** REST errors as JSON that says what was wrong and, for bad input, which field. */
public class ApiErrors {

    @ServerExceptionMapper
    public Response map(WebApplicationException e) {
        return ApiError.response(e.getResponse().getStatus(), null, e.getMessage());
    }

    @ServerExceptionMapper
    public Response map(InvalidSegmentException e) {
        return ApiError.response(Response.Status.BAD_REQUEST.getStatusCode(), e.field(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response map(UnknownSegmentException e) {
        return ApiError.response(Response.Status.NOT_FOUND.getStatusCode(), null, e.getMessage());
    }

    @ServerExceptionMapper
    public Response map(DuplicateSegmentException e) {
        return ApiError.response(Response.Status.CONFLICT.getStatusCode(), "name", e.getMessage());
    }
}
