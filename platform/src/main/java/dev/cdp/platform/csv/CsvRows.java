package dev.cdp.platform.csv;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: commas, double-quoted fields with "" for a quote, CRLF or LF line ends. */
public final class CsvRows {

    /**
     * One record of a file.
     *
     * @param line the line of the file it starts on, from 1, as an editor shows it: reports name
     *     rows by it, so blank lines and quoted line breaks are counted
     */
    public record Row(int line, List<String> fields) {
    }

    private CsvRows() {
    }

    /** Every record with its fields, stripped; blank lines are dropped. */
    public static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowStart = 1;
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
                    if (c == '\n') {
                        line++;
                    }
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
                end(rows, rowStart, row, field);
                row = new ArrayList<>();
                line++;
                rowStart = line;
            } else {
                field.append(c);
            }
        }
        end(rows, rowStart, row, field);
        return rows;
    }

    private static void end(List<Row> rows, int line, List<String> row, StringBuilder field) {
        row.add(field.toString().strip());
        field.setLength(0);
        if (!(row.size() == 1 && row.get(0).isEmpty())) {
            rows.add(new Row(line, row));
        }
    }
}
