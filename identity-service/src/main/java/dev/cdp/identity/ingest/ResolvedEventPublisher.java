package dev.cdp.identity.ingest;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.cdp.identity.identifiertype.IdentifierValue;
import dev.cdp.identity.profile.PiiMasking;
import dev.cdp.identity.resolution.Resolution;
import dev.cdp.platform.kafka.CdpRecords;
import dev.cdp.proto.v1.Event;
import dev.cdp.proto.v1.ResolvedEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes accepted events on cdp.events.resolved, keyed by OneID; completes when Kafka has it.
 * Contact data stays in identity-service: the event's PII traits (emails, phones, names, addresses,
 * in {@code traits} and {@code context.traits}) are left out, as no consumer computes from them.
 */
@ApplicationScoped
public class ResolvedEventPublisher {

    private final MutinyEmitter<byte[]> emitter;
    private final PiiMasking pii;

    public ResolvedEventPublisher(
            // A batch sends all its records at once and awaits them: each request bounds what is in flight.
            @Channel("events-resolved") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<byte[]> emitter,
            PiiMasking pii) {
        this.emitter = emitter;
        this.pii = pii;
    }

    /** @param identifiers the event's identifiers, normalised: a later split gives the event to whoever holds them */
    public Uni<Void> publish(Resolution resolution, Event event, List<IdentifierValue> identifiers) {
        ResolvedEvent.Builder payload = ResolvedEvent.newBuilder()
                .setOneId(resolution.oneId())
                .setOrdinal(resolution.ordinal())
                .setNewProfile(resolution.created())
                .setEvent(withoutContactData(event));
        identifiers.forEach(id -> payload.addIdentifierKeys(id.key()));
        return emitter.sendMessage(CdpRecords.keyed(resolution.oneId(), payload.build()));
    }

    private Event withoutContactData(Event event) {
        Event.Builder stripped = event.toBuilder();
        if (event.hasTraits()) {
            stripped.setTraits(withoutPii(event.getTraits()));
        }
        Value contextTraits = event.getContext().getExtra().getFieldsMap().get("traits");
        if (contextTraits != null && contextTraits.hasStructValue()) {
            stripped.getContextBuilder()
                    .getExtraBuilder()
                    .putFields(
                            "traits",
                            Value.newBuilder()
                                    .setStructValue(withoutPii(contextTraits.getStructValue()))
                                    .build());
        }
        return stripped.build();
    }

    private Struct withoutPii(Struct traits) {
        Struct.Builder kept = Struct.newBuilder();
        traits.getFieldsMap().forEach((name, value) -> {
            if (!pii.isPii(name)) {
                kept.putFields(name, value);
            }
        });
        return kept.build();
    }
}
