package dev.cdp.platform.security;

import dev.cdp.platform.error.ApiError;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** 401 without a token, 403 naming the roles that may call the endpoint, as the platform's error body. */
public class RestAccessDenied {

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return ApiError.response(401, null, RequiredRoles.NO_TOKEN);
    }

    @ServerExceptionMapper
    public Response notAccepted(AuthenticationFailedException e) {
        return ApiError.response(401, null, RequiredRoles.NOT_ACCEPTED);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ResourceInfo resource, ContainerRequestContext request) {
        List<String> roles =
                resource.getResourceMethod() == null ? List.of() : RequiredRoles.of(resource.getResourceMethod());
        return ApiError.response(
                403,
                null,
                RequiredRoles.needed(
                        roles,
                        request.getMethod() + " /"
                                + request.getUriInfo().getPath().replaceFirst("^/", "")));
    }
}
