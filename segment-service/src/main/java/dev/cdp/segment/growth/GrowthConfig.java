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

    /** AIPL Awareness: exposed or visited. */
    @WithDefault("last_seen_at WITHIN 90 DAYS")
    String aiplAwareness();

    /** AIPL Interest: engaged (browse depth, cart adds). */
    @WithDefault("product_view_count_7d >= 3 OR cart_add_count_30d >= 1")
    String aiplInterest();

    /** AIPL Purchase: bought in the window. */
    @WithDefault("order_count_90d >= 1")
    String aiplPurchase();

    /** AIPL Loyalty: repeat purchase or membership. */
    @WithDefault("order_count_365d >= 2 OR crm_level IS SET")
    String aiplLoyalty();

    /** How often every profile's AIPL stage is decided again (0s: only when asked for). */
    @WithDefault("24h")
    Duration aiplEvery();

    /** The events that show interest, each with how much it says ("name:weight"). */
    @WithDefault("Product Viewed:1,Product Added:3,Order Completed:5")
    java.util.List<String> interestEvents();

    /** The event property naming the interest (a category, a brand, a piece of content). */
    @WithDefault("category")
    String interestProperty();

    /** How fast interest fades: an interaction counts half as much every half-life. */
    @WithDefault("14d")
    Duration interestHalfLife();

    /** How many interests each profile's {@code interests_top} tag holds. */
    @WithDefault("5")
    int interestTop();

    /** An interest scoring less than this (after decay) is too faint to name. */
    @WithDefault("0.5")
    double interestMinimumScore();

    /** How often every profile's interests are worked out again (0s: only when asked for). */
    @WithDefault("24h")
    Duration interestEvery();

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
