package dev.cdp.identity.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.identity.consent.ConsentService;
import dev.cdp.identity.identifiertype.IdentifierTypeService;
import dev.cdp.identity.identifiertype.IdentifierTypes;
import dev.cdp.identity.imports.ImportReport.RowProblem;
import dev.cdp.identity.imports.ImportReport.State;
import dev.cdp.identity.imports.repository.ImportRecord;
import dev.cdp.identity.imports.repository.ImportRepository;
import dev.cdp.identity.ingest.EventLimits;
import dev.cdp.identity.ingest.EventParser;
import dev.cdp.identity.ingest.IngestOutcome;
import dev.cdp.identity.ingest.IngestService;
import dev.cdp.identity.ingest.InvalidEventException;
import dev.cdp.identity.ingest.ParsedEvent;
import dev.cdp.identity.source.Source;
import dev.cdp.platform.csv.CsvRows;
import dev.cdp.platform.db.Transactions;
import dev.cdp.proto.v1.EventType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * CSV imports of CRM members and POS customers. Each row becomes an identify call, validated by
 * the Segment API's rules and resolved like any event, in its own transaction: a row is applied
 * whole or not at all, and a bad row is reported by line, column and reason while the others go
 * on. A row's messageId is the import id and the row's number, so uploading the same file under
 * the same id again applies nothing twice: its rows come back as duplicates.
 */
@ApplicationScoped
public class ImportService {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
    private static final TypeReference<List<RowProblem>> PROBLEMS = new TypeReference<>() {};

    private final IngestService ingest;
    private final IdentifierTypeService types;
    private final ConsentService consents;
    private final ImportRepository imports;
    private final ImportConfig config;
    private final ObjectMapper json;
    private final EventLimits limits;

    public ImportService(
            IngestService ingest,
            IdentifierTypeService types,
            ConsentService consents,
            ImportRepository imports,
            ImportConfig config,
            ObjectMapper json,
            EventLimits limits) {
        this.limits = limits;
        this.ingest = ingest;
        this.types = types;
        this.consents = consents;
        this.imports = imports;
        this.config = config;
        this.json = json;
    }

    /**
     * Runs an import to its end.
     *
     * @param id the import's id, or null for one derived from the source, kind and content (the
     *     same file uploaded again gets the same id)
     * @return the report, or a failed Uni: {@link InvalidImportException} when the file as a
     *     whole cannot be read, {@link ImportTooLargeException} over the row limit; in both cases
     *     nothing is applied
     */
    public Uni<ImportReport> run(Source source, String kindName, String id, String csv) {
        return Uni.createFrom().deferred(() -> {
            ImportKind kind = ImportKind.of(kindName);
            String importId = id == null || id.isBlank()
                    ? UUID.nameUUIDFromBytes(
                                    (source.id() + "\n" + kind.code() + "\n" + csv).getBytes(StandardCharsets.UTF_8))
                            .toString()
                    : checkedId(id);
            List<CsvRows.Row> lines;
            try {
                lines = CsvRows.parse(csv == null ? "" : csv);
            } catch (CsvRows.MalformedCsvException e) {
                throw new InvalidImportException("file", e.getMessage());
            }
            if (lines.isEmpty()) {
                throw new InvalidImportException(
                        "file",
                        "is empty; the first line names the columns, e.g. " + kind.keyType()
                                + ",email,phone,trait.name");
            }
            if (lines.size() - 1 > config.maxRows()) {
                throw new ImportTooLargeException(lines.size() - 1, config.maxRows());
            }
            IdentifierTypes rules = types.current();
            ImportColumns columns = ImportColumns.of(lines.get(0).fields(), rules, kind);
            Run run = new Run(importId, source, kind, columns, rules, lines.size() - 1);
            return save(run.report(State.RUNNING))
                    .chain(() -> Multi.createFrom()
                            .range(1, lines.size())
                            .onItem()
                            .transformToUniAndConcatenate(row -> run.apply(row, lines.get(row)))
                            .collect()
                            .last())
                    .chain(() -> save(run.report(State.DONE)));
        });
    }

    /** The report of an import, null when there is none. */
    public Uni<ImportReport> get(String id) {
        return Panache.withSession(() -> imports.findById(id)).map(row -> row == null ? null : toReport(row));
    }

    private static String checkedId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new InvalidImportException("id", "\"" + id + "\" must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return id;
    }

    /** One import under way: its rows are applied one at a time, in file order. */
    private final class Run {

        private final String id;
        private final Source source;
        private final ImportKind kind;
        private final ImportColumns columns;
        private final IdentifierTypes rules;
        private final int rows;
        private final Instant startedAt = Instant.now();
        private final List<RowProblem> rejected = new ArrayList<>();
        private int accepted;
        private int duplicates;

        Run(String id, Source source, ImportKind kind, ImportColumns columns, IdentifierTypes rules, int rows) {
            this.id = id;
            this.source = source;
            this.kind = kind;
            this.columns = columns;
            this.rules = rules;
            this.rows = rows;
        }

        Uni<Void> apply(int row, CsvRows.Row line) {
            if (line.fields().size() > columns.size()) {
                return reject(
                        line.line(),
                        null,
                        "has " + line.fields().size() + " fields; the header names " + columns.size() + " columns");
            }
            String key = columns.cell(line.fields(), kind.keyType());
            if (key.isEmpty()) {
                return reject(
                        line.line(),
                        kind.keyType(),
                        kind.keyType() + " is required: a " + kind.code() + " row names its person by it");
            }
            ParsedEvent event;
            try {
                event = EventParser.parseRecord(
                        columns.call(line.fields(), "import-" + id + "-row-" + row, context(line.line())),
                        EventType.IDENTIFY,
                        Instant.now(),
                        rules,
                        source,
                        consents.vocabulary(),
                        limits);
            } catch (InvalidEventException e) {
                String column = columns.columnOf(e.field());
                return reject(line.line(), column, column + " " + e.reason());
            }
            if (event.identifiers().stream()
                    .noneMatch(identifier -> identifier.type().equals(kind.keyType()))) {
                return reject(
                        line.line(),
                        kind.keyType(),
                        kind.keyType() + " \"" + key + "\" is a placeholder value, not an identifier");
            }
            return ingest.ingest(event)
                    .invoke(this::count)
                    .replaceWithVoid()
                    .onFailure()
                    .recoverWithUni(failure -> reject(
                            line.line(),
                            null,
                            "was not applied and nothing of it was" + " written (" + failure.getMessage()
                                    + "); upload the file again under the same id to retry"));
        }

        private ObjectNode context(int line) {
            ObjectNode context = JsonNodeFactory.instance.objectNode();
            context.put("channel", kind.channel());
            context.putObject("import").put("id", id).put("kind", kind.code()).put("line", line);
            return context;
        }

        private void count(IngestOutcome outcome) {
            accepted++;
            if (outcome.duplicate()) {
                duplicates++;
            }
        }

        private Uni<Void> reject(int line, String field, String reason) {
            rejected.add(new RowProblem(line, field, reason));
            return Uni.createFrom().voidItem();
        }

        ImportReport report(State state) {
            return new ImportReport(
                    id,
                    source.name(),
                    kind.code(),
                    state,
                    rows,
                    accepted,
                    duplicates,
                    List.copyOf(rejected),
                    startedAt,
                    state == State.DONE ? Instant.now() : null);
        }
    }

    private Uni<ImportReport> save(ImportReport report) {
        return Transactions.withRetryOnConflict(() -> imports.findById(report.id())
                        .chain(found -> {
                            ImportRecord row = found != null ? found : new ImportRecord();
                            row.id = report.id();
                            row.sourceName = report.source();
                            row.kind = report.kind();
                            row.state = report.state().name();
                            row.rows = report.rows();
                            row.accepted = report.accepted();
                            row.duplicates = report.duplicates();
                            row.rejected = writeProblems(report.rejected());
                            row.startedAt = report.startedAt();
                            row.finishedAt = report.finishedAt();
                            return found != null ? Uni.createFrom().item(row) : imports.persist(row);
                        }))
                .replaceWith(report);
    }

    private String writeProblems(List<RowProblem> problems) {
        try {
            return json.writeValueAsString(problems);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rejected rows cannot be written as JSON", e);
        }
    }

    private ImportReport toReport(ImportRecord row) {
        List<RowProblem> problems;
        try {
            problems = json.readValue(row.rejected, PROBLEMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("import " + row.id + " holds rejected rows that are not JSON", e);
        }
        return new ImportReport(
                row.id,
                row.sourceName,
                row.kind,
                State.valueOf(row.state),
                row.rows,
                row.accepted,
                row.duplicates,
                problems,
                row.startedAt,
                row.finishedAt);
    }
}
