package dev.cdp.platform.kafka;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * A wrong record as it goes to a dead-letter topic: as it was sent (key, value, headers) with the
 * headers the connector's own dead-letter queue adds, saying why and where it came from. For
 * consumers that take a poll at a time: they dead-letter the wrong records themselves and apply
 * the rest.
 */
public final class DeadLetters {

    /** What every dead-letter header's name starts with (the connector's own dead-letter queue uses them too). */
    public static final String HEADER_PREFIX = "dead-letter-";

    public static final String TOPIC_HEADER = HEADER_PREFIX + "topic";
    public static final String PARTITION_HEADER = HEADER_PREFIX + "partition";
    public static final String OFFSET_HEADER = HEADER_PREFIX + "offset";
    /** When the record was first sent, so a replay can send it again with its own time. */
    public static final String TIMESTAMP_HEADER = HEADER_PREFIX + "timestamp";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private DeadLetters() {}

    public static Message<byte[]> of(ConsumerRecord<String, byte[]> record, Throwable reason) {
        LOG.warnf(
                "record %s-%d@%d goes to the dead-letter topic: %s",
                record.topic(), record.partition(), record.offset(), reason.getMessage());
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add("dead-letter-reason", bytes(String.valueOf(reason.getMessage())));
        headers.add("dead-letter-cause", bytes(reason.getClass().getName()));
        headers.add(TOPIC_HEADER, bytes(record.topic()));
        headers.add(PARTITION_HEADER, bytes(Integer.toString(record.partition())));
        headers.add(OFFSET_HEADER, bytes(Long.toString(record.offset())));
        headers.add(TIMESTAMP_HEADER, bytes(Long.toString(record.timestamp())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        return Message.of(record.value()).addMetadata(metadata);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
