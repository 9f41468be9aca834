package dev.cdp.platform.kafka;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * What one poll brought, for consumers that take a poll at a time: the messages grouped by
 * profile in the order they came (a profile's records share a partition), and the records that
 * could not be read already on their way to the dead-letter topic with the reason.
 *
 * @param <T> the message type of the topic
 */
public final class Poll<T> {

    private final MutinyEmitter<byte[]> deadLetters;
    private final Map<String, List<T>> messages = new LinkedHashMap<>();
    private final Map<String, List<ConsumerRecord<String, byte[]>>> records = new LinkedHashMap<>();
    private final List<Uni<Void>> unreadable = new ArrayList<>();

    private Poll(MutinyEmitter<byte[]> deadLetters) {
        this.deadLetters = deadLetters;
    }

    /**
     * @param reader reads a record, throwing {@link UnreadableRecordException} with the reason
     * @param profile the OneID a message is about
     */
    public static <T> Poll<T> read(
            ConsumerRecords<String, byte[]> polled,
            Function<ConsumerRecord<String, byte[]>, T> reader,
            Function<T, String> profile,
            MutinyEmitter<byte[]> deadLetters) {
        Poll<T> poll = new Poll<>(deadLetters);
        for (ConsumerRecord<String, byte[]> record : polled) {
            try {
                T message = reader.apply(record);
                String oneId = profile.apply(message);
                poll.messages.computeIfAbsent(oneId, id -> new ArrayList<>()).add(message);
                poll.records.computeIfAbsent(oneId, id -> new ArrayList<>()).add(record);
            } catch (UnreadableRecordException e) {
                poll.unreadable.add(deadLetters.sendMessage(DeadLetters.of(record, e)));
            }
        }
        return poll;
    }

    /** The readable messages by OneID, each profile's in order. */
    public Map<String, List<T>> byProfile() {
        return messages;
    }

    public List<T> all() {
        return messages.values().stream().flatMap(List::stream).toList();
    }

    /** Sends a profile's records to the dead-letter topic with the reason they could not be applied. */
    public Uni<Void> deadLetter(String oneId, Throwable failure) {
        return join(records.get(oneId).stream()
                .map(record -> deadLetters.sendMessage(DeadLetters.of(record, failure)))
                .toList());
    }

    /** Completes when {@code work} and the dead-lettering of the unreadable records have. */
    public Uni<Void> finish(Uni<Void> work) {
        List<Uni<Void>> all = new ArrayList<>(unreadable);
        all.add(work);
        return join(all);
    }

    private static Uni<Void> join(List<Uni<Void>> work) {
        return work.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(work).andCollectFailures().replaceWithVoid();
    }
}
