package dev.cdp.tag.custom;

import dev.cdp.platform.csv.CsvRows;
import dev.cdp.proto.v1.BatchResolveRequest;
import dev.cdp.proto.v1.Identifier;
import dev.cdp.proto.v1.IdentifierSet;
import dev.cdp.proto.v1.IdentityService;
import dev.cdp.proto.v1.ResolveResult;
import dev.cdp.tag.catalogue.InvalidTagException;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A custom or model tag set for a list of people: a CSV whose rows name a person by
 * {@code one_id} or by identifiers (a column per type: email, phone, user_id, crm_id, …), with an
 * optional {@code value} column. Identifiers are resolved through identity-service (never
 * creating profiles); each bad or unmatched row is reported and the others are applied.
 */
@ApplicationScoped
public class TagUpload {

    static final int MAX_ROWS = 100_000;
    /** Rows resolved per BatchResolve call (identity-service takes up to 1,000), then applied. */
    private static final int CHUNK = 500;

    private static final int PEOPLE_AT_ONCE = 32;
    private static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(10);

    private final CustomTags custom;
    private final IdentityService identity;

    public TagUpload(CustomTags custom, @GrpcClient("identity") IdentityService identity) {
        this.custom = custom;
        this.identity = identity;
    }

    /** What an upload did: rows read, rows applied, and each row that was not, by its line number. */
    public record Report(String tag, int rows, int applied, List<RowProblem> unmatched, List<RowProblem> invalid) {}

    /** A row not applied: its line in the file (the header is line 1), the column and what is wrong. */
    public record RowProblem(int line, String field, String error) {}

    /**
     * @param defaultValue the value for rows without a {@code value} column or cell
     * @throws InvalidTagException when the file as a whole cannot be read (no header, unknown column)
     */
    public Uni<Report> upload(String tag, String csv, String defaultValue) {
        List<CsvRows.Row> lines;
        try {
            lines = CsvRows.parse(csv == null ? "" : csv);
        } catch (CsvRows.MalformedCsvException e) {
            throw new InvalidTagException("file", e.getMessage());
        }
        if (lines.isEmpty()) {
            throw new InvalidTagException("file", "is empty; the first line names the columns, e.g. email,value");
        }
        if (lines.size() - 1 > MAX_ROWS) {
            throw new InvalidTagException(
                    "file", "has " + (lines.size() - 1) + " rows; an upload takes at most " + MAX_ROWS);
        }
        List<String> header = lines.get(0).fields().stream()
                .map(column -> column.toLowerCase(java.util.Locale.ROOT))
                .toList();
        if (!header.contains("one_id") && header.stream().allMatch(column -> column.equals("value"))) {
            throw new InvalidTagException(
                    "file", "no column names a person; use one_id or identifier columns such as email, phone, user_id");
        }
        // Filled from the callbacks of rows applied at once.
        List<RowProblem> unmatched = Collections.synchronizedList(new ArrayList<>());
        List<RowProblem> invalid = Collections.synchronizedList(new ArrayList<>());
        List<Row> rows = new ArrayList<>();
        for (CsvRows.Row line : lines.subList(1, lines.size())) {
            try {
                rows.add(row(tag, header, line.fields(), line.line(), defaultValue));
            } catch (InvalidTagException problem) {
                invalid.add(new RowProblem(line.line(), problem.field(), problem.getMessage()));
            }
        }
        List<List<Row>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += CHUNK) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + CHUNK)));
        }
        return Multi.createFrom()
                .iterable(chunks)
                .onItem()
                .transformToUniAndConcatenate(
                        chunk -> named(chunk, unmatched, invalid).chain(named -> apply(named, invalid)))
                .collect()
                .with(Collectors.summingInt(Integer::intValue))
                .map(applied -> new Report(tag, lines.size() - 1, applied, byLine(unmatched), byLine(invalid)));
    }

    /**
     * Sets the rows' values, up to {@link #PEOPLE_AT_ONCE} people at a time (each change waits for
     * Redis and Kafka); a person's own rows go in file order, so the last one wins.
     *
     * @return how many rows were applied
     */
    private Uni<Integer> apply(List<Row> rows, List<RowProblem> invalid) {
        Map<String, List<Row>> byPerson = new LinkedHashMap<>();
        rows.forEach(row -> byPerson.computeIfAbsent(row.oneId(), oneId -> new ArrayList<>())
                .add(row));
        return Multi.createFrom()
                .iterable(byPerson.values())
                .onItem()
                .transformToUni(person -> Multi.createFrom()
                        .iterable(person)
                        // Deferred: a tag retired meanwhile throws from set, and that row alone is reported.
                        .onItem()
                        .transformToUniAndConcatenate(row -> Uni.createFrom()
                                .deferred(() -> custom.set(row.oneId(), row.values()))
                                .replaceWith(1)
                                .onFailure(InvalidTagException.class)
                                .recoverWithItem(failure -> {
                                    invalid.add(new RowProblem(
                                            row.line(), ((InvalidTagException) failure).field(), failure.getMessage()));
                                    return 0;
                                }))
                        .collect()
                        .with(Collectors.summingInt(Integer::intValue)))
                .merge(PEOPLE_AT_ONCE)
                .collect()
                .with(Collectors.summingInt(Integer::intValue));
    }

    /** A row read from the file: the person by OneID or by identifiers, and the tag's value (checked, not yet typed). */
    private record Row(int line, String oneId, List<Identifier> identifiers, Map<String, Object> values) {

        Row named(String resolved) {
            return new Row(line, resolved, identifiers, values);
        }
    }

    /** @throws InvalidTagException for a row that names nobody or whose value the tag does not take */
    private Row row(String tag, List<String> header, List<String> cells, int line, String defaultValue) {
        String oneId = null;
        String value = defaultValue;
        List<Identifier> identifiers = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            String cell = c < cells.size() ? cells.get(c) : "";
            if (cell.isEmpty()) {
                continue;
            }
            switch (header.get(c)) {
                case "one_id" -> oneId = cell;
                case "value" -> value = cell;
                default ->
                    identifiers.add(Identifier.newBuilder()
                            .setType(header.get(c))
                            .setValue(cell)
                            .build());
            }
        }
        if (value == null) {
            throw new InvalidTagException("value", "no value in the row and none given for the upload");
        }
        if (oneId == null && identifiers.isEmpty()) {
            throw new InvalidTagException("one_id", "the row names no person");
        }
        Map<String, Object> values = new HashMap<>();
        values.put(tag, value);
        // Bad values fail here, before any resolution, so a typo costs no round trip.
        custom.check(values);
        return new Row(line, oneId, identifiers, values);
    }

    /**
     * The chunk's rows with their OneIDs: rows naming people by identifiers are resolved in one
     * BatchResolve (never creating profiles); those nobody holds, or with malformed identifiers, are
     * reported instead.
     */
    private Uni<List<Row>> named(List<Row> chunk, List<RowProblem> unmatched, List<RowProblem> invalid) {
        List<Row> byIdentifiers =
                chunk.stream().filter(row -> row.oneId() == null).toList();
        if (byIdentifiers.isEmpty()) {
            return Uni.createFrom().item(chunk);
        }
        BatchResolveRequest.Builder request = BatchResolveRequest.newBuilder().setCreateIfMissing(false);
        byIdentifiers.forEach(
                row -> request.addPeople(IdentifierSet.newBuilder().addAllIdentifiers(row.identifiers())));
        return identity.batchResolve(request.build())
                .ifNoItem()
                .after(RESOLVE_TIMEOUT)
                .fail()
                .map(response -> {
                    List<Row> named = new ArrayList<>();
                    int next = 0;
                    for (Row row : chunk) {
                        if (row.oneId() != null) {
                            named.add(row);
                            continue;
                        }
                        ResolveResult result = response.getResults(next++);
                        switch (result.getOutcomeCase()) {
                            case RESOLVED ->
                                named.add(row.named(result.getResolved().getOneId()));
                            case INVALID -> invalid.add(new RowProblem(row.line(), "identifiers", result.getInvalid()));
                            default ->
                                unmatched.add(new RowProblem(
                                        row.line(), null, "no profile has " + describe(row.identifiers())));
                        }
                    }
                    return named;
                });
    }

    private static List<RowProblem> byLine(List<RowProblem> problems) {
        return problems.stream()
                .sorted(Comparator.comparingInt(RowProblem::line))
                .toList();
    }

    private static String describe(List<Identifier> identifiers) {
        return String.join(
                ", ",
                identifiers.stream()
                        .map(id -> id.getType() + " " + id.getValue())
                        .toList());
    }
}
