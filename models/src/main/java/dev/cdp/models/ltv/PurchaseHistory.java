package dev.cdp.models.ltv;

import dev.cdp.models.Purchase;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A customer's purchases up to the end of calibration as the BG/NBD and Gamma-Gamma literature
 * summarises them, in weeks: the purchases of one day are one transaction; {@code repeats} are the
 * purchase days after the first; {@code recency} is the time from the first to the last of them
 * ({@code t_x}); {@code age} from the first to the end of calibration ({@code T});
 * {@code meanRepeatAmount} the mean spend of the repeat days (0 without any).
 */
public record PurchaseHistory(String customerId, int repeats, double recency, double age, double meanRepeatAmount) {

    static final double DAYS_PER_WEEK = 7.0;

    /**
     * The histories of every customer whose first purchase is on or before {@code calibrationEnd},
     * from their purchases on or before it, in customer order.
     */
    public static List<PurchaseHistory> of(List<Purchase> purchases, LocalDate calibrationEnd) {
        Map<String, TreeMap<LocalDate, Double>> days = new TreeMap<>();
        for (Purchase purchase : purchases) {
            if (!purchase.date().isAfter(calibrationEnd)) {
                days.computeIfAbsent(purchase.customerId(), id -> new TreeMap<>())
                        .merge(purchase.date(), purchase.amount(), Double::sum);
            }
        }
        List<PurchaseHistory> histories = new ArrayList<>(days.size());
        days.forEach((customer, spend) -> {
            LocalDate first = spend.firstKey();
            double repeatSpend =
                    spend.values().stream().mapToDouble(Double::doubleValue).sum()
                            - spend.firstEntry().getValue();
            int repeats = spend.size() - 1;
            histories.add(new PurchaseHistory(
                    customer,
                    repeats,
                    weeks(first, spend.lastKey()),
                    weeks(first, calibrationEnd),
                    repeats == 0 ? 0 : repeatSpend / repeats));
        });
        histories.sort(Comparator.comparing(PurchaseHistory::customerId));
        return histories;
    }

    private static double weeks(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) / DAYS_PER_WEEK;
    }
}
