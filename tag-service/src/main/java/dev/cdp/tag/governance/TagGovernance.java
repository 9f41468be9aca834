package dev.cdp.tag.governance;

import dev.cdp.tag.backfill.Backfiller;
import dev.cdp.tag.catalogue.CatalogueService;
import dev.cdp.tag.catalogue.TagDefinition;
import dev.cdp.tag.catalogue.TagDefinition.Kind;
import dev.cdp.tag.compute.Engines;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;

/**
 * Catalogue changes with their consequences: this instance computes with the new definition at
 * once (others within a refresh), and a new or changed active rule tag is backfilled.
 */
@ApplicationScoped
public class TagGovernance {

    private final CatalogueService catalogue;
    private final Engines engines;
    private final Backfiller backfiller;

    public TagGovernance(CatalogueService catalogue, Engines engines, Backfiller backfiller) {
        this.catalogue = catalogue;
        this.engines = engines;
        this.backfiller = backfiller;
    }

    public Uni<TagDefinition> define(TagDefinition tag) {
        return catalogue
                .define(tag)
                .call(engines::reload)
                .call(defined -> needsBackfill(null, defined)
                        ? backfiller.start(defined)
                        : Uni.createFrom().voidItem());
    }

    public Uni<TagDefinition> update(TagDefinition tag) {
        return engines.reload().chain(() -> {
            TagDefinition before = engines.current().active().get(tag.code());
            return catalogue
                    .update(tag)
                    .call(engines::reload)
                    .call(updated -> needsBackfill(before, updated)
                            ? backfiller.start(updated)
                            : Uni.createFrom().voidItem());
        });
    }

    public Uni<TagDefinition> retire(String code) {
        return catalogue.retire(code).call(engines::reload);
    }

    /** An active rule tag whose rule is new, changed, or was not computed before (draft or retired). */
    static boolean needsBackfill(TagDefinition before, TagDefinition after) {
        return after.kind() == Kind.RULE
                && after.isActive()
                && (before == null || !Objects.equals(before.rule(), after.rule()));
    }
}
