package dev.cdp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy in front of a real server, to take the server away from a service under
 * test and give it back: {@link #cut()} drops every connection and refuses new ones, as a
 * crashed server does; {@link #restore()} listens again on the same port.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket server;

    private TcpProxy(InetSocketAddress target) {
        this.target = target;
        this.server = listen(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    public static TcpProxy to(String host, int port) {
        return new TcpProxy(new InetSocketAddress(host, port));
    }

    /** The loopback port the service under test should connect to. */
    public int port() {
        return port;
    }

    /** The server goes away: open connections are dropped, new ones refused. */
    public synchronized void cut() {
        closeQuietly(server);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** The server is back on the same port. */
    public synchronized void restore() {
        if (server.isClosed()) {
            server = listen(port);
            accept(server);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    private void accept(ServerSocket listening) {
        daemon("tcp-proxy-" + port, () -> {
            while (!listening.isClosed()) {
                Socket client = null;
                try {
                    client = listening.accept();
                    Socket upstream = new Socket(target.getAddress(), target.getPort());
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // Closed by cut(), or the target refused: the client sees its connection end.
                    if (client != null) {
                        closeQuietly(client);
                    }
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        daemon("tcp-proxy-pump", () -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // One side went away: both are closed below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed.
        }
    }
}
