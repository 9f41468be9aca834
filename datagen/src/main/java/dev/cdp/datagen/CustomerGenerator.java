package dev.cdp.datagen;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates customers and their Segment-spec events from a seed: the same seed gives the same
 * people, identifiers and messageIds, so re-sending a data set is a replay, not new data.
 *
 * <p>Every person starts on a digital channel (web, app or mini-program) as an anonymous visitor
 * and identifies with an email or phone; some also appear on a second channel (another app
 * install, a POS till, the CRM, customer service) where only the shared email or phone links
 * them. They browse, add to cart, sign in, buy, answer campaigns and contact service in
 * realistic proportions. With {@link Noise}, some share a household tablet, have an email
 * mistyped at a till, or get a placeholder email typed for them.
 */
public final class CustomerGenerator {

    static final String[] DIGITAL = {"web", "app", "mini_program"};
    static final String[] SECOND = {"app", "pos", "crm", "customer_service", "ecommerce"};
    static final String[] CATEGORIES = {"shoes", "outerwear", "bags", "beauty", "electronics", "home", "sports"};
    private static final String[] FIRST = {"ada", "grace", "linus", "wei", "mei", "jun", "lena", "omar", "sofia", "kai"
    };
    private static final String[] LAST = {"lovelace", "hopper", "chen", "wang", "li", "zhang", "schmidt", "haddad"};

    private final long seed;
    private final double secondChannelShare;
    private final Noise noise;

    /**
     * The mistakes real data has, as shares of persons: a household tablet two people identify on,
     * an email mistyped at a till, a placeholder ({@code test@test.com}) typed when the customer
     * gave none.
     */
    public record Noise(double sharedDevice, double typo, double junk) {

        public static final Noise NONE = new Noise(0, 0, 0);
        public static final Noise REALISTIC = new Noise(0.05, 0.03, 0.05);
    }

    public CustomerGenerator(long seed, double secondChannelShare, Noise noise) {
        this.seed = seed;
        this.secondChannelShare = secondChannelShare;
        this.noise = noise;
    }

    public CustomerGenerator(long seed, double secondChannelShare) {
        this(seed, secondChannelShare, Noise.NONE);
    }

    public CustomerGenerator(long seed) {
        this(seed, 0.35);
    }

    /** The {@code index}-th person of this seed; independent of how many others are generated. */
    public Person person(int index) {
        SplittableRandom random = randomFor(index, 0);
        String name = FIRST[random.nextInt(FIRST.length)] + "." + LAST[random.nextInt(LAST.length)];
        String userId = random.nextDouble() < 0.6 ? "member-" + seed + "-" + index : null;
        // The seed is part of the address, so data sets of different seeds never share a person.
        String email = name + "." + Long.toUnsignedString(seed, 36) + "." + index + "@example.com";
        String phone = "+86138" + String.format("%08d", Math.floorMod(seed * 1_000_003L + index, 100_000_000L));
        List<Person.ChannelVisit> visits = new ArrayList<>(2);
        String first = DIGITAL[random.nextInt(DIGITAL.length)];
        visits.add(new Person.ChannelVisit(first, uuid(random).toString()));
        if (random.nextDouble() < secondChannelShare) {
            String second;
            do {
                second = SECOND[random.nextInt(SECOND.length)];
            } while (second.equals(first));
            visits.add(new Person.ChannelVisit(second, uuid(random).toString()));
        }
        // Noise draws come from their own stream, so the clean data of a seed stays the same.
        SplittableRandom noisy = randomFor(index, 2);
        String typo = noisy.nextDouble() < noise.typo() ? email.replace("@example.com", "@exmaple.com") : null;
        if (typo != null) {
            visits.add(new Person.ChannelVisit("pos", uuid(noisy).toString()));
        }
        int household = index / 2;
        if (randomFor(household, 3).nextDouble() < noise.sharedDevice()) {
            visits.add(new Person.ChannelVisit("app", "household-tablet-" + seed + "-" + household, true));
        }
        return new Person(index, userId, email, phone, List.copyOf(visits), typo);
    }

    public List<Person> persons(int count) {
        List<Person> persons = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            persons.add(person(i));
        }
        return persons;
    }

    /** The person's events in time order, the last one at {@code end}, spread over the last 40 days. */
    public List<ObjectNode> events(Person person, Instant end) {
        SplittableRandom random = randomFor(person.index(), 1);
        List<ObjectNode> events = new ArrayList<>();
        Instant at = end.minus(Duration.ofDays(random.nextInt(1, 40)));
        int lastOwnVisit = 0;
        for (int v = 0; v < person.visits().size(); v++) {
            if (!person.visits().get(v).shared()) {
                lastOwnVisit = v;
            }
        }
        for (int v = 0; v < person.visits().size(); v++) {
            Person.ChannelVisit visit = person.visits().get(v);
            boolean digital = !List.of("pos", "crm", "customer_service").contains(visit.channel());
            // The first channel knows email and phone; a second digital channel the email; an
            // offline one the phone: the identifier each shares is what links the person.
            ObjectNode traits = JsonNodeFactory.instance.objectNode();
            if (v == 0 || digital) {
                traits.put("email", person.email());
            }
            if (v == 0 || !digital) {
                traits.put("phone", person.phone());
            }
            if (!digital && person.typoEmail() != null && v == lastOwnVisit) {
                traits.put("email", person.typoEmail());
            } else if (!digital
                    && !traits.has("email")
                    && randomFor(person.index(), 4).nextDouble() < noise.junk()) {
                traits.put("email", "test@test.com");
            }
            if (digital) {
                events.add(base(random, "page", visit, null, at).put("name", "Home"));
                at = earliest(at.plusSeconds(random.nextInt(5, 120)), end);
            }
            ObjectNode identify = base(random, "identify", visit, person.userId(), at);
            identify.set("traits", traits);
            events.add(identify);
            int actions = digital ? random.nextInt(2, 9) : random.nextInt(1, 3);
            for (int a = 0; a < actions; a++) {
                at = earliest(at.plus(Duration.ofMinutes(random.nextInt(1, 60 * 24 * 3))), end);
                events.add(action(random, visit, person, at, digital));
            }
        }
        return events;
    }

    private ObjectNode action(
            SplittableRandom random, Person.ChannelVisit visit, Person person, Instant at, boolean digital) {
        String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
        double roll = random.nextDouble();
        ObjectNode event;
        if (visit.channel().equals("customer_service")) {
            event = track(random, visit, person, at, "Support Ticket Opened");
            event.with("properties").put("topic", roll < 0.5 ? "delivery" : "refund");
        } else if (!digital || roll < 0.25) {
            event = track(random, visit, person, at, "Order Completed");
            ObjectNode properties = event.with("properties");
            properties.put("order_id", "o-" + uuid(random));
            properties.put("revenue", Math.round(random.nextDouble(9, 400) * 100) / 100.0);
            properties.put("currency", "CNY");
            properties.put("category", category);
        } else if (roll < 0.40) {
            event = track(random, visit, person, at, "Product Added");
            event.with("properties").put("category", category);
        } else if (roll < 0.50) {
            event = track(random, visit, person, at, "Signed In");
            event.with("properties").put("method", person.userId() != null ? "member" : "sms_code");
        } else if (roll < 0.58) {
            // A response to an earlier campaign: the feedback loop's raw material.
            event = track(random, visit, person, at, roll < 0.55 ? "Campaign Message Opened" : "Coupon Redeemed");
            event.with("properties").put("campaign", "spring-" + (1 + random.nextInt(3)));
        } else {
            event = track(random, visit, person, at, "Product Viewed");
            event.with("properties").put("category", category);
        }
        return event;
    }

    private ObjectNode track(
            SplittableRandom random, Person.ChannelVisit visit, Person person, Instant at, String name) {
        ObjectNode event = base(random, "track", visit, person.userId(), at).put("event", name);
        event.putObject("properties");
        return event;
    }

    private ObjectNode base(
            SplittableRandom random, String type, Person.ChannelVisit visit, String userId, Instant at) {
        ObjectNode event = JsonNodeFactory.instance
                .objectNode()
                .put("type", type)
                .put("messageId", uuid(random).toString())
                .put("anonymousId", visit.anonymousId())
                .put("timestamp", at.toString());
        if (userId != null) {
            event.put("userId", userId);
        }
        event.putObject("context").put("channel", visit.channel()).put("source", "datagen");
        return event;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private SplittableRandom randomFor(int index, int stream) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 31L + stream);
    }

    private static UUID uuid(SplittableRandom random) {
        return new UUID(
                (random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }
}
