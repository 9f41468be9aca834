package dev.cdp.bench;

import dev.cdp.bench.report.Report;
import dev.cdp.datagen.CustomerGenerator;
import dev.cdp.datagen.Main;
import dev.cdp.datagen.Person;
import dev.cdp.platform.security.PiiVault;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How well OneID resolution finds people: generated customers with realistic noise (household
 * tablets, mistyped emails, placeholder emails) are sent through the Segment API, then the
 * profiles their identifiers landed in are compared with the ground truth, pair by pair, over
 * each person's own identifiers (a household tablet belongs to two people and is left out).
 */
final class ResolutionQuality {

    record Result(
            int persons,
            int identifiers,
            long truePairs,
            long predictedPairs,
            long correctPairs,
            int householdsJoined,
            int households,
            long placeholderLinks,
            long profilesOverUserIdLimit) {

        double precision() {
            return predictedPairs == 0 ? 1 : (double) correctPairs / predictedPairs;
        }

        double recall() {
            return truePairs == 0 ? 1 : (double) correctPairs / truePairs;
        }
    }

    private ResolutionQuality() {}

    /** {@code bin/bench --quality}: this report alone, against the running platform, printed. */
    public static void main(String[] args) throws Exception {
        String port = System.getenv().getOrDefault("CDP_PG_PORT", "5432");
        Result result = run(
                "http://127.0.0.1:8081",
                System.getenv().getOrDefault("CDP_DEMO_WRITE_KEY", Main.DEMO_WRITE_KEY),
                "jdbc:postgresql://127.0.0.1:" + port + "/cdp_identity",
                System.getenv().getOrDefault("CDP_PG_USER", "cdp"),
                System.getenv().getOrDefault("CDP_PG_PASSWORD", "cdp"),
                Integer.getInteger("cdp.bench.quality.persons", 1500),
                System.currentTimeMillis());
        describe(result).forEach(System.out::println);
    }

    /** Sends the run's customers to the running platform and writes the section and its summary rows. */
    static void section(Settings settings, Report report) throws Exception {
        report.section("OneID resolution quality: generated customers with noise vs their ground truth");
        int people = Integer.getInteger("cdp.bench.quality.persons", settings.quick() ? 300 : 1500);
        Result quality = run(
                settings.identityUrl(),
                settings.writeKey(),
                settings.jdbcUrl("cdp_identity"),
                settings.pgUser(),
                settings.pgPassword(),
                people,
                System.currentTimeMillis());
        describe(quality).forEach(line -> report.append(line + "\n"));
        report.summary(
                "OneID pairwise precision / recall (noisy data)",
                String.format(java.util.Locale.ROOT, "%.4f / %.4f", quality.precision(), quality.recall()),
                "ground truth",
                "",
                "≥ 0.999 / ≥ 0.99");
        report.summary(
                "Merges through a placeholder or over the user_id limit",
                Long.toString(quality.placeholderLinks() + quality.profilesOverUserIdLimit()),
                "",
                "",
                "0");
    }

    static Result run(
            String identityUrl,
            String writeKey,
            String jdbcIdentity,
            String user,
            String password,
            int persons,
            long seed)
            throws Exception {
        CustomerGenerator generator = new CustomerGenerator(seed, 0.35, CustomerGenerator.Noise.REALISTIC);
        Main.Sent sent = Main.send(generator, persons, Instant.now(), identityUrl, writeKey, 50);
        if (sent.rejected > 0) {
            throw new IllegalStateException(sent.rejected + " generated events were rejected");
        }
        List<Person> people = generator.persons(persons);
        // Keyed as identity-service stores identifiers: type and keyed hash (the bench runs with bin/cdp's keys).
        Map<String, Integer> personOf = new HashMap<>();
        people.forEach(p -> p.ownIdentifiers().forEach(key -> personOf.put(storedKey(key), p.index())));
        Map<String, String> profileOf = new HashMap<>();
        long placeholders;
        long overLimit;
        try (Connection db = DriverManager.getConnection(jdbcIdentity, user, password)) {
            try (PreparedStatement query = db.prepareStatement(
                    "select identifier_key, one_id from profile_identifier where identifier_key = any(?)")) {
                query.setArray(1, db.createArrayOf("text", personOf.keySet().toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        profileOf.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
            placeholders = count(
                    db,
                    "select count(*) from profile_identifier where identifier_key = '"
                            + storedKey("email:test@test.com") + "'");
            overLimit = count(
                    db,
                    "select count(*) from (select one_id from profile_identifier where type = 'user_id' "
                            + "group by one_id having count(*) > 1) over_limit");
        }
        // Pairs: same person (truth), same profile (prediction), both (correct).
        Map<Integer, Integer> perPerson = new HashMap<>();
        Map<String, Integer> perProfile = new HashMap<>();
        Map<String, Integer> perBoth = new HashMap<>();
        personOf.forEach((key, person) -> {
            perPerson.merge(person, 1, Integer::sum);
            String profile = profileOf.getOrDefault(key, "missing:" + key);
            perProfile.merge(profile, 1, Integer::sum);
            perBoth.merge(profile + "/" + person, 1, Integer::sum);
        });
        int households = 0;
        int joined = 0;
        for (int i = 0; i + 1 < people.size(); i += 2) {
            if (people.get(i).visits().stream().anyMatch(Person.ChannelVisit::shared)) {
                households++;
                Set<String> first = profilesOf(people.get(i), profileOf);
                first.retainAll(profilesOf(people.get(i + 1), profileOf));
                joined += first.isEmpty() ? 0 : 1;
            }
        }
        return new Result(
                persons,
                personOf.size(),
                pairs(perPerson.values()),
                pairs(perProfile.values()),
                pairs(perBoth.values()),
                joined,
                households,
                placeholders,
                overLimit);
    }

    private static Set<String> profilesOf(Person person, Map<String, String> profileOf) {
        Set<String> profiles = new HashSet<>();
        person.ownIdentifiers().forEach(key -> {
            if (profileOf.containsKey(key)) {
                profiles.add(profileOf.get(key));
            }
        });
        return profiles;
    }

    private static long pairs(java.util.Collection<Integer> groupSizes) {
        long pairs = 0;
        for (int n : groupSizes) {
            pairs += (long) n * (n - 1) / 2;
        }
        return pairs;
    }

    private static long count(Connection db, String sql) throws Exception {
        try (PreparedStatement query = db.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static List<String> describe(Result result) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                java.util.Locale.ROOT,
                "%,d generated customers (%,d own identifiers) with noise: household tablets, "
                        + "mistyped emails, placeholder emails.",
                result.persons(),
                result.identifiers()));
        lines.add(String.format(
                java.util.Locale.ROOT,
                "Pairwise precision %.4f (%,d of %,d pairs put together belong together), "
                        + "recall %.4f (%,d of %,d pairs that belong together were put together).",
                result.precision(),
                result.correctPairs(),
                result.predictedPairs(),
                result.recall(),
                result.correctPairs(),
                result.truePairs()));
        lines.add(String.format(
                java.util.Locale.ROOT,
                "Households whose tablet joined the two people: %d of %d. Placeholder emails "
                        + "linked: %d. Profiles over the user_id limit: %d.",
                result.householdsJoined(),
                result.households(),
                result.placeholderLinks(),
                result.profilesOverUserIdLimit()));
        return lines;
    }

    private static String storedKey(String typeAndValue) {
        int colon = typeAndValue.indexOf(':');
        return PiiVault.identifierKey(typeAndValue.substring(0, colon), typeAndValue.substring(colon + 1));
    }
}
