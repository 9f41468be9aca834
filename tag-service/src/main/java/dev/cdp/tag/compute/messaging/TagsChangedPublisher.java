package dev.cdp.tag.compute.messaging;

import dev.cdp.platform.ProtoTime;
import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.proto.v1.TagChange;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.tag.compute.TagChanges;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes tag changes on cdp.tags.changed, keyed by OneID; completes when Kafka has them. */
@ApplicationScoped
public class TagsChangedPublisher {

    private final MutinyEmitter<byte[]> emitter;

    public TagsChangedPublisher(
            @Channel("tags-changed") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(TagChanges changes) {
        TagsChanged.Builder payload = TagsChanged.newBuilder()
                .setOneId(changes.oneId())
                .setOrdinal(changes.ordinal())
                .setCauseMessageId(changes.cause())
                .setChangedAt(ProtoTime.timestamp(changes.at()));
        changes.current().forEach((tag, value) -> payload.putTags(tag, value.toProto()));
        for (TagChanges.Change change : changes.changes()) {
            TagChange.Builder proto = TagChange.newBuilder().setTag(change.tag());
            if (change.before() != null) {
                proto.setOldValue(change.before().toProto());
            }
            if (change.after() != null) {
                proto.setNewValue(change.after().toProto());
            }
            payload.addChanges(proto);
        }
        return emitter.sendMessage(CdpRecords.keyed(changes.oneId(), payload.build()));
    }
}
