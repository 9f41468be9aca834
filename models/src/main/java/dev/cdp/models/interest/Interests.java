package dev.cdp.models.interest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Interest preferences: each customer's affinity for each interest, every interaction's weight
 * halved every {@code halfLife} of its age, then normalised against the population: the lift of
 * an interest is the customer's share of it over the population's share, so an interest everyone
 * has (the home page) ranks below one this customer has more than others do.
 */
public final class Interests {

    /** One customer's interest: its decayed score, the customer's share of it, and its lift. */
    public record Affinity(String interest, double score, double share, double lift) {}

    private final Map<String, Map<String, Double>> scores;
    private final Map<String, Double> population;
    private final double total;

    private Interests(Map<String, Map<String, Double>> scores) {
        this.scores = scores;
        this.population = new HashMap<>();
        scores.values()
                .forEach(customer ->
                        customer.forEach((interest, score) -> population.merge(interest, score, Double::sum)));
        this.total =
                population.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * The decayed scores at {@code now}; interactions after {@code now} are left out.
     *
     * @throws IllegalArgumentException for a half-life that is not positive or a negative weight
     */
    public static Interests of(List<Interaction> interactions, Instant now, Duration halfLife) {
        if (halfLife.isZero() || halfLife.isNegative()) {
            throw new IllegalArgumentException("the half-life must be positive, got " + halfLife);
        }
        double halfLifeSeconds = halfLife.toMillis() / 1000.0;
        Map<String, Map<String, Double>> scores = new TreeMap<>();
        for (Interaction interaction : interactions) {
            if (!(interaction.weight() >= 0)) {
                throw new IllegalArgumentException("customer " + interaction.customerId() + ", interest "
                        + interaction.interest() + ": a weight must be 0 or more, got " + interaction.weight());
            }
            if (interaction.at().isAfter(now)) {
                continue;
            }
            double age = Duration.between(interaction.at(), now).toMillis() / 1000.0;
            double decayed = interaction.weight() * Math.pow(0.5, age / halfLifeSeconds);
            scores.computeIfAbsent(interaction.customerId(), id -> new TreeMap<>())
                    .merge(interaction.interest(), decayed, Double::sum);
        }
        return new Interests(scores);
    }

    /** The customers with any interest, in order. */
    public List<String> customers() {
        return new ArrayList<>(scores.keySet());
    }

    /**
     * The customer's {@code n} interests of highest lift, among those whose score is at least
     * {@code minimumScore} (one fading interaction says little); ties by score.
     */
    public List<Affinity> top(String customerId, int n, double minimumScore) {
        Map<String, Double> customer = scores.getOrDefault(customerId, Map.of());
        double customerTotal =
                customer.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Affinity> affinities = new ArrayList<>();
        customer.forEach((interest, score) -> {
            if (score >= minimumScore && customerTotal > 0) {
                double share = score / customerTotal;
                double populationShare = population.get(interest) / total;
                affinities.add(new Affinity(interest, score, share, share / populationShare));
            }
        });
        affinities.sort(Comparator.comparingDouble(Affinity::lift)
                .reversed()
                .thenComparing(Comparator.comparingDouble(Affinity::score).reversed())
                .thenComparing(Affinity::interest));
        return affinities.subList(0, Math.min(n, affinities.size()));
    }

    /** Two interests held by the same customers: how many hold both, and the Jaccard index. */
    public record Edge(String one, String other, long both, double jaccard) {}

    /**
     * The co-occurrence graph of {@code customers}' interests: an edge for every pair of interests
     * both held (score at least {@code minimumScore}) by at least one of them, most shared first.
     */
    public List<Edge> cooccurrence(List<String> customers, double minimumScore) {
        Map<String, Long> holders = new HashMap<>();
        Map<String, Long> pairs = new HashMap<>();
        for (String customerId : customers) {
            List<String> held = scores.getOrDefault(customerId, Map.of()).entrySet().stream()
                    .filter(entry -> entry.getValue() >= minimumScore)
                    .map(Map.Entry::getKey)
                    .sorted()
                    .toList();
            held.forEach(interest -> holders.merge(interest, 1L, Long::sum));
            for (int i = 0; i < held.size(); i++) {
                for (int j = i + 1; j < held.size(); j++) {
                    pairs.merge(held.get(i) + "\u0000" + held.get(j), 1L, Long::sum);
                }
            }
        }
        List<Edge> edges = new ArrayList<>();
        pairs.forEach((pair, both) -> {
            String[] ends = pair.split("\u0000");
            long union = holders.get(ends[0]) + holders.get(ends[1]) - both;
            edges.add(new Edge(ends[0], ends[1], both, (double) both / union));
        });
        edges.sort(Comparator.comparingLong(Edge::both)
                .reversed()
                .thenComparing(Edge::one)
                .thenComparing(Edge::other));
        return edges;
    }
}
