package dev.cdp.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** identity-service settings ({@code cdp.identity.*}); each is listed in the service README. */
@ConfigMapping(prefix = "cdp.identity")
public interface IdentityConfig {

    /** Region of phone numbers written without a +country code (ISO 3166). */
    @WithDefault("CN")
    String defaultPhoneRegion();

    /** Placeholder values SDKs and forms send when they have no real id: never linked on, for any type. */
    @WithDefault("null,undefined,none,nil,nan,unknown,anonymous,guest,test,0,-1")
    List<String> globalBlockedValues();

    /**
     * How many identifiers of all types one profile may hold; a link or merge beyond it is refused
     * and recorded. A graph that keeps growing is a shared or leaked id joining strangers.
     */
    @WithDefault("150")
    int maxIdentifiersPerProfile();

    /**
     * Identifier types that name a device or browser rather than a person: they attach anonymous
     * activity to a person but never join two known people (a household tablet).
     */
    @WithDefault("anonymous_id,device_id")
    Set<String> deviceTypes();

    /**
     * The write key of the "demo" source seeded at start, for local use; empty (production): no
     * demo source is created.
     */
    Optional<String> demoWriteKey();

    /**
     * How often configuration kept in PostgreSQL (identifier types, sources) is re-read, so a change made
     * through another instance arrives here too. A change made through this instance applies at once.
     */
    @WithDefault("30s")
    Duration configRefreshInterval();

    /**
     * Which channel's word counts for a trait when channels disagree, most trusted first; channels
     * not listed come after, in no order. Within one channel the latest value wins.
     */
    @WithDefault("crm,pos,ecommerce,app,mini_program,web,api")
    List<String> traitPrecedence();
    /**
     * How precisely an identifier's last-seen time is kept: it is rewritten only once it is older
     * than this, so a person's stream of events does not rewrite the same rows again and again.
     */
    @WithDefault("1h")
    Duration lastSeenPrecision();

    /** What consent is given for ({@code context.consent.<purpose>}). */
    @WithDefault("marketing,analytics,personalisation")
    List<String> consentPurposes();

    /** Where consent is given for ({@code context.consent.<purpose>.<channel>}); "all" covers every channel. */
    @WithDefault("sms,email,app_push,wecom,all")
    List<String> consentChannels();

    /** How long an access export waits for each other service's answer. */
    @WithDefault("10s")
    Duration exportTimeout();

    /** The services that hold personal data and confirm an erasure; the receipt is complete when all have. */
    @WithDefault("identity-service,tag-service,segment-service,activation-service")
    List<String> erasureServices();

    /**
     * How long an erased person's identifiers (kept as keyed hashes) keep out events that happened
     * before the erasure: longer than any SDK retry or topic replay reaches back.
     */
    @WithDefault("30d")
    Duration suppressionWindow();

    /** The HMAC key of those hashes: set a secret of your own in production (CDP_SUPPRESSION_KEY). */
    @WithDefault("cdp-development-suppression-key")
    String suppressionKey();

    /**
     * Traits that hold personal data beyond identifiers: masked for callers without PII rights
     * (names to initials, the rest hidden). Traits named like an email or phone identifier type
     * are masked as such.
     */
    @WithDefault("name,first_name,last_name,full_name,address,street,birthday")
    Set<String> piiTraits();
}
