package dev.cdp.models.ltv;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cdp.models.InvalidPurchasesException;
import dev.cdp.models.Purchase;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Purchases the models cannot be fitted on are refused with the reason. */
class BadPurchasesTest {

    private static final LocalDate END = LocalDate.of(2026, 6, 30);

    @Test
    void aNegativeAmountIsRefusedNamingTheCustomerAndDay() {
        InvalidPurchasesException refused = assertThrows(
                InvalidPurchasesException.class,
                () -> PurchaseHistory.of(List.of(new Purchase("c1", LocalDate.of(2026, 1, 2), -5)), END));
        assertTrue(refused.getMessage().contains("customer c1 on 2026-01-02"), refused.getMessage());
        assertThrows(
                InvalidPurchasesException.class,
                () -> PurchaseHistory.of(List.of(new Purchase("c1", LocalDate.of(2026, 1, 2), Double.NaN)), END));
    }

    @Test
    void tooFewRepeatCustomersIsRefusedSayingHowMany() {
        List<PurchaseHistory> histories = PurchaseHistory.of(
                List.of(
                        new Purchase("c1", LocalDate.of(2026, 1, 2), 10),
                        new Purchase("c1", LocalDate.of(2026, 2, 2), 12),
                        new Purchase("c2", LocalDate.of(2026, 1, 3), 8)),
                END);
        InvalidPurchasesException refused =
                assertThrows(InvalidPurchasesException.class, () -> LtvFit.of(histories, 20));
        assertTrue(
                refused.getMessage().startsWith("1 repeat customers; Gamma-Gamma needs at least 20"),
                refused.getMessage());
    }

    @Test
    void noRepeatPurchaseAtAllIsRefusedByBgNbd() {
        List<PurchaseHistory> histories = PurchaseHistory.of(
                List.of(
                        new Purchase("c1", LocalDate.of(2026, 1, 2), 10),
                        new Purchase("c2", LocalDate.of(2026, 1, 3), 8)),
                END);
        InvalidPurchasesException refused = assertThrows(InvalidPurchasesException.class, () -> BgNbd.fit(histories));
        assertTrue(refused.getMessage().contains("not one repeat purchase"), refused.getMessage());
    }

    @Test
    void purchasesAfterTheCalibrationEndAndSameDayPurchasesFollowTheLiterature() {
        List<PurchaseHistory> histories = PurchaseHistory.of(
                List.of(
                        new Purchase("c1", LocalDate.of(2026, 1, 1), 10),
                        new Purchase("c1", LocalDate.of(2026, 1, 15), 5),
                        new Purchase("c1", LocalDate.of(2026, 1, 15), 7),
                        new Purchase("c1", LocalDate.of(2026, 7, 1), 100),
                        new Purchase("c2", LocalDate.of(2026, 7, 2), 8)),
                END);
        assertTrue(histories.size() == 1, "c2 first bought after the calibration: not a customer of it");
        PurchaseHistory c1 = histories.get(0);
        assertTrue(c1.repeats() == 1, "two purchases on 15 January are one transaction; July's is after the end");
        assertTrue(Math.abs(c1.recency() - 2.0) < 1e-12 && Math.abs(c1.meanRepeatAmount() - 12) < 1e-12, c1.toString());
        assertTrue(Math.abs(c1.age() - 180 / 7.0) < 1e-12, c1.toString());
    }
}
