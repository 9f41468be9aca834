package dev.cdp.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Facts about the machine and processes the figures were measured on. */
public final class Machine {

    private Machine() {}

    public static String describe() {
        return String.format(
                "%d cores (%s), %s RAM, %s %s, Java %s (%s)",
                Runtime.getRuntime().availableProcessors(),
                cpuInfo("model name").orElse("unknown CPU"),
                memInfo("MemTotal")
                        .map(kb -> String.format("%.0f GiB", kb / 1024.0 / 1024.0))
                        .orElse("?"),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
    }

    /** Resident set size of a process, in MiB; empty when it is not running. */
    public static Optional<Double> rssMiB(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** CPU time (user + system) a process has used so far, in ms; 0 when it is gone. */
    public static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second on Linux).
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Pids of every process whose command line contains {@code needle}. */
    public static List<Long> pidsMatching(String needle) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("[0-9]+"))
                    .filter(p -> {
                        try {
                            return new String(Files.readAllBytes(p.resolve("cmdline")))
                                    .replace('\0', ' ')
                                    .contains(needle);
                        } catch (IOException gone) {
                            return false;
                        }
                    })
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<String> cpuInfo(String key) {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> memInfo(String key) {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(line -> line.startsWith(key + ":"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
