package dev.cdp.segment.growth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cdp.models.ltv.LtvFit;
import dev.cdp.models.ltv.PurchaseHistory;
import dev.cdp.platform.error.InvalidInputException;
import dev.cdp.platform.vertx.CallerContext;
import dev.cdp.proto.v1.TagValue;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lifetime value fitted on the order history (BG/NBD and Gamma-Gamma, {@code dev.cdp.models.ltv})
 * and written back as the model tags {@code ltv_predicted} (over {@code CDP_MODELS_LTV_HORIZON_MONTHS},
 * discounted), {@code p_alive} and {@code expected_orders_90d}. The run's metrics hold both
 * models' parameters, the customers fitted on and left out, and the fit's time.
 */
@ApplicationScoped
public class LtvRuns {

    public static final String MODEL = "ltv";
    private static final double WEEKS_90_DAYS = 90 / 7.0;

    private final ModelRuns runs;
    private final EventHistory orders;
    private final ModelTags tags;
    private final ObjectMapper json;
    private final GrowthConfig config;

    public LtvRuns(ModelRuns runs, EventHistory orders, ModelTags tags, ObjectMapper json, GrowthConfig config) {
        this.runs = runs;
        this.orders = orders;
        this.tags = tags;
        this.json = json;
        this.config = config;
    }

    void onStart(@Observes StartupEvent started) {
        runs.every(MODEL, config.ltvEvery(), () -> start(null));
    }

    /**
     * Starts a run: fitted on the orders up to the end of {@code calibrationEnd} (a day, UTC;
     * null: today), predicting from then.
     *
     * @throws InvalidInputException for a day that is not an ISO date or is in the future
     * @throws RunInProgressException (as the Uni's failure) while a run is in progress
     */
    public Uni<ModelRunView> start(String calibrationEnd) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate end;
        try {
            end = calibrationEnd == null ? today : LocalDate.parse(calibrationEnd.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    "calibrationEnd", "\"" + calibrationEnd + "\" is not an ISO date such as 2026-09-30");
        }
        if (end.isAfter(today)) {
            throw new InvalidInputException("calibrationEnd", "must not be after today, got " + end);
        }
        ObjectNode parameters = json.createObjectNode()
                .put("calibrationEnd", end.toString())
                .put("orderEvent", config.ltvOrderEvent())
                .put("horizonMonths", config.ltvHorizonMonths())
                .put("monthlyDiscount", config.ltvMonthlyDiscount())
                .put("minRepeatCustomers", config.ltvMinRepeatCustomers());
        return runs.start(MODEL, parameters, id -> run(end));
    }

    private Uni<ModelRuns.Outcome> run(LocalDate calibrationEnd) {
        return orders.purchases(
                        calibrationEnd.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                // Fitting is CPU work of a second or more: on a worker, then back on the run's
                // context, where its database session lives.
                .chain(purchases -> CallerContext.resume(Uni.createFrom()
                        .item(() -> fit(purchases, calibrationEnd))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())))
                .chain(fitted ->
                        tags.write(fitted.written()).map(count -> new ModelRuns.Outcome(fitted.metrics(), count)));
    }

    private record Fitted(ObjectNode metrics, List<ModelTags.Written> written) {}

    private Fitted fit(List<dev.cdp.models.Purchase> purchases, LocalDate calibrationEnd) {
        List<PurchaseHistory> histories = PurchaseHistory.of(purchases, calibrationEnd);
        LtvFit fit = LtvFit.of(histories, config.ltvMinRepeatCustomers());
        List<ModelTags.Written> written = new ArrayList<>(histories.size());
        for (PurchaseHistory history : histories) {
            LtvFit.Prediction prediction = fit.predict(history, config.ltvHorizonMonths(), config.ltvMonthlyDiscount());
            written.add(new ModelTags.Written(
                    history.customerId(),
                    Map.of(
                            "ltv_predicted", number(prediction.lifetimeValue()),
                            "p_alive", number(prediction.pAlive()),
                            "expected_orders_90d", number(fit.bgnbd().expectedPurchases(history, WEEKS_90_DAYS)))));
        }
        ObjectNode metrics = json.createObjectNode()
                .put("customers", fit.customers())
                .put("repeatCustomers", fit.repeatCustomers())
                .put("leftOutOfSpend", fit.gammaGamma().leftOut())
                .put("fitSeconds", fit.fitSeconds());
        metrics.putObject("bgnbd")
                .put("r", fit.bgnbd().r())
                .put("alpha", fit.bgnbd().alpha())
                .put("a", fit.bgnbd().a())
                .put("b", fit.bgnbd().b())
                .put("logLikelihood", fit.bgnbd().logLikelihood());
        metrics.putObject("gammaGamma")
                .put("p", fit.gammaGamma().p())
                .put("q", fit.gammaGamma().q())
                .put("v", fit.gammaGamma().v())
                .put("logLikelihood", fit.gammaGamma().logLikelihood());
        return new Fitted(metrics, written);
    }

    private static TagValue number(double value) {
        return TagValue.newBuilder().setNumber(value).build();
    }
}
