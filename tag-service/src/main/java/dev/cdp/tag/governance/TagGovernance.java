package dev.cdp.tag.governance;

import dev.cdp.tag.backfill.Backfiller;
import dev.cdp.tag.catalogue.CatalogueService;
import dev.cdp.tag.catalogue.InvalidTagException;
import dev.cdp.tag.catalogue.TagDefinition;
import dev.cdp.tag.catalogue.TagDefinition.Kind;
import dev.cdp.tag.catalogue.TagExistsException;
import dev.cdp.tag.catalogue.UnknownTagException;
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

    /**
     * A managed tag as a service's condition needs it: defined (and backfilled) when new, made
     * active again when retired, left as it is when active with the same rule. Codes are hashes
     * of the rule, so two services asking at once ask for the same tag: the loser of the race
     * reads the winner's.
     *
     * @throws InvalidTagException (as the Uni's failure) for a tag that is not managed, or a code
     *     taken by a tag computing something else
     */
    public Uni<TagDefinition> ensure(TagDefinition tag) {
        if (!tag.isManaged()) {
            return Uni.createFrom()
                    .failure(new InvalidTagException(
                            "owner", "a managed tag's owner starts with " + TagDefinition.MANAGED_OWNER));
        }
        return current(tag.code()).chain(current -> {
            if (current == null) {
                return define(tag).onFailure(TagExistsException.class).recoverWithUni(() -> catalogue.get(tag.code()));
            }
            if (!current.isManaged() || !Objects.equals(current.rule(), tag.rule())) {
                return Uni.createFrom()
                        .failure(new InvalidTagException(
                                "code", tag.code() + " is taken by a tag that computes something else"));
            }
            return current.isActive()
                    ? Uni.createFrom().item(current)
                    : update(tag.withStatus(TagDefinition.Status.ACTIVE, current.version()));
        });
    }

    /**
     * Retires a managed tag no condition reads any more; one already retired stays as it is.
     *
     * @throws InvalidTagException (as the Uni's failure) for a tag that is not managed
     */
    public Uni<TagDefinition> release(String code) {
        return current(code).chain(current -> {
            if (current == null || !current.isManaged()) {
                return Uni.createFrom().failure(new InvalidTagException("codes", code + " is not a managed tag"));
            }
            return current.isActive() ? retire(code) : Uni.createFrom().item(current);
        });
    }

    private Uni<TagDefinition> current(String code) {
        return catalogue.get(code).onFailure(UnknownTagException.class).recoverWithNull();
    }

    /** An active rule tag whose rule is new, changed, or was not computed before (draft or retired). */
    static boolean needsBackfill(TagDefinition before, TagDefinition after) {
        return after.kind() == Kind.RULE
                && after.isActive()
                && (before == null || !Objects.equals(before.rule(), after.rule()));
    }
}
