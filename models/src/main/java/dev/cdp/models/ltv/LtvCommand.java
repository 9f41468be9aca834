package dev.cdp.models.ltv;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.models.InvalidPurchasesException;
import dev.cdp.models.Purchase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code bin/cdp ltv --transactions FILE --calibration-end YYYY-MM-DD [--horizon-months 12]
 * [--monthly-discount 0.01] [--predict ID,ID,…] [--min-repeat-customers 20]}: fits BG/NBD and
 * Gamma-Gamma on a CSV of purchases ({@code customer_id,date,amount}, ISO dates) and prints one
 * JSON object. A bad argument or file prints the reason on standard error and exits with 2.
 */
public final class LtvCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LtvCommand() {}

    public static void main(String[] args) {
        try {
            System.out.println(run(args));
        } catch (InvalidPurchasesException | IllegalArgumentException e) {
            System.err.println("ltv: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("ltv: cannot read the transactions: " + e.getMessage());
            System.exit(2);
        }
    }

    /** The JSON the command prints for these arguments. */
    static String run(String[] args) throws IOException {
        Map<String, String> options = options(args);
        Path file = Path.of(required(options, "transactions"));
        LocalDate calibrationEnd = date(required(options, "calibration-end"), "--calibration-end");
        int horizon = number(options.getOrDefault("horizon-months", "12"), "--horizon-months", Integer::parseInt);
        double discount =
                number(options.getOrDefault("monthly-discount", "0.01"), "--monthly-discount", Double::parseDouble);
        int minimum = number(
                options.getOrDefault("min-repeat-customers", String.valueOf(LtvFit.MINIMUM_REPEAT_CUSTOMERS)),
                "--min-repeat-customers",
                Integer::parseInt);
        if (horizon < 1 || discount < 0) {
            throw new IllegalArgumentException(
                    "--horizon-months must be at least 1 and --monthly-discount not negative");
        }
        List<PurchaseHistory> histories = PurchaseHistory.of(read(file), calibrationEnd);
        LtvFit fit = LtvFit.of(histories, minimum);

        ObjectNode out =
                JSON.createObjectNode().put("customers", fit.customers()).put("repeatCustomers", fit.repeatCustomers());
        out.putObject("bgnbd")
                .put("r", fit.bgnbd().r())
                .put("alpha", fit.bgnbd().alpha())
                .put("a", fit.bgnbd().a())
                .put("b", fit.bgnbd().b())
                .put("logLikelihood", fit.bgnbd().logLikelihood());
        out.putObject("gammaGamma")
                .put("p", fit.gammaGamma().p())
                .put("q", fit.gammaGamma().q())
                .put("v", fit.gammaGamma().v())
                .put("logLikelihood", fit.gammaGamma().logLikelihood());
        out.put("fitSeconds", fit.fitSeconds());
        if (options.containsKey("predict")) {
            Map<String, PurchaseHistory> byId =
                    histories.stream().collect(Collectors.toMap(PurchaseHistory::customerId, Function.identity()));
            ArrayNode predictions = out.putArray("predictions");
            for (String id : options.get("predict").split(",")) {
                PurchaseHistory history = byId.get(id.strip());
                if (history == null) {
                    throw new IllegalArgumentException(
                            "--predict: customer " + id.strip() + " made no purchase by " + calibrationEnd);
                }
                LtvFit.Prediction prediction = fit.predict(history, horizon, discount);
                predictions
                        .addObject()
                        .put("customerId", prediction.customerId())
                        .put("expectedPurchases", prediction.expectedPurchases())
                        .put("pAlive", prediction.pAlive())
                        .put("expectedAmount", prediction.expectedAmount())
                        .put("clv", prediction.lifetimeValue());
            }
        }
        return JSON.writeValueAsString(out);
    }

    /**
     * Purchases from a CSV with the header {@code customer_id,date,amount}.
     *
     * @throws IllegalArgumentException naming the line of a row that cannot be read
     */
    static List<Purchase> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).strip().equals("customer_id,date,amount")) {
            throw new IllegalArgumentException(file + ": the first line must be the header customer_id,date,amount");
        }
        List<Purchase> purchases = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            String where = file.getFileName() + " line " + (i + 1);
            if (fields.length != 3 || fields[0].isBlank()) {
                throw new IllegalArgumentException(where + ": expected customer_id,date,amount, got \"" + line + "\"");
            }
            purchases.add(new Purchase(
                    fields[0].strip(),
                    date(fields[1].strip(), where),
                    number(fields[2].strip(), where, Double::parseDouble)));
        }
        return purchases;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static LocalDate date(String text, String where) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": \"" + text + "\" is not an ISO date such as 1997-09-30");
        }
    }

    private static <T> T number(String text, String where, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": \"" + text + "\" is not a number");
        }
    }
}
