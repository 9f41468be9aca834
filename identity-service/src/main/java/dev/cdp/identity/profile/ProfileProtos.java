package dev.cdp.identity.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import dev.cdp.identity.consent.ConsentView;
import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.identity.merge.MergeView;
import dev.cdp.platform.ProtoTime;
import dev.cdp.proto.v1.Consent;
import dev.cdp.proto.v1.ConsentStatus;
import dev.cdp.proto.v1.Identifier;
import dev.cdp.proto.v1.Profile;
import dev.cdp.proto.v1.ProfileMerge;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Profiles and consents as cdp.v1 messages, for the gRPC API and the access export: the export is a
 * cdp.v1.PersonalDataExport whatever asks for it, so this lives with the profile, not in an adapter.
 */
@ApplicationScoped
public class ProfileProtos {

    private final ObjectMapper json;

    public ProfileProtos(ObjectMapper json) {
        this.json = json;
    }

    public Profile profile(ProfileView view) {
        Profile.Builder profile = Profile.newBuilder()
                .setOneId(view.oneId())
                .setOrdinal(view.ordinal())
                .setCreatedAt(ProtoTime.timestamp(view.createdAt()))
                .setUpdatedAt(ProtoTime.timestamp(view.updatedAt()));
        view.identifiers().forEach(id -> profile.addIdentifiers(identifier(id)));
        profile.addAllAbsorbedOneIds(view.absorbedOneIds());
        for (MergeView merge : view.merges()) {
            ProfileMerge.Builder proto = ProfileMerge.newBuilder()
                    .setSurvivorOneId(merge.survivorOneId())
                    .setAbsorbedOneId(merge.absorbedOneId())
                    .setCauseMessageId(merge.causeMessageId())
                    .setChannel(merge.channel() == null ? "" : merge.channel())
                    .setSource(merge.source() == null ? "" : merge.source())
                    .setAt(ProtoTime.timestamp(merge.at()));
            merge.identifiers().forEach(id -> proto.addIdentifiers(identifier(id)));
            profile.addMerges(proto);
        }
        view.consents().forEach(consent -> profile.addConsents(consent(consent)));
        try {
            Struct.Builder traits = Struct.newBuilder();
            JsonFormat.parser().merge(json.writeValueAsString(view.traits()), traits);
            profile.setTraits(traits);
        } catch (JsonProcessingException | InvalidProtocolBufferException e) {
            throw new IllegalStateException("traits of " + view.oneId() + " cannot be converted", e);
        }
        return profile.build();
    }

    public static Consent consent(ConsentView view) {
        return Consent.newBuilder()
                .setPurpose(view.purpose())
                .setChannel(view.channel())
                .setStatus(ConsentView.GRANTED.equals(view.status()) ? ConsentStatus.GRANTED : ConsentStatus.DENIED)
                .setSource(view.source() == null ? "" : view.source())
                .setEvidence(view.evidence())
                .setAt(ProtoTime.timestamp(view.at()))
                .build();
    }

    public static Identifier identifier(IdentifierValue id) {
        return Identifier.newBuilder().setType(id.type()).setValue(id.value()).build();
    }
}
