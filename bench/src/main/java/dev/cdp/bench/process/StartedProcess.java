package dev.cdp.bench.process;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A process the driver starts for a measurement (a floor server, its own identity-service); closing stops it. */
public final class StartedProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private StartedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * @param name what the process is, in the errors that say it did not start
     * @param env added to the driver's environment
     * @param log where its output goes
     */
    public static StartedProcess start(String name, List<String> command, Map<String, String> env, Path log)
            throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new StartedProcess(name, builder.start(), log);
    }

    /** Once it accepts connections on {@code port}; stopped, and an error, when it ends or does not within {@code limit}. */
    public StartedProcess awaitListening(int port, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return this;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    process.destroy();
                    throw new IllegalStateException(name + " did not start: see " + log, notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Once the Quarkus readiness check on its management interface answers 200, within a minute. */
    public void awaitReady(String managementUrl) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(managementUrl + "/q/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not get ready at " + managementUrl);
    }

    /** CPU time it has used so far. */
    public Duration cpu() {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("no CPU time for " + process));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
