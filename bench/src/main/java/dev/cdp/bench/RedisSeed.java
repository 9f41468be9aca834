package dev.cdp.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes tag hashes for N synthetic profiles straight into Redis, pipelined, in tag-service's
 * layout, so GetTags and redis-benchmark read the same data. Keys: cdp:tags:{bench-%012d},
 * numbered so redis-benchmark's __rand_int__ hits them.
 */
final class RedisSeed {

    static final String KEY_PREFIX = "cdp:tags:{bench-";

    private RedisSeed() {}

    static String oneId(long i) {
        return String.format("bench-%012d", i);
    }

    /** The Redis key of profile {@code i}'s tag values, as tag-service names it. */
    static String key(long i) {
        return "cdp:tags:{" + oneId(i) + "}";
    }

    static void seed(String host, int port, int profiles) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            int batch = 1000;
            for (int from = 0; from < profiles; from += batch) {
                int to = Math.min(profiles, from + batch);
                for (int i = from; i < to; i++) {
                    List<String> command = new ArrayList<>();
                    command.add("HSET");
                    command.add(key(i));
                    SyntheticTags.stored(i).forEach((tag, value) -> {
                        command.add(tag);
                        command.add(value);
                    });
                    command(out, command.toArray(String[]::new));
                }
                out.flush();
                for (int i = from; i < to; i++) {
                    readLine(in);
                }
            }
        }
    }

    private static void command(OutputStream out, String... parts) throws IOException {
        StringBuilder resp = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            resp.append('$').append(bytes.length).append("\r\n").append(part).append("\r\n");
        }
        out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        if (line.charAt(0) == '-') {
            throw new IOException("Redis: " + line);
        }
        return line.toString();
    }
}
