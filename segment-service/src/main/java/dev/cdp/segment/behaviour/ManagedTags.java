package dev.cdp.segment.behaviour;

import dev.cdp.platform.error.InvalidInputException;
import dev.cdp.platform.vertx.CallerContext;
import dev.cdp.proto.v1.ReleaseManagedTagsRequest;
import dev.cdp.proto.v1.RuleSpec;
import dev.cdp.proto.v1.TagDefinition;
import dev.cdp.proto.v1.TagService;
import dev.cdp.rules.EventTag;
import dev.cdp.rules.Rule;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tags a segment's DID conditions read, kept by tag-service as managed rule tags (owner
 * {@value #OWNER}): asked for before a segment using them is saved, so tag-service computes them
 * from then on and backfills them from its event log; retired once no segment reads them.
 * Called with the service's own credentials.
 */
@ApplicationScoped
public class ManagedTags {

    static final String OWNER = "managed:segment-service";

    private final TagService tags;

    public ManagedTags(@GrpcClient("tags") TagService tags) {
        this.tags = tags;
    }

    /**
     * Has tag-service compute the tags the rule's behaviours read; nothing to do for a rule with none.
     *
     * @throws InvalidInputException (as the Uni's failure, field {@code rule}) when tag-service refuses one
     * @throws ManagedTagsUnavailableException (as the Uni's failure) when it cannot be reached
     */
    public Uni<Void> ensure(Rule rule) {
        Set<EventTag> needed = rule.eventTags();
        if (needed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        dev.cdp.proto.v1.ManagedTags.Builder request = dev.cdp.proto.v1.ManagedTags.newBuilder();
        needed.forEach(tag -> request.addTags(definition(tag)));
        return CallerContext.resume(Uni.createFrom().deferred(() -> tags.ensureManagedTags(request.build())))
                .onFailure(StatusRuntimeException.class)
                .transform(ManagedTags::refused)
                .replaceWithVoid();
    }

    /** Retires these tags, read by no segment any more. */
    public Uni<Void> release(Collection<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return CallerContext.resume(Uni.createFrom()
                        .deferred(() -> tags.releaseManagedTags(ReleaseManagedTagsRequest.newBuilder()
                                .addAllCodes(codes)
                                .build())))
                .onFailure(StatusRuntimeException.class)
                .transform(ManagedTags::refused)
                .replaceWithVoid();
    }

    /** The codes of the tags {@code rules} read through their behaviours. */
    public static Set<String> codes(Collection<Rule> rules) {
        return rules.stream()
                .flatMap(rule -> rule.eventTags().stream())
                .map(EventTag::code)
                .collect(Collectors.toSet());
    }

    static TagDefinition definition(EventTag tag) {
        RuleSpec.Builder rule = RuleSpec.newBuilder()
                .setFunction(tag.function())
                .setEvent(tag.event())
                .setWhere(tag.where())
                .setWindowDays(tag.windowDays());
        if (tag.property() != null) {
            rule.setProperty(tag.property());
        }
        String what = switch (tag.function()) {
            case "COUNT" -> "count of";
            case "SUM" -> "sum of " + tag.property() + " over";
            default -> "time of the latest";
        };
        String description = what + " \"" + tag.event() + "\""
                + (tag.where().isEmpty() ? "" : " where " + tag.where())
                + (tag.windowDays() == 0 ? "" : " in " + tag.windowDays() + " days");
        return TagDefinition.newBuilder()
                .setCode(tag.code())
                .setName(description.length() > 200 ? description.substring(0, 200) : description)
                .setCategory("行为标签")
                .setSubcategory("分群行为条件")
                .setType("BEHAVIOUR")
                .setValueType(tag.function().equals("LAST") ? "TIMESTAMP" : "NUMBER")
                .setKind("RULE")
                .setRefresh("REALTIME")
                .setOwner(OWNER)
                .setDescription("Read by segments' DID conditions: the " + description)
                .setRule(rule)
                .build();
    }

    private static Throwable refused(StatusRuntimeException failure) {
        Status.Code code = failure.getStatus().getCode();
        if (code == Status.Code.INVALID_ARGUMENT) {
            return new InvalidInputException(
                    "rule",
                    "tag-service refused a DID condition: "
                            + failure.getStatus().getDescription());
        }
        return new ManagedTagsUnavailableException(failure.getStatus().getDescription(), failure);
    }
}
