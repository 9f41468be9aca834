package dev.cdp.segment;

import dev.cdp.segment.definition.DuplicateSegmentException;
import dev.cdp.segment.definition.InvalidSegmentException;
import dev.cdp.segment.definition.UnknownSegmentException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** REST errors as JSON that says what was wrong and, for bad input, which field. */
public class ApiErrors {

    @ServerExceptionMapper
    public Response map(WebApplicationException e) {
        return json(e.getResponse().getStatus(), null, e.getMessage());
    }

    @ServerExceptionMapper
    public Response map(InvalidSegmentException e) {
        return json(Response.Status.BAD_REQUEST.getStatusCode(), e.field(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response map(UnknownSegmentException e) {
        return json(Response.Status.NOT_FOUND.getStatusCode(), null, e.getMessage());
    }

    @ServerExceptionMapper
    public Response map(DuplicateSegmentException e) {
        return json(Response.Status.CONFLICT.getStatusCode(), "name", e.getMessage());
    }

    private static Response json(int status, String field, String message) {
        Map<String, Object> entity = new LinkedHashMap<>();
        if (field != null) {
            entity.put("field", field);
        }
        entity.put("error", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(entity).build();
    }
}
