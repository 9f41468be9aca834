package dev.cdp.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.datagen.CustomerGenerator;
import dev.cdp.identity.consent.ConsentVocabulary;
import dev.cdp.identity.identifiertype.DefaultIdentifierTypes;
import dev.cdp.identity.identifiertype.IdentifierTypes;
import dev.cdp.identity.ingest.EventLimits;
import dev.cdp.identity.ingest.EventParser;
import dev.cdp.identity.ingest.ParsedEvent;
import dev.cdp.identity.source.Source;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * identity-service's per-event CPU work before any I/O: JSON text to a validated cdp.v1.Event
 * with normalised identifiers. The baseline is Jackson parsing the same text, which ingest
 * cannot avoid.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EventParsingBenchmark {

    private static final IdentifierTypes TYPES =
            new IdentifierTypes(DefaultIdentifierTypes.ALL, List.of("undefined"), "CN");
    private static final Source SOURCE = new Source("bench", "bench", "api", "benc…", null, true, null, Instant.EPOCH);
    private static final ConsentVocabulary CONSENT =
            new ConsentVocabulary(Set.of("marketing"), Set.of("sms", "email", "all"));

    private final ObjectMapper json = new ObjectMapper();
    private final Instant now = Instant.now();
    private String text;

    @Setup
    public void setUp() throws IOException {
        CustomerGenerator generator = new CustomerGenerator(1);
        text = json.writeValueAsString(
                generator.events(generator.person(0), now).get(1));
    }

    @Benchmark
    public ParsedEvent parseAndValidate() throws IOException {
        return EventParser.parse(json.readTree(text), null, now, TYPES, SOURCE, CONSENT, EventLimits.SEGMENT);
    }

    @Benchmark
    public JsonNode jacksonBaseline() throws IOException {
        return json.readTree(text);
    }
}
