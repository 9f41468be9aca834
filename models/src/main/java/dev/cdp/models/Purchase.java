package dev.cdp.models;

import java.time.LocalDate;

/** One purchase: who, on which day, for how much. */
public record Purchase(String customerId, LocalDate date, double amount) {}
