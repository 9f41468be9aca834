package dev.cdp.tag.messaging;

import com.google.protobuf.Timestamp;
import dev.cdp.proto.v1.TagChange;
import dev.cdp.proto.v1.TagsChanged;
import dev.cdp.tag.TagValues;
import dev.cdp.tag.compute.TagChanges;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes tag changes on cdp.tags.changed, keyed by OneID; completes when Kafka has them. */
@ApplicationScoped
public class TagsChangedPublisher {

    private static final byte[] SCHEMA = "cdp.v1.TagsChanged".getBytes(StandardCharsets.UTF_8);

    private final MutinyEmitter<byte[]> emitter;

    public TagsChangedPublisher(@Channel("tags-changed") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(TagChanges changes) {
        Instant now = Instant.now();
        TagsChanged.Builder payload = TagsChanged.newBuilder()
                .setOneId(changes.oneId())
                .setOrdinal(changes.ordinal())
                .setCauseMessageId(changes.causeMessageId())
                .setChangedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .putAllTags(TagValues.toProto(changes.current(), Set.of()));
        for (TagChanges.Change change : changes.changes()) {
            TagChange.Builder proto = TagChange.newBuilder()
                    .setTag(change.tag())
                    .setNewValue(TagValues.toProto(change.tag(), change.after()));
            if (change.before() != null) {
                proto.setOldValue(TagValues.toProto(change.tag(), change.before()));
            }
            payload.addChanges(proto);
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(changes.oneId())
                .withHeaders(new RecordHeaders().add("cdp-schema", SCHEMA))
                .build();
        return emitter.sendMessage(Message.of(payload.build().toByteArray()).addMetadata(metadata));
    }
}
