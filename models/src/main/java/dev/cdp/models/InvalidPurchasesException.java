package dev.cdp.models;

/** Purchases a model cannot be fitted on, with the reason: too few, a bad amount, a degenerate fit. */
public class InvalidPurchasesException extends RuntimeException {

    public InvalidPurchasesException(String message) {
        super(message);
    }
}
