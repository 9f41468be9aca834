package dev.cdp.platform.deadletter;

import dev.cdp.platform.kafka.DeadLetters;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Puts a service's dead letters back on the topics they came from, once the cause is fixed (a
 * store that was down, a catalogue that lacked a type, a bug since deployed). Each run takes what
 * the dead-letter topic held when it started, from where the last run stopped (a consumer group
 * of its own), so a record that fails again waits for the next run instead of looping. The
 * consumers are idempotent by messageId: a replayed record already applied changes nothing.
 */
@ApplicationScoped
public class DeadLetterReplay {

    /** Where a replayed record was first read: {@code partition@offset} of its original topic. */
    public static final String REPLAY_OF_HEADER = "cdp-replay-of";

    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final String bootstrap;
    private final String topic;
    private final String group;

    DeadLetterReplay(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.bootstrap = bootstrap;
        this.topic = "cdp.dlq." + service;
        this.group = service + "-dead-letter-replay";
    }

    /** What the dead-letter topic holds that no replay has taken yet. */
    public Pending pending() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Span span = span(consumer);
            long pending = 0;
            for (TopicPartition partition : span.ends().keySet()) {
                pending += span.ends().get(partition) - span.starts().get(partition);
            }
            return new Pending(topic, pending);
        }
    }

    /**
     * Sends every dead letter not replayed yet back to its original topic, as it was sent (key,
     * value, headers without the dead-letter ones), and moves the replay's position past it.
     */
    public Replayed replay() {
        Map<String, Integer> byTopic = new TreeMap<>();
        int unknownOrigin = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer();
                KafkaProducer<byte[], byte[]> producer = producer()) {
            Span span = span(consumer);
            List<TopicPartition> partitions = List.copyOf(span.ends().keySet());
            Map<TopicPartition, Long> ends = span.ends();
            consumer.assign(partitions);
            span.starts().forEach(consumer::seek);
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            while (!caughtUp(consumer, partitions, ends)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= ends.get(partition)) {
                        continue;
                    }
                    String origin = header(record, DeadLetters.TOPIC_HEADER);
                    if (origin == null) {
                        unknownOrigin++;
                        LOG.warnf(
                                "%s-%d@%d names no " + DeadLetters.TOPIC_HEADER + "; left out of the replay",
                                record.topic(),
                                record.partition(),
                                record.offset());
                    } else {
                        await(producer.send(resent(record, origin)));
                        byTopic.merge(origin, 1, Integer::sum);
                    }
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
                consumer.commitSync(done);
            }
        }
        int replayed = byTopic.values().stream().mapToInt(Integer::intValue).sum();
        LOG.infof("replayed %d dead letters of %s: %s", replayed, topic, byTopic);
        return new Replayed(topic, replayed, byTopic, unknownOrigin);
    }

    /** The record as first sent: its original time too, where the dead letter kept it. */
    private static ProducerRecord<byte[], byte[]> resent(ConsumerRecord<byte[], byte[]> record, String origin) {
        String sentAt = header(record, DeadLetters.TIMESTAMP_HEADER);
        ProducerRecord<byte[], byte[]> resent = new ProducerRecord<>(
                origin,
                null,
                sentAt == null ? record.timestamp() : Long.parseLong(sentAt),
                record.key(),
                record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DeadLetters.HEADER_PREFIX)
                    && !header.key().equals(REPLAY_OF_HEADER)) {
                resent.headers().add(header);
            }
        }
        String position = header(record, REPLAY_OF_HEADER);
        if (position == null) {
            position = header(record, DeadLetters.PARTITION_HEADER) + "@" + header(record, DeadLetters.OFFSET_HEADER);
        }
        resent.headers().add(REPLAY_OF_HEADER, position.getBytes(StandardCharsets.UTF_8));
        return resent;
    }

    private static boolean caughtUp(
            KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
        return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
    }

    /** Per partition, where the replay stands (its committed offset, else the beginning) and where the topic ends now. */
    private record Span(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {}

    private Span span(KafkaConsumer<?, ?> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> starts = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            starts.put(partition, offset != null ? offset.offset() : beginnings.get(partition));
        }
        return new Span(starts, consumer.endOffsets(partitions));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void await(Future<RecordMetadata> sent) {
        try {
            sent.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying dead letters", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take a replayed dead letter: " + e.getMessage(), e);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(config);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(config);
    }

    /** @param pending dead letters no replay has taken yet */
    public record Pending(String topic, long pending) {}

    /**
     * @param byTopic how many went back to each original topic
     * @param unknownOrigin records without a dead-letter-topic header, left where they are
     */
    public record Replayed(String topic, int replayed, Map<String, Integer> byTopic, int unknownOrigin) {}
}
