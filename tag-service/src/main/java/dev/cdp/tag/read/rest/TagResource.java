package dev.cdp.tag.read.rest;

import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.TagValue;
import dev.cdp.tag.read.TagReader;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tag reads as JSON, for curl and the console; applications use gRPC. */
@Path("/v1/tags")
@Produces(MediaType.APPLICATION_JSON)
public class TagResource {

    private final TagReader reader;

    public TagResource(TagReader reader) {
        this.reader = reader;
    }

    /** {@code GET /v1/tags/{oneId}?tag=total_spend&tag=last_seen_at}: timestamps as ISO-8601. */
    @GET
    @Path("/{oneId}")
    public Uni<Map<String, Object>> tags(@PathParam("oneId") String oneId, @QueryParam("tag") List<String> only) {
        return reader.tags(oneId, Set.copyOf(only)).map(tags -> {
            Map<String, Object> json = new LinkedHashMap<>();
            tags.forEach((tag, value) -> json.put(tag, toJson(value)));
            return Map.of("oneId", oneId, "tags", json);
        });
    }

    private static Object toJson(TagValue value) {
        return switch (value.getKindCase()) {
            case NUMBER -> value.getNumber();
            case TEXT -> value.getText();
            case FLAG -> value.getFlag();
            case TIME -> ProtoTime.instant(value.getTime()).toString();
            case KIND_NOT_SET -> null;
        };
    }
}
