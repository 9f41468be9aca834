package dev.cdp.tag.custom;

import dev.cdp.platform.csv.CsvRows;
import dev.cdp.proto.v1.Identifier;
import dev.cdp.proto.v1.IdentityService;
import dev.cdp.proto.v1.ResolveRequest;
import dev.cdp.tag.catalogue.InvalidTagException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A custom or model tag set for a list of people: a CSV whose rows name a person by
 * {@code one_id} or by identifiers (a column per type: email, phone, user_id, crm_id, …), with an
 * optional {@code value} column. Identifiers are resolved through identity-service (never
 * creating profiles); each bad or unmatched row is reported and the others are applied.
 */
@ApplicationScoped
public class TagUpload {

    static final int MAX_ROWS = 100_000;
    private static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(5);

    private final CustomTags custom;
    private final IdentityService identity;

    public TagUpload(CustomTags custom, @GrpcClient("identity") IdentityService identity) {
        this.custom = custom;
        this.identity = identity;
    }

    /** What an upload did: rows read, rows applied, and each row that was not, by its line number. */
    public record Report(String tag, int rows, int applied, List<RowProblem> unmatched, List<RowProblem> invalid) {
    }

    /** A row not applied: its line in the file (the header is line 1), the column and what is wrong. */
    public record RowProblem(int line, String field, String error) {
    }

    /**
     * @param defaultValue the value for rows without a {@code value} column or cell
     * @throws InvalidTagException when the file as a whole cannot be read (no header, unknown column)
     */
    public Uni<Report> upload(String tag, String csv, String defaultValue) {
        List<CsvRows.Row> lines = CsvRows.parse(csv == null ? "" : csv);
        if (lines.isEmpty()) {
            throw new InvalidTagException("file", "is empty; the first line names the columns, e.g. email,value");
        }
        if (lines.size() - 1 > MAX_ROWS) {
            throw new InvalidTagException("file", "has " + (lines.size() - 1) + " rows; an upload takes at most " + MAX_ROWS);
        }
        List<String> header = lines.get(0).fields().stream().map(column -> column.toLowerCase(java.util.Locale.ROOT)).toList();
        if (!header.contains("one_id") && header.stream().allMatch(column -> column.equals("value"))) {
            throw new InvalidTagException("file", "no column names a person; use one_id or identifier columns such as email, phone, user_id");
        }
        List<RowProblem> unmatched = new ArrayList<>();
        List<RowProblem> invalid = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            lineNumbers.add(i);
        }
        return Multi.createFrom().iterable(lineNumbers)
                .onItem().transformToUniAndConcatenate(i -> Uni.createFrom()
                        .deferred(() -> row(tag, header, lines.get(i).fields(), lines.get(i).line(), defaultValue))
                        .onFailure(InvalidTagException.class).recoverWithItem(failure -> {
                            InvalidTagException problem = (InvalidTagException) failure;
                            invalid.add(new RowProblem(lines.get(i).line(), problem.field(), failure.getMessage()));
                            return false;
                        })
                        .onFailure(Unmatched.class).recoverWithItem(failure -> {
                            unmatched.add(new RowProblem(lines.get(i).line(), null, failure.getMessage()));
                            return false;
                        }))
                .collect().asList()
                .map(applied -> new Report(tag, lineNumbers.size(), (int) applied.stream().filter(done -> done).count(), unmatched, invalid));
    }

    private Uni<Boolean> row(String tag, List<String> header, List<String> cells, int line, String defaultValue) {
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
                default -> identifiers.add(Identifier.newBuilder().setType(header.get(c)).setValue(cell).build());
            }
        }
        if (value == null) {
            return Uni.createFrom().failure(new InvalidTagException("value", "no value in the row and none given for the upload"));
        }
        Map<String, Object> values = new HashMap<>();
        values.put(tag, value);
        if (oneId != null) {
            return custom.set(oneId, values).replaceWith(true);
        }
        if (identifiers.isEmpty()) {
            return Uni.createFrom().failure(new InvalidTagException("one_id", "the row names no person"));
        }
        // Bad values throw before any resolution, so a typo costs no round trip.
        custom.check(values);
        return identity.resolve(ResolveRequest.newBuilder().addAllIdentifiers(identifiers).setCreateIfMissing(false).build())
                .ifNoItem().after(RESOLVE_TIMEOUT).fail()
                .onFailure(StatusRuntimeException.class).transform(failure -> {
                    Status status = ((StatusRuntimeException) failure).getStatus();
                    if (status.getCode() == Status.Code.NOT_FOUND) {
                        return new Unmatched("no profile has " + describe(identifiers));
                    }
                    if (status.getCode() == Status.Code.INVALID_ARGUMENT) {
                        return new InvalidTagException("identifiers", status.getDescription());
                    }
                    return failure;
                })
                .chain(resolved -> custom.set(resolved.getOneId(), values))
                .replaceWith(true);
    }

    private static String describe(List<Identifier> identifiers) {
        return String.join(", ", identifiers.stream().map(id -> id.getType() + " " + id.getValue()).toList());
    }

    /** A row whose identifiers belong to no profile. */
    static final class Unmatched extends RuntimeException {
        Unmatched(String message) {
            super(message, null, false, false);
        }
    }
}
