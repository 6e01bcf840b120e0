package dev.ccigen.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A server on a loopback port that hands each connection to {@link #serve} on a thread of its own, and knows how many
 * connections are open: one counts from the moment it is accepted until {@link #serve} has returned and the socket is
 * closed. What the test servers of this package share: {@link RawServer}, {@link WatchServer}, {@link ChaosServer}.
 */
abstract class SocketServer implements AutoCloseable {

    private final String threadName;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads;
    private volatile ServerSocket socket;
    private int port;

    /** Starts listening on a free port. */
    SocketServer(String threadName) throws IOException {
        this.threadName = threadName;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        start();
    }

    /** Answers the requests of one connection; the connection is closed when it returns. */
    abstract void serve(Socket connection) throws Exception;

    /** Listens again, on the port of the first start. */
    final void start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        port = s.getLocalPort();
        socket = s;
        threads.execute(() -> accept(s));
    }

    /** Stops listening and drops every connection, as a server that goes down does. */
    final void stop() throws IOException {
        socket.close();
        for (Socket c : open) {
            c.close();
        }
    }

    final URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The connections accepted and not yet closed. */
    final int openConnections() {
        return open.size();
    }

    /** Waits up to {@code millis} for every connection to be closed; how many are still open then. */
    final int awaitNoOpenConnection(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!open.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(2);
        }
        return open.size();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket connection;
            try {
                connection = s.accept();
            } catch (IOException e) {
                return;
            }
            open.add(connection);
            threads.execute(() -> {
                try (connection) {
                    serve(connection);
                } catch (Exception e) {
                    // the client went away, or the server was stopped: what most of these tests are about
                } finally {
                    open.remove(connection);
                }
            });
        }
    }

    /** A request's head up to its blank line (ISO-8859-1), or null when the connection ended before one. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0d0a0d0a) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    /** The target ({@code /path?query}) of a request head. */
    static String target(String head) {
        return head.substring(head.indexOf(' ') + 1, head.indexOf(" HTTP/"));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        stop();
        threads.shutdownNow();
    }

    @Override
    public String toString() {
        return threadName + "[" + uri() + ", " + open.size() + " open]";
    }
}
