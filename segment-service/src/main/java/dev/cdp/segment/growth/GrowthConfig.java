package dev.cdp.segment.growth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the growth models; each is listed in the README's configuration table. */
@ConfigMapping(prefix = "cdp.models")
public interface GrowthConfig {

    /** How often RFM is scored again over every customer (0s: only when asked for). */
    @WithDefault("24h")
    Duration rfmEvery();

    /** How often lifetime value is fitted again on the order history (0s: only when asked for). */
    @WithDefault("24h")
    Duration ltvEvery();

    /** The event whose occurrences are the purchases lifetime value is fitted on. */
    @WithDefault("Order Completed")
    String ltvOrderEvent();

    /** The order's value: the first of these properties the event has. */
    @WithDefault("revenue,total")
    java.util.List<String> ltvAmountProperties();

    /** How far ahead lifetime value looks, in months. */
    @WithDefault("12")
    int ltvHorizonMonths();

    /** The monthly discount rate lifetime value is discounted at. */
    @WithDefault("0.01")
    double ltvMonthlyDiscount();

    /** Fewer repeat customers than this is too little to fit: the run fails and writes nothing. */
    @WithDefault("20")
    int ltvMinRepeatCustomers();

    /**
     * A run still RUNNING after this long was abandoned (the instance running it stopped): it no
     * longer holds the next run back and is recorded as failed.
     */
    @WithDefault("6h")
    Duration runTimeout();

    /** How many profiles' model tags are written to tag-service at once. */
    @WithDefault("16")
    int writeConcurrency();
}
