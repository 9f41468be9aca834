package dev.cdp.models;

import java.time.LocalDate;

/** One purchase: who, on which day, for how much. */
public record Purchase(String customerId, LocalDate date, double amount) {

    /**
     * A free purchase (0) is still a transaction, as in CDNOW; a refund is not a purchase.
     *
     * @throws InvalidPurchasesException for an amount that is negative or not a number
     */
    public Purchase {
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new InvalidPurchasesException("customer " + customerId + " on " + date
                    + ": the amount must be a number of 0 or more, got " + amount);
        }
    }
}
