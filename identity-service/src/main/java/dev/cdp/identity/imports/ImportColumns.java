package dev.cdp.identity.imports;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.identifiertype.IdentifierTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header of an import file: each column an identifier type ({@code crm_id}, {@code email},
 * {@code phone}, {@code user_id}, …) or a trait ({@code trait.<name>}), read into the identify call
 * a row stands for. Errors on a call's field are reported on the column it came from.
 */
final class ImportColumns {

    private static final String TRAIT = "trait.";
    private static final String TRAITS = "traits.";

    private final List<String> columns;
    /** Per column, where its cell goes in the call: userId, anonymousId or traits.<name>. */
    private final List<String> paths;

    private final Map<String, String> columnByPath = new HashMap<>();

    private ImportColumns(List<String> columns, List<String> paths) {
        this.columns = columns;
        this.paths = paths;
        for (int i = 0; i < columns.size(); i++) {
            columnByPath.put(paths.get(i), columns.get(i));
        }
    }

    /** @throws InvalidImportException naming the column that is unknown, repeated or missing */
    static ImportColumns of(List<String> header, IdentifierTypes types, ImportKind kind) {
        List<String> columns = new ArrayList<>(header.size());
        List<String> paths = new ArrayList<>(header.size());
        for (String cell : header) {
            boolean trait = cell.regionMatches(true, 0, TRAIT, 0, TRAIT.length());
            String column = trait ? TRAIT + cell.substring(TRAIT.length()) : cell.toLowerCase(Locale.ROOT);
            String path;
            if (trait) {
                if (column.length() == TRAIT.length()) {
                    throw new InvalidImportException(
                            "header", "column \"" + cell + "\" names no trait; write trait.<name>, e.g. trait.level");
                }
                path = TRAITS + column.substring(TRAIT.length());
            } else if (types.isKnown(column)) {
                path = switch (column) {
                    case "user_id" -> "userId";
                    case "anonymous_id" -> "anonymousId";
                    default -> TRAITS + column;
                };
            } else {
                throw new InvalidImportException(
                        "header",
                        "column \"" + cell + "\" is neither an identifier type nor trait.<name>; "
                                + types.unknownTypeMessage(column));
            }
            int earlier = paths.indexOf(path);
            if (earlier >= 0) {
                throw new InvalidImportException(
                        "header",
                        "columns \"" + columns.get(earlier) + "\" and \"" + cell + "\" both set " + path
                                + "; keep one");
            }
            columns.add(column);
            paths.add(path);
        }
        if (!columns.contains(kind.keyType())) {
            throw new InvalidImportException(
                    "header",
                    "has no " + kind.keyType() + " column: every " + kind.code() + " row names its person by it");
        }
        return new ImportColumns(columns, paths);
    }

    int size() {
        return columns.size();
    }

    /** The cell of a column in a row, "" when the row is short of it. */
    String cell(List<String> row, String column) {
        int index = columns.indexOf(column);
        return index < row.size() ? row.get(index) : "";
    }

    /** The identify call of a row: its non-empty cells in place, its context naming the import. */
    ObjectNode call(List<String> row, String messageId, ObjectNode context) {
        ObjectNode call = JsonNodeFactory.instance.objectNode();
        call.put("messageId", messageId);
        ObjectNode traits = call.putObject("traits");
        for (int i = 0; i < row.size(); i++) {
            String cell = row.get(i);
            if (cell.isEmpty()) {
                continue;
            }
            String path = paths.get(i);
            if (path.startsWith(TRAITS)) {
                traits.put(path.substring(TRAITS.length()), cell);
            } else {
                call.put(path, cell);
            }
        }
        call.set("context", context);
        return call;
    }

    /** The column a field of the call came from, or the field itself when no column did. */
    String columnOf(String field) {
        return columnByPath.getOrDefault(field, field);
    }
}
