package dev.cdp.models.rfm;

import dev.cdp.models.Purchase;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A customer's recency, frequency and monetary value at a moment: days since the last order,
 * orders, and total spend.
 */
public record RfmValues(String customerId, double recencyDays, double frequency, double monetary) {

    /**
     * The values of every customer who ordered on or before {@code asOf}, from those orders, in
     * customer order.
     */
    public static List<RfmValues> of(List<Purchase> orders, LocalDate asOf) {
        Map<String, double[]> byCustomer = new TreeMap<>();
        Map<String, LocalDate> last = new TreeMap<>();
        for (Purchase order : orders) {
            if (!order.date().isAfter(asOf)) {
                double[] totals = byCustomer.computeIfAbsent(order.customerId(), id -> new double[2]);
                totals[0]++;
                totals[1] += order.amount();
                last.merge(order.customerId(), order.date(), (one, other) -> one.isAfter(other) ? one : other);
            }
        }
        List<RfmValues> values = new ArrayList<>(byCustomer.size());
        byCustomer.forEach((customer, totals) -> values.add(
                new RfmValues(customer, ChronoUnit.DAYS.between(last.get(customer), asOf), totals[0], totals[1])));
        return values;
    }
}
