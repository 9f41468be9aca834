package dev.cdp.platform.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CsvRowsTest {

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnName() {
        List<CsvRows.Row> rows = CsvRows.parse("\uFEFFemail,value\r\nada@example.com,gold\r\n");
        assertEquals(List.of("email", "value"), rows.get(0).fields());
        assertEquals(List.of("ada@example.com", "gold"), rows.get(1).fields());
    }

    @Test
    void anUnterminatedQuoteIsRefusedNamingTheLineItOpensOn() {
        CsvRows.MalformedCsvException malformed = assertThrows(
                CsvRows.MalformedCsvException.class,
                () -> CsvRows.parse(
                        "email,value\nada@example.com,gold\n\"lin@example.com,silver\nbo@example.com,gold\n"));
        assertEquals(
                "line 3 opens a quoted field that is never closed; a quote inside a quoted field is written twice (\"\")",
                malformed.getMessage());
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaksAndRowsKeepTheLineTheyStartOn() {
        List<CsvRows.Row> rows = CsvRows.parse("name,note\n\n\"Lin, Bo\",\"said \"\"hi\"\"\ntwice\"\nAda,x\n");
        assertEquals(List.of("Lin, Bo", "said \"hi\"\ntwice"), rows.get(1).fields());
        assertEquals(3, rows.get(1).line());
        assertEquals(5, rows.get(2).line());
    }

    /** Whatever a spreadsheet writes reads back as the same cells, with any line ending. */
    @Property(tries = 500)
    void writtenCellsReadBackAsTheyWere(
            @ForAll("tables") List<List<String>> table, @ForAll boolean crlf, @ForAll boolean bom) {
        StringBuilder file = new StringBuilder(bom ? "\uFEFF" : "");
        for (List<String> row : table) {
            file.append(String.join(",", row.stream().map(CsvRowsTest::quoted).toList()))
                    .append(crlf ? "\r\n" : "\n");
        }
        List<List<String>> read = new ArrayList<>();
        CsvRows.parse(file.toString()).forEach(row -> read.add(row.fields()));
        assertEquals(table, read);
    }

    /** Any text is either rows or a MalformedCsvException: nothing else escapes, nothing hangs. */
    @Property(tries = 2000)
    void anyTextIsReadOrRefusedWithTheReason(@ForAll("csvLike") String text) {
        try {
            CsvRows.parse(text);
        } catch (CsvRows.MalformedCsvException expected) {
            // The only refusal there is.
        }
    }

    @Provide
    Arbitrary<List<List<String>>> tables() {
        // Cells are stripped on reading, so generated ones carry no outer spaces; a row needs one non-empty cell.
        Arbitrary<String> cell =
                Arbitraries.strings().withChars("abc ,\"\n\r€中").ofMaxLength(8).map(String::strip);
        return cell.list()
                .ofMinSize(2)
                .ofMaxSize(4)
                .filter(row -> row.stream().anyMatch(value -> !value.isEmpty()))
                .list()
                .ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> csvLike() {
        return Arbitraries.strings().withChars("ab,\"\n\r \uFEFF").ofMaxLength(40);
    }

    private static String quoted(String cell) {
        return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
}
