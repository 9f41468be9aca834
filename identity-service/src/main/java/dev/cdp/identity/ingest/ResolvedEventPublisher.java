package dev.cdp.identity.ingest;

import dev.cdp.identity.profile.Resolution;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.ResolvedEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes accepted events on cdp.events.resolved, keyed by OneID; completes when Kafka has it. */
@ApplicationScoped
public class ResolvedEventPublisher {

    static final byte[] SCHEMA = "cdp.v1.ResolvedEvent".getBytes(StandardCharsets.UTF_8);

    private final MutinyEmitter<byte[]> emitter;

    public ResolvedEventPublisher(@Channel("events-resolved") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(Resolution resolution, Event event) {
        ResolvedEvent payload = ResolvedEvent.newBuilder()
                .setOneId(resolution.oneId())
                .setOrdinal(resolution.ordinal())
                .setNewProfile(resolution.created())
                .setEvent(event)
                .build();
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(resolution.oneId())
                .withHeaders(new RecordHeaders().add("cdp-schema", SCHEMA))
                .build();
        return emitter.sendMessage(Message.of(payload.toByteArray()).addMetadata(metadata));
    }
}
