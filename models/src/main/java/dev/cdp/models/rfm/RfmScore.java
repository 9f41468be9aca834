package dev.cdp.models.rfm;

/**
 * A customer's RFM: the three 1–5 scores, the code ("545"), the named group of the R×F grid, and
 * the class of the mean-split matrix used in China (重要价值 …).
 */
public record RfmScore(
        String customerId, int recency, int frequency, int monetary, String code, String group, String matrixClass) {}
