package dev.cdp.segment.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An export's rows as lines of text. CSV: a header {@code one_id,ordinal,entered_at,<type>...[,change]},
 * then a row per member, several values of one type in one field separated by {@code ;}. NDJSON:
 * a JSON object per line, {@code {"oneId","ordinal","enteredAt","identifiers":{"email":[...]},"change"}}.
 */
public final class ExportLines {

    private final ExportFormat format;
    private final ExportQuery query;
    private final ObjectMapper json;

    public ExportLines(ExportFormat format, ExportQuery query, ObjectMapper json) {
        this.format = format;
        this.query = query;
        this.json = json;
    }

    /** The CSV header line; none for NDJSON. */
    public List<String> header() {
        if (format != ExportFormat.CSV) {
            return List.of();
        }
        List<String> columns = new ArrayList<>(List.of("one_id", "ordinal", "entered_at"));
        columns.addAll(query.identifierTypes());
        if (query.changes()) {
            columns.add("change");
        }
        return List.of(String.join(",", columns) + "\n");
    }

    public String line(ExportRow row) {
        return format == ExportFormat.CSV ? csv(row) : ndjson(row);
    }

    private String csv(ExportRow row) {
        List<String> fields = new ArrayList<>(List.of(
                row.oneId(), Integer.toString(row.ordinal()), row.enteredAt().toString()));
        for (String type : query.identifierTypes()) {
            fields.add(quoted(String.join(";", row.identifiers().getOrDefault(type, List.of()))));
        }
        if (row.change() != null) {
            fields.add(row.change().name().toLowerCase(Locale.ROOT));
        }
        return String.join(",", fields) + "\n";
    }

    private String ndjson(ExportRow row) {
        ObjectNode line = json.createObjectNode()
                .put("oneId", row.oneId())
                .put("ordinal", row.ordinal())
                .put("enteredAt", row.enteredAt().toString());
        if (!query.identifierTypes().isEmpty()) {
            ObjectNode identifiers = line.putObject("identifiers");
            row.identifiers().forEach((type, values) -> values.forEach(identifiers.putArray(type)::add));
        }
        if (row.change() != null) {
            line.put("change", row.change().name().toLowerCase(Locale.ROOT));
        }
        try {
            return json.writeValueAsString(line) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of text and numbers is always JSON", e);
        }
    }

    /** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
    private static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
