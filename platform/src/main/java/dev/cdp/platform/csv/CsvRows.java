package dev.cdp.platform.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: commas, double-quoted fields with "" for a quote, CRLF or LF line ends. A UTF-8
 * byte-order mark (what spreadsheet programs put first) is skipped.
 */
public final class CsvRows {

    /**
     * One record of a file.
     *
     * @param line the line of the file it starts on, from 1, as an editor shows it: reports name
     *     rows by it, so blank lines and quoted line breaks are counted
     */
    public record Row(int line, List<String> fields) {}

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private CsvRows() {}

    /** A file that is not CSV; the message names the line. */
    public static final class MalformedCsvException extends IllegalArgumentException {

        public MalformedCsvException(String message) {
            super(message);
        }
    }

    /**
     * Every record with its fields, stripped; blank lines are dropped.
     *
     * @throws MalformedCsvException when a quoted field is never closed: the rest of the file
     *     would be read as one field, so nothing of it is taken
     */
    public static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowStart = 1;
        int quoteOpened = 0;
        for (int i = text.startsWith(BYTE_ORDER_MARK) ? 1 : 0; i < text.length(); i++) {
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
                quoteOpened = line;
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
        if (quoted) {
            throw new MalformedCsvException(
                    "line " + quoteOpened + " opens a quoted field that is never closed; a quote inside a"
                            + " quoted field is written twice (\"\")");
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
