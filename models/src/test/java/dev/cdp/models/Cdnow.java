package dev.cdp.models;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The CDNOW reference data, read in place from ../shared/datasets/cdnow (CDP_CDNOW overrides the
 * folder); a test that needs it is skipped, saying so, when it is absent.
 */
public final class Cdnow {

    public static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

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
        List<Purchase> purchases = new ArrayList<>();
        for (String line : Files.readAllLines(folder().resolve("CDNOW_sample.txt"))) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length == 5) {
                purchases.add(new Purchase(
                        fields[1].replaceFirst("^0+", ""),
                        LocalDate.parse(fields[2], DateTimeFormatter.BASIC_ISO_DATE),
                        Double.parseDouble(fields[4])));
            }
        }
        return purchases;
    }
}
