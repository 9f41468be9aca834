package dev.cdp.platform.error;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** The platform's REST error body: {@code {"field": "rule.windowDays", "error": "…"}}, the field only for bad input. */
public final class ApiError {

    private ApiError() {}

    public static Response response(int status, String field, String message) {
        Map<String, Object> entity = new LinkedHashMap<>();
        if (field != null) {
            entity.put("field", field);
        }
        entity.put("error", message);
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(entity)
                .build();
    }
}
