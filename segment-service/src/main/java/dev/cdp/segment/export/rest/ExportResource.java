package dev.cdp.segment.export.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.platform.security.Roles;
import dev.cdp.segment.export.ExportConfig;
import dev.cdp.segment.export.ExportFormat;
import dev.cdp.segment.export.ExportLines;
import dev.cdp.segment.export.ExportQuery;
import dev.cdp.segment.export.ExportSource;
import dev.cdp.segment.export.Hashing;
import dev.cdp.segment.export.SegmentExports;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * {@code GET /v1/segments/{id}/export?format=csv&identifiers=email,phone&hash=sha256}: a segment's
 * members for a campaign tool, streamed, or a page at a time with {@code limit} and {@code cursor}
 * (the {@code Cdp-Next-Cursor} header of the page before). {@code version} reads a snapshot,
 * {@code since} with it the members added and removed since an earlier one. Headers say where the
 * members come from: {@code Cdp-Snapshot-Version} (0: the current members) and
 * {@code Cdp-Segment-Rebuilding}.
 */
@Path("/v1/segments/{id}/export")
public class ExportResource {

    static final String SNAPSHOT_VERSION = "Cdp-Snapshot-Version";
    static final String REBUILDING = "Cdp-Segment-Rebuilding";
    static final String NEXT_CURSOR = "Cdp-Next-Cursor";

    private final SegmentExports exports;
    private final CurrentIdentityAssociation caller;
    private final ObjectMapper json;
    private final int maxLimit;

    public ExportResource(
            SegmentExports exports, CurrentIdentityAssociation caller, ObjectMapper json, ExportConfig config) {
        this.exports = exports;
        this.caller = caller;
        this.json = json;
        this.maxLimit = config.maxLimit();
    }

    /**
     * Parameters are read as text, so a bad one is answered 400 naming it, not 404. The format is
     * a parameter rather than negotiated: Quarkus streams a Multi in one declared media type, so
     * the response's Content-Type is set from the format.
     */
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.MARKETER, Roles.SERVICE})
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public RestMulti<String> export(
            @PathParam("id") String id,
            @QueryParam("format") String format,
            @QueryParam("identifiers") String identifiers,
            @QueryParam("hash") String hash,
            @QueryParam("version") String version,
            @QueryParam("since") String since,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        ExportFormat written = format == null || format.isBlank() ? ExportFormat.NDJSON : ExportFormat.parse(format);
        ExportQuery query = new ExportQuery(
                ExportQuery.types(identifiers),
                Hashing.parse(hash),
                ExportQuery.version("version", version),
                ExportQuery.version("since", since));
        ExportLines lines = new ExportLines(written, query, json);
        if ((limit == null || limit.isBlank()) && (cursor == null || cursor.isBlank())) {
            return RestMulti.fromUniResponse(
                    Roles.seesPii(caller).chain(clear -> exports.stream(id, query, clear)),
                    export -> Multi.createBy()
                            .concatenating()
                            .streams(
                                    Multi.createFrom().iterable(lines.header()),
                                    export.rows().map(lines::line)),
                    export -> headers(written, export.source(), null));
        }
        int pageSize = limit(limit);
        return RestMulti.fromUniResponse(
                Roles.seesPii(caller).chain(clear -> exports.page(id, query, clear, cursor, pageSize)),
                page -> Multi.createBy()
                        .concatenating()
                        .streams(
                                Multi.createFrom().iterable(lines.header()),
                                Multi.createFrom().iterable(page.rows()).map(lines::line)),
                page -> headers(written, page.source(), page.nextCursor()));
    }

    private static Map<String, List<String>> headers(ExportFormat format, ExportSource source, String nextCursor) {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put(HttpHeaders.CONTENT_TYPE, List.of(format.mediaType() + ";charset=UTF-8"));
        headers.put(SNAPSHOT_VERSION, List.of(Integer.toString(source.snapshotVersion())));
        headers.put(REBUILDING, List.of(Boolean.toString(source.rebuilding())));
        if (nextCursor != null) {
            headers.put(NEXT_CURSOR, List.of(nextCursor));
        }
        return headers;
    }

    private int limit(String limit) {
        return limit == null || limit.isBlank() ? maxLimit : ExportQuery.wholeNumber("limit", limit, maxLimit);
    }
}
