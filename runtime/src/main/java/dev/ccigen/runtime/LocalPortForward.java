package dev.ccigen.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A port of this machine's loopback address forwarded to a port of a pod, as {@code kubectl port-forward} does: each
 * connection accepted here gets its own {@link PortForward} connection to the pod. A connection ends when either side
 * ends it (the WebSocket protocol has no half-close, so a local client that shuts down its output ends its connection).
 * Failures of single connections (the pod refused, the port has no listener) close that connection and are kept in
 * {@link #errors()}; the port stays open until {@link #close()}, which returns when nothing listens on it any more.
 * Uses two daemon threads per connection and one to accept.
 */
public final class LocalPortForward implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalPortForward.class.getPackageName());
    private static final int KEPT_ERRORS = 16;
    /** How long {@link #close()} waits for its threads (a connection's ends when its WebSocket has closed). */
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Transport transport;
    private final String path;
    private final int remotePort;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private final Deque<Throwable> errors = new ArrayDeque<>();
    /** Fired by {@link #close()}: a connection's upgrade under way is given up. */
    private final Cancel cancel = new Cancel();
    /** Counted down when the accepting thread has left {@code accept()}: only then is the port free. */
    private final CountDownLatch acceptEnded = new CountDownLatch(1);

    private LocalPortForward(Transport transport, String path, int remotePort, ServerSocket server) {
        this.transport = transport;
        this.path = path;
        this.remotePort = remotePort;
        this.server = server;
        int id = COUNT.incrementAndGet();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "port-forward-" + id + "-" + server.getLocalPort() + "-" + remotePort);
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::acceptLoop);
    }

    /**
     * Listens on {@code localPort} of the loopback address (0: any free port, see {@link #localPort()}) and forwards
     * each connection to {@code remotePort} of the pod whose {@code portforward} path is {@code path}.
     *
     * @throws UncheckedIOException when the local port cannot be listened on
     */
    public static LocalPortForward open(Transport transport, String path, int remotePort, int localPort) {
        if (remotePort < 1 || remotePort > 65535) {
            throw new IllegalArgumentException("not a port: " + remotePort);
        }
        try {
            ServerSocket server = new ServerSocket(localPort, 50, InetAddress.getLoopbackAddress());
            return new LocalPortForward(transport, path, remotePort, server);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot listen on " + InetAddress.getLoopbackAddress().getHostAddress() + ":" + localPort + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** The local port connections are accepted on. */
    public int localPort() {
        return server.getLocalPort();
    }

    /** The local address and port connections are accepted on. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** The pod's port. */
    public int remotePort() {
        return remotePort;
    }

    /** The latest failures of single connections (at most 16), oldest first. */
    public List<Throwable> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /**
     * Stops listening and ends every forwarded connection. When it returns, nothing listens on the port: on Java 17 a
     * closed {@code ServerSocket} still accepts connections while a thread is blocked in its {@code accept()}, so this
     * waits for the accepting thread to leave it.
     */
    @Override
    public void close() {
        closeQuietly(server);
        cancel.fire();
        for (AutoCloseable connection : open) {
            if (connection instanceof Socket) {
                closeQuietly(connection); // each connection's threads then close its WebSocket, all at the same time
            }
        }
        threads.shutdown();
        try {
            acceptEnded.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            threads.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open.forEach(LocalPortForward::closeQuietly); // what a server that never answers a Close still holds
    }

    @Override
    public String toString() {
        return "LocalPortForward[" + localAddress() + " -> " + transport.endpoint() + path + ":" + remotePort + "]";
    }

    private void acceptLoop() {
        try {
            while (!server.isClosed()) {
                Socket connection;
                try {
                    connection = server.accept();
                } catch (IOException e) {
                    if (!server.isClosed()) {
                        failed(e);
                    }
                    continue;
                }
                open.add(connection);
                try {
                    threads.execute(() -> forward(connection));
                } catch (RuntimeException e) { // the executor shut down by close()
                    closeQuietly(connection);
                    return;
                }
            }
        } finally {
            acceptEnded.countDown();
        }
    }

    private void forward(Socket connection) {
        PortForward remote = null;
        AtomicBoolean localEnded = new AtomicBoolean();
        try (connection) {
            remote = PortForward.open(transport, path, cancel, remotePort);
            open.add(remote);
            InputStream fromPod = remote.inputStream(remotePort);
            OutputStream toPod = remote.outputStream(remotePort);
            PortForward forward = remote;
            threads.execute(() -> {
                try {
                    connection.getInputStream().transferTo(toPod);
                } catch (IOException e) {
                    // the connection or the WebSocket ended: the other direction sees it too
                }
                localEnded.set(true);
                forward.close(); // no half-close over the WebSocket: the local side's end is the connection's
            });
            fromPod.transferTo(connection.getOutputStream());
        } catch (IOException | RuntimeException e) {
            if (!server.isClosed() && !localEnded.get()) {
                failed(e);
            }
        } finally {
            if (remote != null) {
                remote.close();
                open.remove(remote);
            }
            open.remove(connection);
        }
    }

    private void failed(Throwable error) {
        LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", this, error.toString());
        synchronized (errors) {
            if (errors.size() == KEPT_ERRORS) {
                errors.removeFirst();
            }
            errors.addLast(error);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing: nothing left to do with it
        }
    }
}
