package dev.cdp.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The processes bin/cdp and bin/infra run the platform in, found by what they leave under CDP_HOME. */
public final class PlatformProcesses {

    public static final List<String> SERVICES =
            List.of("identity-service", "tag-service", "segment-service", "activation-service");
    public static final String POSTGRES = "postgres";
    public static final String KAFKA = "kafka";
    public static final String REDIS = "redis";

    private final Path home;

    public PlatformProcesses(Path home) {
        this.home = home;
    }

    /** CPU milliseconds used so far by each service and server process, and by this load driver. */
    public Map<String, Long> cpuMillis() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        for (String service : SERVICES) {
            cpu.put(service, cpuMillis(service));
        }
        for (String server : List.of(POSTGRES, KAFKA, REDIS)) {
            cpu.put(server, cpuMillis(server));
        }
        cpu.put("load driver", Machine.cpuMillis(ProcessHandle.current().pid()));
        return cpu;
    }

    /** Resident memory of a service or server (PostgreSQL: all its processes), 0 when it is not running. */
    public double rssMiB(String process) {
        return pids(process).stream()
                .map(Machine::rssMiB)
                .flatMap(Optional::stream)
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    /** How long bin/cdp waited, from starting a service until it was ready. */
    public Optional<Long> readyMillis(String service) {
        return readLong(home.resolve("run/" + service + ".ready-ms"));
    }

    /** Quarkus' own "started in" of a service's last start, from its log; "?" when it is not there. */
    public String startedIn(String service) {
        try {
            Matcher m = Pattern.compile("started in ([0-9.]+)s")
                    .matcher(Files.readString(home.resolve("logs/" + service + ".log")));
            String last = "?";
            while (m.find()) {
                last = m.group(1) + " s";
            }
            return last;
        } catch (IOException e) {
            return "?";
        }
    }

    private long cpuMillis(String process) {
        return pids(process).stream().mapToLong(Machine::cpuMillis).sum();
    }

    private List<Long> pids(String process) {
        return switch (process) {
            case POSTGRES ->
                Machine.pidsMatching("postgres").stream()
                        .filter(pid -> pid != ProcessHandle.current().pid())
                        .toList();
            case KAFKA -> readLong(home.resolve("kafka/kafka.pid")).stream().toList();
            case REDIS -> readLong(home.resolve("redis/redis.pid")).stream().toList();
            default ->
                readLong(home.resolve("run/" + process + ".pid")).stream().toList();
        };
    }

    private static Optional<Long> readLong(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
