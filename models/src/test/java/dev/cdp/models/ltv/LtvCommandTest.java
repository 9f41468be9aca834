package dev.cdp.models.ltv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cdp.models.Cdnow;
import dev.cdp.models.Purchase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/cdp ltv's command over a CSV of the CDNOW sample, and its refusals. */
class LtvCommandTest {

    @TempDir
    Path folder;

    @Test
    void theCommandPrintsTheFitAndThePredictionsAsked() throws IOException {
        Path csv = folder.resolve("cdnow.csv");
        StringBuilder rows = new StringBuilder("customer_id,date,amount\n");
        for (Purchase purchase : Cdnow.sample()) {
            rows.append(purchase.customerId())
                    .append(',')
                    .append(purchase.date())
                    .append(',')
                    .append(purchase.amount())
                    .append('\n');
        }
        Files.writeString(csv, rows);

        JsonNode out = new ObjectMapper().readTree(LtvCommand.run(new String[] {
            "--transactions", csv.toString(), "--calibration-end", "1997-09-30", "--predict", "1,2"
        }));
        assertEquals(2357, out.path("customers").asInt());
        assertEquals(946, out.path("repeatCustomers").asInt());
        assertEquals(0.243, out.path("bgnbd").path("r").asDouble(), 0.0005);
        assertEquals(15.44, out.path("gammaGamma").path("v").asDouble(), 0.005);
        assertEquals(2, out.path("predictions").size());
        JsonNode first = out.path("predictions").get(0);
        assertEquals("1", first.path("customerId").asText());
        assertTrue(first.path("pAlive").asDouble() > 0 && first.path("pAlive").asDouble() <= 1, first.toString());
        assertTrue(first.path("clv").asDouble() > 0, first.toString());
    }

    @Test
    void aBadFileOrArgumentIsRefusedSayingWhere() throws IOException {
        Path csv = folder.resolve("bad.csv");
        Files.write(csv, List.of("customer_id,date,amount", "c1,2026-01-01,10", "c1,01/02/2026,10"));
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> LtvCommand.run(
                        new String[] {"--transactions", csv.toString(), "--calibration-end", "2026-06-30"}));
        assertEquals("bad.csv line 3: \"01/02/2026\" is not an ISO date such as 1997-09-30", refused.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> LtvCommand.run(new String[] {"--transactions", csv.toString()}),
                "--calibration-end is required");
    }
}
