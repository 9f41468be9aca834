package dev.cdp.activation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of activation-service; each is overridable by environment, e.g. CDP_ACTIVATION_WEBHOOK_TIMEOUT=10s. */
@ConfigMapping(prefix = "cdp.activation")
public interface ActivationConfig {

    Webhook webhook();

    interface Webhook {

        /** How long one attempt may wait to connect, and then for response data, before it counts as failed. */
        @WithDefault("5s")
        Duration timeout();

        /** Attempts per delivery, the first included. */
        @WithDefault("3")
        int maxAttempts();

        /** The pause before the second attempt; it doubles before each further one. */
        @WithDefault("200ms")
        Duration backoff();
    }
}
