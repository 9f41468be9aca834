package dev.cdp.segment.engine;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cdp.platform.db.Background;
import dev.cdp.platform.store.NotReadyException;
import dev.cdp.platform.store.StoreUnavailableException;
import dev.cdp.proto.v1.ProfileTags;
import dev.cdp.rules.Condition;
import dev.cdp.segment.profile.ProfileTable;
import dev.cdp.segment.profile.RuleValues;
import dev.cdp.segment.profile.TagSnapshot;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Every stored profile's latest tags as a {@link ProfileIndex} in memory, so a segment is decided
 * over everyone at once as bitmap algebra instead of row by row: a preview's count, a backfill's
 * difference from the stored members. Kept as {@code profile_tags} is (each snapshot stored, each
 * profile merged away or erased), and rebuilt from it at start, page by page, before readiness
 * reports UP. Readers (previews, backfills) share a read lock; the consumers write under the write
 * lock.
 *
 * <p>A profile's number in the bitmaps is its ordinal from tag-service when that is free, and a
 * spare number otherwise (an ordinal already held by another OneID), so the bitmaps stay dense
 * whatever a sender puts in the ordinal. Each profile's tags are kept as their binary
 * {@code cdp.v1.ProfileTags} (what a change must take out of the index), its OneID for answers.
 */
@ApplicationScoped
public class SegmentEngine {

    private static final Logger LOG = Logger.getLogger(SegmentEngine.class);
    private static final long RETRY_MILLIS = 2000;

    private final ProfileTable table;
    private final EngineConfig config;
    private final Vertx vertx;
    private final Event<EngineLoaded> loadedEvent;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final ProfileIndex index = new ProfileIndex(number -> values(this.tags[number]));
    private final Map<String, Integer> numbers = new HashMap<>();
    private String[] oneIds = new String[1024];
    private byte[][] tags = new byte[1024][];
    private long[] changedMicros = new long[1024];
    private int nextSpare;
    /** Profiles forgotten while the rebuild runs: a page read before they went must not bring them back. */
    private final Set<String> forgottenWhileLoading = new HashSet<>();

    private volatile boolean loaded;

    public SegmentEngine(ProfileTable table, EngineConfig config, Vertx vertx, Event<EngineLoaded> loadedEvent) {
        this.table = table;
        this.config = config;
        this.vertx = vertx;
        this.loadedEvent = loadedEvent;
    }

    /** How many profiles {@link #preview} decided over, how many matched, and the first few by OneID. */
    public record Preview(long count, long profiles, List<String> sample) {}

    /** The OneIDs a segment's rule brings in ({@code enter}) and lets go ({@code exit}), each in OneID order. */
    public record Difference(List<String> enter, List<String> exit) {

        /** Both, in OneID order. */
        public List<String> changed() {
            List<String> changed = new ArrayList<>(enter);
            changed.addAll(exit);
            changed.sort(null);
            return changed;
        }
    }

    void onStart(@Observes StartupEvent started) {
        load();
    }

    private void load() {
        Background.run(
                vertx,
                () -> loadFrom("", 0),
                total -> {
                    lock.writeLock().lock();
                    try {
                        loaded = true;
                        forgottenWhileLoading.clear();
                    } finally {
                        lock.writeLock().unlock();
                    }
                    LOG.infof("the segment engine indexed %d profiles", total);
                    loadedEvent.fire(new EngineLoaded());
                },
                failure -> {
                    LOG.errorf(failure, "indexing profile_tags failed; trying again in %d ms", RETRY_MILLIS);
                    vertx.setTimer(RETRY_MILLIS, timer -> load());
                });
    }

    private Uni<Long> loadFrom(String after, long sofar) {
        return table.page(after, config.loadPage()).chain(page -> {
            if (page.isEmpty()) {
                return Uni.createFrom().item(sofar);
            }
            keep(page, true);
            return loadFrom(page.get(page.size() - 1).oneId(), sofar + page.size());
        });
    }

    /** Whether the index holds every stored profile (it is rebuilt at start). */
    public boolean isLoaded() {
        return loaded;
    }

    /** Indexes the latest snapshot of each profile, as {@link ProfileTable#keep} stores them: an older one changes nothing. */
    public void keep(Collection<TagSnapshot> latest) {
        keep(latest, false);
    }

    private void keep(Collection<TagSnapshot> latest, boolean fromTable) {
        lock.writeLock().lock();
        try {
            for (TagSnapshot snapshot : latest) {
                if (fromTable && forgottenWhileLoading.contains(snapshot.oneId())) {
                    continue;
                }
                keep(snapshot);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void keep(TagSnapshot snapshot) {
        // PostgreSQL keeps microseconds: compared as profile_tags compares them.
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, snapshot.at());
        Integer known = numbers.get(snapshot.oneId());
        int number;
        if (known != null) {
            number = known;
            if (changedMicros[number] > micros) {
                return;
            }
            index.remove(number, values(tags[number]));
        } else {
            number = freeNumber(snapshot.ordinal());
            numbers.put(snapshot.oneId(), number);
            oneIds[number] = snapshot.oneId();
        }
        byte[] stored =
                ProfileTags.newBuilder().putAllTags(snapshot.tags()).build().toByteArray();
        tags[number] = stored;
        changedMicros[number] = micros;
        index.add(number, RuleValues.of(snapshot.tags()));
    }

    private int freeNumber(int ordinal) {
        int number = ordinal;
        // An ordinal far past the profiles held (a sender's slip) would size every array by it:
        // such a profile takes a spare number, so the arrays grow at most twofold at a time.
        boolean farAhead = ordinal >= oneIds.length * 2;
        if (ordinal < 0 || farAhead || (ordinal < oneIds.length && oneIds[ordinal] != null)) {
            while (nextSpare < oneIds.length && oneIds[nextSpare] != null) {
                nextSpare++;
            }
            number = nextSpare;
        }
        if (number >= oneIds.length) {
            int capacity = Math.max(number + 1, oneIds.length * 2);
            oneIds = Arrays.copyOf(oneIds, capacity);
            tags = Arrays.copyOf(tags, capacity);
            changedMicros = Arrays.copyOf(changedMicros, capacity);
        }
        return number;
    }

    /** Takes profiles merged away or erased out of every answer, as {@link ProfileTable#forget} deletes them. */
    public void forget(Collection<String> gone) {
        lock.writeLock().lock();
        try {
            for (String oneId : gone) {
                if (!loaded) {
                    forgottenWhileLoading.add(oneId);
                }
                Integer number = numbers.remove(oneId);
                if (number != null) {
                    index.remove(number, values(tags[number]));
                    oneIds[number] = null;
                    tags[number] = null;
                    changedMicros[number] = 0;
                    nextSpare = Math.min(nextSpare, number);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * {@code condition} decided over every profile at {@code now}: how many match, of how many,
     * and the first {@code sample} matching OneIDs in OneID order. {@code members} gives the member
     * OneIDs of each segment an {@code IN SEGMENT} names.
     *
     * @throws StoreUnavailableException while the index is being rebuilt after a start
     */
    public Preview preview(Condition condition, Instant now, Function<String, Collection<String>> members, int sample) {
        return read(() -> {
            RoaringBitmap matching = index.evaluate(condition, now, profilesOf(members));
            return new Preview(matching.getLongCardinality(), index.size(), first(matching, sample));
        });
    }

    /**
     * What deciding {@code condition} over every profile at {@code now} changes for a segment
     * whose members are {@code current}: the profiles it matches that are not members, and the
     * members it no longer matches. Members the index does not hold (no stored tags) are not
     * decided, as a walk over {@code profile_tags} would not decide them.
     *
     * @throws StoreUnavailableException while the index is being rebuilt after a start
     */
    public Difference difference(
            Condition condition,
            Instant now,
            Function<String, Collection<String>> members,
            Collection<String> current) {
        return read(() -> {
            RoaringBitmap matching = index.evaluate(condition, now, profilesOf(members));
            RoaringBitmap stored = profiles(current);
            return new Difference(
                    sorted(RoaringBitmap.andNot(matching, stored)), sorted(RoaringBitmap.andNot(stored, matching)));
        });
    }

    /**
     * The values of each of {@code tags} across a population (the OneIDs {@code population}
     * lists, or every profile when null) and among {@code members}, for persona insight.
     *
     * @throws StoreUnavailableException while the index is being rebuilt after a start
     */
    public Distribution distribution(
            Collection<String> members, Collection<String> population, List<String> tags, int bins) {
        return read(() -> {
            RoaringBitmap everyone = population == null ? index.everyone() : profiles(population);
            return Distribution.of(index, RoaringBitmap.and(profiles(members), everyone), everyone, tags, bins);
        });
    }

    /**
     * Members and population sizes, and each tag's values with their counts in both.
     *
     * @param maps the tags that are weighted maps: a profile holds several of their keys
     */
    public record Distribution(
            long members, long population, Map<String, List<ProfileIndex.Share>> tags, Set<String> maps) {

        /** The values of {@code tags} over {@code population} of an index and among its part {@code members}. */
        public static Distribution of(
                ProfileIndex index, RoaringBitmap members, RoaringBitmap population, List<String> tags, int bins) {
            Map<String, List<ProfileIndex.Share>> byTag = new java.util.LinkedHashMap<>();
            Set<String> maps = new HashSet<>();
            tags.forEach(tag -> {
                byTag.put(tag, index.distribution(tag, members, population, bins));
                if (index.isMap(tag)) {
                    maps.add(tag);
                }
            });
            return new Distribution(members.getLongCardinality(), population.getLongCardinality(), byTag, maps);
        }
    }

    /** How many profiles the index holds, and the bytes its bitmaps take. */
    public record Size(long profiles, long bitmapBytes) {}

    public Size size() {
        return read(() -> new Size(index.size(), index.bitmapBytes()));
    }

    private <T> T read(java.util.function.Supplier<T> work) {
        if (!loaded) {
            throw new StoreUnavailableException(
                    new NotReadyException("segment-service is starting: its profile index is being built"));
        }
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private Function<String, RoaringBitmap> profilesOf(Function<String, Collection<String>> members) {
        Map<String, RoaringBitmap> bitmaps = new HashMap<>();
        return segment -> bitmaps.computeIfAbsent(segment, name -> {
            Collection<String> oneIdsOf = members.apply(name);
            return oneIdsOf == null ? null : profiles(oneIdsOf);
        });
    }

    private RoaringBitmap profiles(Collection<String> members) {
        RoaringBitmap profiles = new RoaringBitmap();
        for (String oneId : members) {
            Integer number = numbers.get(oneId);
            if (number != null) {
                profiles.add(number);
            }
        }
        return profiles;
    }

    /** The {@code limit} least OneIDs of {@code matching}, in order: one pass keeping the least seen. */
    private List<String> first(RoaringBitmap matching, int limit) {
        PriorityQueue<String> least = new PriorityQueue<>(limit + 1, java.util.Comparator.reverseOrder());
        PeekableIntIterator profiles = matching.getIntIterator();
        while (profiles.hasNext()) {
            String oneId = oneIds[profiles.next()];
            if (least.size() < limit) {
                least.add(oneId);
            } else if (limit > 0 && oneId.compareTo(least.peek()) < 0) {
                least.poll();
                least.add(oneId);
            }
        }
        List<String> first = new ArrayList<>(least);
        first.sort(null);
        return first;
    }

    private List<String> sorted(RoaringBitmap profiles) {
        List<String> sorted = new ArrayList<>(profiles.getCardinality());
        profiles.forEach((int number) -> sorted.add(oneIds[number]));
        sorted.sort(null);
        return sorted;
    }

    private static Map<String, Object> values(byte[] stored) {
        try {
            return RuleValues.of(ProfileTags.parseFrom(stored).getTagsMap());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the engine's own copy of a profile's tags does not read back", e);
        }
    }
}
