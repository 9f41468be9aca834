package dev.cdp.identity.ingest.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Moves a wrong cdp.events.raw record to cdp.dlq.identity-service as it was sent (key, value,
 * headers) with the headers the connector's own dead-letter queue adds: why, and where it came
 * from. The raw consumer takes a poll at a time, so it dead-letters the wrong records itself and
 * applies the rest.
 */
@ApplicationScoped
public class RawDeadLetters {

    private static final Logger LOG = Logger.getLogger(RawDeadLetters.class);

    private final MutinyEmitter<byte[]> emitter;

    public RawDeadLetters(@Channel("raw-dead-letters") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> send(ConsumerRecord<String, byte[]> record, Throwable reason) {
        LOG.warnf("record %s-%d@%d goes to the dead-letter topic: %s", record.topic(), record.partition(), record.offset(),
                reason.getMessage());
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add("dead-letter-reason", bytes(String.valueOf(reason.getMessage())));
        headers.add("dead-letter-cause", bytes(reason.getClass().getName()));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build();
        return emitter.sendMessage(Message.of(record.value()).addMetadata(metadata));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
