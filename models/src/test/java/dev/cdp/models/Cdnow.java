package dev.cdp.models;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cdp.models.ltv.CdnowData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The CDNOW reference data, read in place from ../shared/datasets/cdnow (CDP_CDNOW overrides the
 * folder); a test that needs it is skipped, saying so, when it is absent.
 */
public final class Cdnow {

    public static final LocalDate CALIBRATION_END = CdnowData.CALIBRATION_END;

    private Cdnow() {}

    public static Path folder() {
        String override = System.getenv("CDP_CDNOW");
        Path folder = Path.of(
                override != null && !override.isBlank()
                        ? override
                        : System.getProperty("cdp.cdnow", "../../shared/datasets/cdnow"));
        assumeTrue(
                Files.isRegularFile(folder.resolve("CDNOW_sample.txt")),
                "no CDNOW data at " + folder.toAbsolutePath() + " (set CDP_CDNOW to its folder): skipped");
        return folder;
    }

    /** CDNOW_sample.txt's purchases, the customer being the sample's id (1..2357). */
    public static List<Purchase> sample() throws IOException {
        return CdnowData.read(folder().resolve("CDNOW_sample.txt"));
    }
}
