package dev.cdp.platform.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The platform's Kafka record convention: keyed by OneID, so one person's records stay in order
 * on one partition; the value is a binary protobuf message whose full name is in the
 * {@value #SCHEMA_HEADER} header.
 */
public final class CdpRecords {

    public static final String SCHEMA_HEADER = "cdp-schema";

    private CdpRecords() {}

    private static final Logger LOG = Logger.getLogger(CdpRecords.class);

    public static Message<byte[]> keyed(String key, com.google.protobuf.Message payload) {
        byte[] schema = payload.getDescriptorForType().getFullName().getBytes(StandardCharsets.UTF_8);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .withHeaders(new RecordHeaders().add(SCHEMA_HEADER, schema))
                .build();
        return Message.of(payload.toByteArray()).addMetadata(metadata);
    }

    /**
     * Reads a record and hands its message to {@code handler}. An unreadable record fails the
     * result, which sends it to the consumer's dead-letter topic with the reason.
     */
    public static <T extends com.google.protobuf.Message> Uni<Void> consume(
            ConsumerRecord<String, byte[]> record, T prototype, Function<T, Uni<Void>> handler) {
        T message;
        try {
            message = read(record, prototype);
        } catch (UnreadableRecordException e) {
            return Uni.createFrom().failure(e);
        }
        // The connector logs only that a record was dead-lettered: say which and why.
        return handler.apply(message)
                .onFailure()
                .invoke(failure -> LOG.warnf(
                        "%s-%d@%d failed and goes to the dead-letter topic: %s",
                        record.topic(), record.partition(), record.offset(), failure.toString()));
    }

    /**
     * Reads a record's value as the message type of {@code prototype}.
     *
     * @throws UnreadableRecordException saying why, when the header names another type or the
     *     value is missing or not that message
     */
    @SuppressWarnings("unchecked")
    public static <T extends com.google.protobuf.Message> T read(ConsumerRecord<String, byte[]> record, T prototype) {
        String expected = prototype.getDescriptorForType().getFullName();
        Header header = record.headers().lastHeader(SCHEMA_HEADER);
        if (header != null && !expected.equals(new String(header.value(), StandardCharsets.UTF_8))) {
            throw new UnreadableRecordException(SCHEMA_HEADER + " is \""
                    + new String(header.value(), StandardCharsets.UTF_8) + "\"; this topic carries " + expected);
        }
        if (record.value() == null) {
            throw new UnreadableRecordException("the record has no value; expected a binary " + expected);
        }
        try {
            return (T) prototype.getParserForType().parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new UnreadableRecordException("the value is not a binary " + expected + ": " + e.getMessage());
        }
    }
}
