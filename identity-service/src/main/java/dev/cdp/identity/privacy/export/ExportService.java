package dev.cdp.identity.privacy.export;

import dev.cdp.identity.IdentityConfig;
import dev.cdp.identity.consent.ConsentService;
import dev.cdp.identity.profile.ProfileProtos;
import dev.cdp.identity.profile.ProfileService;
import dev.cdp.identity.profile.ProfileView;
import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.ActivationService;
import dev.cdp.proto.v1.Delivery;
import dev.cdp.proto.v1.GetTagsRequest;
import dev.cdp.proto.v1.ListDeliveriesOfRequest;
import dev.cdp.proto.v1.ListMembershipsRequest;
import dev.cdp.proto.v1.PersonalDataExport;
import dev.cdp.proto.v1.ProfileTags;
import dev.cdp.proto.v1.SegmentService;
import dev.cdp.proto.v1.TagHistoryOfTag;
import dev.cdp.proto.v1.TagHistoryRequest;
import dev.cdp.proto.v1.TagService;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Answers an access request (GDPR art. 15, PIPL art. 45): the profile with its identifiers,
 * traits, consent history and merges from here, and from the other services over gRPC the tags
 * with each tag's history, the segments the person is in and every delivery made to any of their
 * OneIDs. It is built as a cdp.v1.PersonalDataExport, the one contract for gRPC and REST alike.
 */
@ApplicationScoped
public class ExportService {

    private final ProfileService profiles;
    private final ConsentService consents;
    private final ProfileProtos protos;
    private final TagService tags;
    private final SegmentService segments;
    private final ActivationService activation;
    private final Duration timeout;

    public ExportService(
            ProfileService profiles,
            ConsentService consents,
            ProfileProtos protos,
            @GrpcClient("tags") TagService tags,
            @GrpcClient("segments") SegmentService segments,
            @GrpcClient("activation") ActivationService activation,
            IdentityConfig config) {
        this.profiles = profiles;
        this.consents = consents;
        this.protos = protos;
        this.tags = tags;
        this.segments = segments;
        this.activation = activation;
        this.timeout = config.exportTimeout();
    }

    /**
     * @return the export, or null when the OneID is unknown
     * @throws ServiceUnavailableException (as the Uni's failure) naming the service that did not answer
     */
    public Uni<PersonalDataExport> export(String oneId) {
        return profiles.byOneId(oneId)
                .chain(profile -> profile == null ? Uni.createFrom().nullItem() : export(profile));
    }

    private Uni<PersonalDataExport> export(ProfileView profile) {
        PersonalDataExport.Builder export = PersonalDataExport.newBuilder()
                .setProfile(protos.profile(profile))
                .setExportedAt(ProtoTime.timestamp(Instant.now()));
        return consents.history(profile.oneId())
                .invoke(history -> history.forEach(consent -> export.addConsentHistory(ProfileProtos.consent(consent))))
                .chain(() -> ask(
                        "tag-service",
                        tags.getTags(GetTagsRequest.newBuilder()
                                .setOneId(profile.oneId())
                                .build())))
                .invoke(current -> export.putAllTags(current.getTagsMap()))
                .chain(current -> tagHistory(profile.oneId(), current))
                .invoke(export::addAllTagHistory)
                .chain(() -> ask(
                        "segment-service",
                        segments.listMemberships(ListMembershipsRequest.newBuilder()
                                .setOneId(profile.oneId())
                                .build())))
                .invoke(memberships -> export.addAllMemberships(memberships.getMembershipsList()))
                .chain(() -> deliveries(profile))
                .invoke(export::addAllDeliveries)
                .map(ignored -> export.build());
    }

    private Uni<List<TagHistoryOfTag>> tagHistory(String oneId, ProfileTags current) {
        return Multi.createFrom()
                .iterable(new TreeSet<>(current.getTagsMap().keySet()))
                .onItem()
                .transformToUniAndConcatenate(tag -> ask(
                                "tag-service",
                                tags.tagHistory(TagHistoryRequest.newBuilder()
                                        .setOneId(oneId)
                                        .setTag(tag)
                                        .build()))
                        .map(history -> TagHistoryOfTag.newBuilder()
                                .setTag(tag)
                                .addAllChanges(history.getChangesList())
                                .build()))
                .collect()
                .asList();
    }

    /** Deliveries were made to whichever OneID the person had then, so every OneID of theirs is asked for. */
    private Uni<List<Delivery>> deliveries(ProfileView profile) {
        List<String> oneIds = new ArrayList<>(profile.absorbedOneIds());
        oneIds.add(0, profile.oneId());
        return Multi.createFrom()
                .iterable(oneIds)
                .onItem()
                .transformToUniAndConcatenate(id -> ask(
                        "activation-service",
                        activation.listDeliveriesOf(ListDeliveriesOfRequest.newBuilder()
                                .setOneId(id)
                                .build())))
                .collect()
                .asList()
                .map(answers -> answers.stream()
                        .flatMap(answer -> answer.getDeliveriesList().stream())
                        .toList());
    }

    private <T> Uni<T> ask(String service, Uni<T> call) {
        return call.ifNoItem()
                .after(timeout)
                .fail()
                .onFailure()
                .transform(failure -> new ServiceUnavailableException(service, failure));
    }
}
