package dev.cdp.segment;

import dev.cdp.proto.v1.TagDefinition;
import dev.cdp.segment.tagcatalogue.CatalogueNotLoadedException;
import dev.cdp.segment.tagcatalogue.TagCatalogue;
import dev.cdp.testing.TestKafka;
import io.quarkus.arc.Arc;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tags the tests' rules read, published on cdp.tags.catalogue as tag-service publishes its
 * catalogue, and awaited in segment-service's replica, so definitions are checked as in production.
 * {@code cohort} is text that each test sets to a value of its own, keeping tests apart.
 */
public final class TestCatalogue {

    private static final Map<String, String> SCHEMA = Map.of("cdp-schema", "cdp.v1.TagDefinition");
    private static volatile boolean published;

    private TestCatalogue() {}

    /** Publishes the test catalogue (once per run) and waits until this instance has read it. */
    public static void ready() {
        if (!published) {
            tag("cohort", "STRING");
            tag("city", "STRING");
            tag("email", "STRING");
            tag("last_channel", "STRING");
            tag("last_order_at", "TIMESTAMP");
            tag("order_count_30d", "NUMBER");
            tag("total_spend", "NUMBER");
            tag("vip", "BOOL");
            tag("browse_category_30d", "WEIGHTED_MAP");
            publish(definition("lifecycle_stage", "ENUM")
                    .addAllEnumValues(List.of("new", "active", "lapsed", "churned"))
                    .build());
            published = true;
        }
        awaitKnown("lifecycle_stage");
    }

    /** Publishes a tag definition with this status (ACTIVE, RETIRED), as tag-service does on every change. */
    public static void tag(String code, String valueType, String status) {
        publish(definition(code, valueType).setStatus(status).build());
    }

    /** Waits until this instance's replica holds the tag. */
    public static void awaitKnown(String code) {
        TagCatalogue replica = Arc.container().instance(TagCatalogue.class).get();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (known(replica, code).isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("segment-service did not read tag " + code + " from cdp.tags.catalogue");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static Optional<?> known(TagCatalogue replica, String code) {
        try {
            return replica.find(code);
        } catch (CatalogueNotLoadedException e) {
            return Optional.empty();
        }
    }

    private static void tag(String code, String valueType) {
        tag(code, valueType, "ACTIVE");
    }

    private static TagDefinition.Builder definition(String code, String valueType) {
        return TagDefinition.newBuilder()
                .setCode(code)
                .setName(code)
                .setValueType(valueType)
                .setKind("CUSTOM")
                .setStatus("ACTIVE")
                .setVersion(1);
    }

    private static void publish(TagDefinition tag) {
        TestKafka.send("cdp.tags.catalogue", tag.getCode(), tag.toByteArray(), SCHEMA);
    }
}
