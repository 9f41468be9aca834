package dev.cdp.bench.process;

import dev.cdp.bench.report.Report;
import java.util.Locale;
import java.util.Optional;

/** The platform's memory and start-up times, as the run leaves them. */
public final class Footprint {

    private final PlatformProcesses processes;
    private final Report report;

    public Footprint(PlatformProcesses processes, Report report) {
        this.processes = processes;
        this.report = report;
    }

    public void measure() {
        report.section("Footprint");
        report.append(
                "| process | RSS MiB | ready after (wall, from `bin/cdp up`) | Quarkus \"started in\" |\n| --- | ---: | ---: | ---: |\n");
        double total = 0;
        double maxJvm = 0;
        double maxStart = 0;
        for (String service : PlatformProcesses.SERVICES) {
            double rss = processes.rssMiB(service);
            Optional<Long> readyMs = processes.readyMillis(service);
            total += rss;
            maxJvm = Math.max(maxJvm, rss);
            maxStart = Math.max(maxStart, readyMs.orElse(0L) / 1000.0);
            report.format(
                    "| %s | %.0f | %s | %s |%n",
                    service,
                    rss,
                    readyMs.map(v -> String.format(Locale.ROOT, "%.2f s", v / 1000.0))
                            .orElse("?"),
                    processes.startedIn(service));
        }
        double kafka = processes.rssMiB(PlatformProcesses.KAFKA);
        double redis = processes.rssMiB(PlatformProcesses.REDIS);
        double postgres = processes.rssMiB(PlatformProcesses.POSTGRES);
        report.format(
                "| Kafka broker | %.0f | | |%n| Redis | %.0f | | |%n| PostgreSQL (all processes) | %.0f | | |%n",
                kafka, redis, postgres);
        report.format(
                "%nWhole stack: %.0f MiB resident (services %.0f MiB).%n", total + kafka + redis + postgres, total);
        report.summary(
                "Largest service RSS after the run",
                String.format(Locale.ROOT, "%.0f MiB", maxJvm),
                "",
                "",
                "≤ 512 MiB");
        report.summary(
                "Slowest service start to ready (four at once)",
                String.format(Locale.ROOT, "%.2f s", maxStart),
                "",
                "",
                "≤ 3 s");
    }
}
