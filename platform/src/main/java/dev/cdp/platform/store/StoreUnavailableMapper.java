package dev.cdp.platform.store;

import dev.cdp.platform.rest.ApiError;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A store outage answers 503 with Retry-After on every REST endpoint: the request is worth repeating. */
public class StoreUnavailableMapper {

    @ServerExceptionMapper
    public Response map(StoreUnavailableException e) {
        Response error = ApiError.response(503, null, e.getMessage());
        return Response.fromResponse(error).header(HttpHeaders.RETRY_AFTER, Stores.RETRY_AFTER_SECONDS).build();
    }
}
