package dev.cdp.bench.report;

/** What the driver is doing, on the console beside bin/bench's own {@code [bench]} lines. */
public final class Progress {

    private Progress() {}

    public static void log(String message) {
        System.out.println("[bench] " + message);
    }
}
