package dev.cdp.models.ltv;

import dev.cdp.models.Purchase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The CDNOW purchase files the lifetime-value literature is checked on, as purchases:
 * {@code CDNOW_sample.txt} (master id, sample id, date, CDs, dollars; the customer is the sample id)
 * and {@code CDNOW_master.txt} (a header line, then customer id, date, CDs, dollars).
 */
public final class CdnowData {

    /** The end of the literature's 39-week calibration period. */
    public static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

    private CdnowData() {}

    /**
     * Where the CDNOW files are: {@code CDP_CDNOW}, else the system property {@code cdp.cdnow}
     * (the builds set it to the shared datasets beside the repository), else
     * {@code ../shared/datasets/cdnow} from the working directory. It may not exist.
     */
    public static Path folder() {
        String override = System.getenv("CDP_CDNOW");
        return Path.of(
                override != null && !override.isBlank()
                        ? override
                        : System.getProperty("cdp.cdnow", "../shared/datasets/cdnow"));
    }

    /** The purchases of a CDNOW file in either layout, the customer ids without leading zeros. */
    public static List<Purchase> read(Path file) throws IOException {
        List<Purchase> purchases = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 4) {
                continue;
            }
            int customer = fields.length == 5 ? 1 : 0;
            // CDNOW_master.txt opens with a header line.
            if (!fields[customer + 1].matches("\\d{8}")) {
                continue;
            }
            purchases.add(new Purchase(
                    fields[customer].replaceFirst("^0+(?=.)", ""),
                    LocalDate.parse(fields[customer + 1], DateTimeFormatter.BASIC_ISO_DATE),
                    Double.parseDouble(fields[customer + 3])));
        }
        return purchases;
    }
}
