package dev.cdp.tag.read.rest;

import dev.cdp.platform.security.Roles;
import dev.cdp.tag.catalogue.InvalidTagException;
import dev.cdp.tag.custom.CustomTags;
import dev.cdp.tag.history.TagChangeRecord;
import dev.cdp.tag.history.TagHistory;
import dev.cdp.tag.read.TagReader;
import dev.cdp.tag.value.Value;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A profile's tags over REST (JSON): current values, custom values, history. */
@Path("/v1/tags/{oneId}")
@Produces(MediaType.APPLICATION_JSON)
public class TagResource {

    private final TagReader reader;
    private final CustomTags custom;
    private final TagHistory history;

    public TagResource(TagReader reader, CustomTags custom, TagHistory history) {
        this.reader = reader;
        this.custom = custom;
        this.history = history;
    }

    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER, Roles.SERVICE})
    @GET
    public Uni<Map<String, Object>> tags(
            @PathParam("oneId") String oneId,
            @QueryParam("tag") List<String> only,
            @QueryParam("category") String category) {
        return reader.tags(oneId, Set.copyOf(only), category).map(tags -> body(oneId, tags));
    }

    /** Sets custom and model tags: {@code {"vip": true, "crm_level": "gold", "churn_risk": null}} (null clears). */
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER, Roles.SERVICE})
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> set(@PathParam("oneId") String oneId, Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            throw new InvalidTagException("body", "a JSON object of tag codes to values is required");
        }
        return custom.set(oneId, values).map(tags -> body(oneId, tags));
    }

    /** The tag's value at {@code at} (ISO-8601, default now) and its changes until then. */
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER})
    @GET
    @Path("/history/{tag}")
    public Uni<Map<String, Object>> history(
            @PathParam("oneId") String oneId, @PathParam("tag") String tag, @QueryParam("at") String at) {
        Instant moment = at == null || at.isBlank() ? Instant.now() : instant(at);
        return history.until(oneId, tag, moment).map(changes -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("oneId", oneId);
            body.put("tag", tag);
            body.put("at", moment.toString());
            body.put("value", changes.isEmpty() ? null : plain(changes.get(changes.size() - 1).newValue));
            body.put("changes", changes.stream().map(TagResource::change).toList());
            return body;
        });
    }

    private static Instant instant(String at) {
        try {
            return OffsetDateTime.parse(at).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidTagException(
                    "at", "\"" + at + "\" is not an ISO-8601 date-time such as 2026-11-28T10:00:00Z");
        }
    }

    private static Map<String, Object> change(TagChangeRecord record) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("oldValue", plain(record.oldValue));
        change.put("newValue", plain(record.newValue));
        change.put("changedAt", record.changedAt.toString());
        change.put("cause", record.cause);
        return change;
    }

    private static Object plain(String stored) {
        Value value = stored == null ? null : Value.decode(stored);
        return value == null ? null : value.json();
    }

    private static Map<String, Object> body(String oneId, Map<String, Value> tags) {
        Map<String, Object> json = new TreeMap<>();
        tags.forEach((tag, value) -> json.put(tag, value.json()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("oneId", oneId);
        body.put("tags", json);
        return body;
    }
}
