package dev.cdp.models;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cdp.models.ltv.CdnowData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The CDNOW reference data, read in place where {@link CdnowData#folder} says; a test that needs
 * it is skipped, saying so, when it is absent.
 */
public final class Cdnow {

    public static final LocalDate CALIBRATION_END = CdnowData.CALIBRATION_END;

    private Cdnow() {}

    public static Path folder() {
        Path folder = CdnowData.folder();
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
