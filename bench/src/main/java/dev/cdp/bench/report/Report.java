package dev.cdp.bench.report;

import dev.cdp.bench.load.Latency;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a run in markdown: the summary table's rows (each figure beside its same-run
 * baseline and target) and the sections with the details below it.
 */
public final class Report {

    private final StringBuilder summaryRows = new StringBuilder();
    private final StringBuilder sections = new StringBuilder();

    /** Starts a section; its title on the console too, as the sections are the run's progress. */
    public void section(String title) {
        Progress.log(title);
        sections.append("\n### ").append(title).append("\n\n");
    }

    public void append(String text) {
        sections.append(text);
    }

    /** {@link String#format} in the root locale, whatever the machine's. */
    public void format(String format, Object... args) {
        sections.append(String.format(Locale.ROOT, format, args));
    }

    /** A markdown list, a note an item. */
    public void bullets(List<String> notes) {
        notes.forEach(note -> sections.append("- ").append(note).append("\n"));
    }

    public void latencyTable(List<Latency> rows) {
        sections.append("| load | target/s | achieved/s | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms | errors |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Latency l : rows) {
            format(
                    "| %s | %s | %.0f | %s | %s | %s | %s | %s | %d |%n",
                    l.name(),
                    l.targetRate() == 0 ? "max" : String.format(Locale.ROOT, "%.0f", l.targetRate()),
                    l.achievedRate(),
                    ms(l.p50()),
                    ms(l.p95()),
                    ms(l.p99()),
                    ms(l.p999()),
                    ms(l.max()),
                    l.errors());
        }
        rows.stream()
                .filter(l -> l.firstError() != null)
                .forEach(l -> sections.append("\nFirst error of ")
                        .append(l.name())
                        .append(": `")
                        .append(l.firstError())
                        .append("`\n"));
    }

    /** A row of the summary table; an empty cell where a figure has no baseline or target. */
    public void summary(String figure, String cdp, String baseline, String ratio, String target) {
        summaryRows
                .append("| ")
                .append(String.join(" | ", figure, cdp, baseline, ratio, target))
                .append(" |\n");
    }

    /** For a run of one section: printed, its summary rows below it, instead of written to BENCHMARKS.md. */
    public void print() {
        System.out.println(sections.toString() + summaryRows);
    }

    String summaryRows() {
        return summaryRows.toString();
    }

    String sections() {
        return sections.toString();
    }

    public static String ms(long micros) {
        return Latency.millis(micros);
    }

    public static String ratio(double ours, double baseline) {
        return String.format(Locale.ROOT, "%.1f×", ours / baseline);
    }

    /** Two figures against one baseline, as one cell of the summary table. */
    public static String ratios(double first, double second, double baseline) {
        return ratio(first, baseline) + " / " + ratio(second, baseline);
    }

    /** Two rates per second, as one cell of the summary table. */
    public static String rates(double first, double second) {
        return String.format(Locale.ROOT, "%.0f / %.0f", first, second);
    }
}
