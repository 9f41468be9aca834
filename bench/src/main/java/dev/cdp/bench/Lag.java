package dev.cdp.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Consumer lag of the platform's consumer groups, read from the broker. */
final class Lag implements AutoCloseable {

    private final Admin admin;

    Lag(String bootstrap) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Records of {@code topic} not yet committed by {@code group}. */
    long of(String group, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        Set<TopicPartition> partitions =
                admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> latest =
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    /** How many records {@code topic} holds: the sum of its partitions' end offsets. */
    long end(String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest =
                admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .collect(Collectors.toMap(
                                p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        long sum = 0;
        for (var end : admin.listOffsets(latest).all().get().values()) {
            sum += end.offset();
        }
        return sum;
    }

    void ensureTopic(String topic, int partitions) throws ExecutionException, InterruptedException {
        if (!admin.listTopics().names().get().contains(topic)) {
            admin.createTopics(Set.of(new org.apache.kafka.clients.admin.NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
