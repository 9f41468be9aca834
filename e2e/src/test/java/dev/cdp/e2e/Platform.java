package dev.cdp.e2e;

import dev.cdp.testing.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The four services as the packaged jars an operator runs, each its own JVM, pointed at the
 * servers named by the CDP_* environment (bin/test sets it).
 */
final class Platform implements AutoCloseable {

    static final Map<String, Integer> PORTS = new LinkedHashMap<>();

    static {
        // CDP_E2E_PORT_BASE lets two test runs share a machine (bin/test sets it per CDP_TEST_SLOT).
        int base = Integer.parseInt(System.getenv().getOrDefault("CDP_E2E_PORT_BASE", "28080"));
        PORTS.put("identity-service", base + 1);
        PORTS.put("tag-service", base + 2);
        PORTS.put("segment-service", base + 3);
        PORTS.put("activation-service", base + 4);
    }

    /** tag-service serves gRPC on a port of its own. */
    static final int TAG_GRPC_PORT = PORTS.get("tag-service") + 1000;

    private final List<Process> processes = new ArrayList<>();
    private final Path logs;

    private Platform(Path logs) {
        this.logs = logs;
    }

    static Platform start(Path root) throws IOException, InterruptedException {
        Path logs = root.resolve("e2e/target/e2e-logs");
        Files.createDirectories(logs);
        Platform platform = new Platform(logs);
        try {
            for (Map.Entry<String, Integer> service : PORTS.entrySet()) {
                Path jar = root.resolve(service.getKey()).resolve("target/quarkus-app/quarkus-run.jar");
                if (!Files.exists(jar)) {
                    throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package)");
                }
                ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-jar", jar.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(logs.resolve(service.getKey() + ".log").toFile());
                builder.environment().put("CDP_HTTP_PORT", service.getValue().toString());
                builder.environment().put("CDP_MANAGEMENT_PORT", Integer.toString(service.getValue() + 100));
                builder.environment().put("CDP_LOG_JSON", "false");
                // Local runs keep the demo write key and the tests' issuer: the prod profile refuses them.
                builder.environment().put("QUARKUS_PROFILE", "local");
                // The tests' issuer stands in for the OIDC provider; the services call each other as "service".
                builder.environment().put("CDP_OIDC_PUBLIC_KEY", TestTokens.publicKey());
                builder.environment().put("CDP_SERVICE_PUBLIC_KEY", TestTokens.publicKey());
                builder.environment().put("CDP_OIDC_ISSUER", TestTokens.ISSUER);
                builder.environment().put("CDP_AUTH_SIGNING_KEY", TestTokens.signingKeyPem());
                builder.environment()
                        .put("CDP_IDENTITY_PORT", PORTS.get("identity-service").toString());
                builder.environment().put("CDP_TAG_PORT", Integer.toString(TAG_GRPC_PORT));
                builder.environment()
                        .put("CDP_SEGMENT_PORT", PORTS.get("segment-service").toString());
                builder.environment()
                        .put(
                                "CDP_ACTIVATION_PORT",
                                PORTS.get("activation-service").toString());
                if (service.getKey().equals("tag-service")) {
                    builder.environment().put("CDP_GRPC_PORT", Integer.toString(TAG_GRPC_PORT));
                }
                platform.processes.add(builder.start());
            }
            for (String service : PORTS.keySet()) {
                platform.awaitReady(service, Duration.ofSeconds(90));
            }
            return platform;
        } catch (IOException | InterruptedException | RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    static String url(String service) {
        return "http://127.0.0.1:" + PORTS.get(service);
    }

    private void awaitReady(String service, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + (PORTS.get(service) + 100) + "/q/health/ready"))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                service + " not ready within " + timeout + "; see " + logs.resolve(service + ".log"));
    }

    /** Stops every service the way an orchestrator does (SIGTERM), so graceful shutdown is exercised. */
    @Override
    public void close() throws InterruptedException {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
