package dev.cdp.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A customer's webhook endpoint on a free port: records every call and answers with a status the test picks. */
public final class WebhookReceiver implements AutoCloseable {

    /** One POST as the receiver saw it. */
    public record Call(Headers headers, String body) {

        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/hook", exchange -> {
                Headers headers = new Headers();
                headers.putAll(exchange.getRequestHeaders());
                receiver.calls.add(new Call(
                        headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(receiver.status.get(), -1);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** From now on every call is answered with this HTTP status. */
    public void answer(int httpStatus) {
        status.set(httpStatus);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Waits for the first call matching. */
    public Call await(Predicate<Call> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (Call call : calls) {
                if (match.test(call)) {
                    return call;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no matching webhook call within " + timeout + "; received " + calls.size());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
