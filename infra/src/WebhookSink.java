import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stand-in for a customer's webhook endpoint in the demo: accepts every POST on 127.0.0.1,
 * answers 200 and appends the body as one line to a file.
 * Usage: java WebhookSink.java PORT FILE
 */
public class WebhookSink {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).replace('\n', ' ');
            synchronized (WebhookSink.class) {
                Files.writeString(out, body + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }
}
