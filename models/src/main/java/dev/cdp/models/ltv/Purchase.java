package dev.cdp.models.ltv;

import java.time.LocalDate;

/** One purchase: who, on which day, for how much. */
public record Purchase(String customerId, LocalDate date, double amount) {}
