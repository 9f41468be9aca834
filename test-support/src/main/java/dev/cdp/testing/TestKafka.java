package dev.cdp.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Feeds and watches the real Kafka broker the tests run against (CDP_KAFKA, default 127.0.0.1:9092). */
public final class TestKafka {

    private TestKafka() {}

    public static String bootstrap() {
        String configured = System.getenv("CDP_KAFKA");
        return configured == null || configured.isBlank() ? "127.0.0.1:9092" : configured;
    }

    /** Sends one record and waits until the broker has it. */
    public static void send(String topic, String key, byte[] value, Map<String, String> headers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /** Starts watching a topic from its current end: only records written from now on are seen. */
    public static Watch watch(String topic) {
        return new Watch(topic);
    }

    /** The value of a record's header as text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A consumer positioned at the end of a topic; close it when done. */
    public static final class Watch implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

        private Watch(String topic) {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
            config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-watch-" + UUID.randomUUID());
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            consumer = new KafkaConsumer<>(config);
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /** Waits for the first record matching, among all seen since the watch started. */
        public ConsumerRecord<String, byte[]> await(Predicate<ConsumerRecord<String, byte[]>> match, Duration timeout) {
            List<ConsumerRecord<String, byte[]>> found = awaitAll(match, 1, timeout);
            return found.get(0);
        }

        /** Waits until {@code count} records match; fails with what was seen when they do not come in time. */
        public List<ConsumerRecord<String, byte[]>> awaitAll(
                Predicate<ConsumerRecord<String, byte[]>> match, int count, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                List<ConsumerRecord<String, byte[]>> matching =
                        seen.stream().filter(match).toList();
                if (matching.size() >= count) {
                    return matching;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("expected " + count + " matching records within " + timeout + ", found "
                            + matching.size() + " among " + seen.size() + " seen");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
        }

        /** Polls for a while and returns every record that matched, for asserting that nothing more came. */
        public List<ConsumerRecord<String, byte[]>> collectFor(
                Predicate<ConsumerRecord<String, byte[]>> match, Duration period) {
            long deadline = System.nanoTime() + period.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            return seen.stream().filter(match).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
