package dev.cdp.identity.ingest;

import dev.cdp.identity.profile.IdentifierValue;
import dev.cdp.identity.profile.Resolution;
import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.Identifier;
import dev.cdp.proto.v1.ResolvedEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes accepted events on cdp.events.resolved, keyed by OneID; completes when Kafka has it. */
@ApplicationScoped
public class ResolvedEventPublisher {

    private final MutinyEmitter<byte[]> emitter;

    public ResolvedEventPublisher(
            // A batch sends all its records at once and awaits them: each request bounds what is in flight.
            @Channel("events-resolved") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** @param identifiers the event's identifiers, normalised: a later split gives the event to whoever holds them */
    public Uni<Void> publish(Resolution resolution, Event event, List<IdentifierValue> identifiers) {
        ResolvedEvent.Builder payload = ResolvedEvent.newBuilder()
                .setOneId(resolution.oneId())
                .setOrdinal(resolution.ordinal())
                .setNewProfile(resolution.created())
                .setEvent(event);
        identifiers.forEach(id -> payload.addIdentifiers(Identifier.newBuilder().setType(id.type()).setValue(id.value())));
        return emitter.sendMessage(CdpRecords.keyed(resolution.oneId(), payload.build()));
    }
}
