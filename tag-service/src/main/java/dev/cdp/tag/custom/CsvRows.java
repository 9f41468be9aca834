package dev.cdp.tag.custom;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: commas, double-quoted fields with "" for a quote, CRLF or LF line ends. */
final class CsvRows {

    private CsvRows() {
    }

    /** Every line as its fields; blank lines are dropped. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString().strip());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                end(rows, row, field);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        end(rows, row, field);
        return rows;
    }

    private static void end(List<List<String>> rows, List<String> row, StringBuilder field) {
        row.add(field.toString().strip());
        field.setLength(0);
        if (!(row.size() == 1 && row.get(0).isEmpty())) {
            rows.add(row);
        }
    }
}
