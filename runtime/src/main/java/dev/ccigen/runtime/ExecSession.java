package dev.ccigen.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command running in a container ({@code exec}) or a container's main process joined ({@code attach}), over one
 * WebSocket, as a {@link Process} is used: write {@link #stdin()}, read {@link #stdout()} and {@link #stderr()}, wait
 * for {@link #exitCode()}. Each output stream holds at most 1 MiB unread; past that the server is read no further
 * until it is read, so read both (or ask for only one) or the command stalls, as with a {@link Process}. Close it
 * when done: that ends the connection, and with it the command if it still runs.
 */
public final class ExecSession implements AutoCloseable {

    /** Unread bytes an output stream holds before the connection waits for its reader. */
    static final int OUTPUT_BUFFER_BYTES = 1024 * 1024;

    private final URI uri;
    private final ExecOptions options;
    private final ChannelSocket socket;
    private final ChannelInputStream stdout;
    private final ChannelInputStream stderr;
    private final OutputStream stdin;
    private final CompletableFuture<Integer> exitCode;

    private ExecSession(
            URI uri,
            ExecOptions options,
            ChannelSocket socket,
            ChannelInputStream stdout,
            ChannelInputStream stderr,
            ChannelSocket.Buffer status) {
        this.uri = uri;
        this.options = options;
        this.socket = socket;
        this.stdout = stdout;
        this.stderr = stderr;
        this.stdin = new Stdin();
        this.exitCode = socket.ended().thenApply(failure -> ExecFailedException.exitCode(uri, status.bytes(), failure));
    }

    /**
     * Opens a session: {@code request} is the GET of a pod's {@code exec} or {@code attach} with its query.
     *
     * @throws ApiException when the server refuses the upgrade (the subclass of its status)
     */
    public static ExecSession open(Transport transport, Request request, ExecOptions options) {
        ChannelSocket socket = new ChannelSocket(0, ChannelSocket.STATUS);
        ChannelInputStream stdout = new ChannelInputStream(OUTPUT_BUFFER_BYTES, socket::resume);
        ChannelInputStream stderr = new ChannelInputStream(OUTPUT_BUFFER_BYTES, socket::resume);
        ChannelSocket.Buffer status = new ChannelSocket.Buffer(ApiException.MAX_BODY_BYTES);
        socket.on(ChannelSocket.STDOUT, stdout).on(ChannelSocket.STDERR, stderr).on(ChannelSocket.STATUS, status);
        socket.attach(transport.webSocket(request, ChannelSocket.EXEC_PROTOCOLS, socket));
        return new ExecSession(transport.uriOf(request), options, socket, stdout, stderr, status);
    }

    /**
     * Runs the command of {@code request} to its end and returns its exit code and output, each stream kept up to
     * {@link ExecOptions#maxOutputBytes()} (the rest read and dropped, so memory stays bounded whatever it prints).
     * {@link ExecOptions#input()} is written to stdin first, then stdin is closed.
     *
     * @throws ExecFailedException when the command did not run (no such executable or container)
     * @throws TransportException when the connection failed, or {@link ExecOptions#timeout()} passed
     */
    public static ExecResult run(Transport transport, Request request, ExecOptions options) {
        URI uri = transport.uriOf(request);
        ChannelSocket socket = new ChannelSocket(0, ChannelSocket.STATUS);
        ChannelSocket.Buffer stdout = new ChannelSocket.Buffer(options.maxOutputBytes());
        ChannelSocket.Buffer stderr = new ChannelSocket.Buffer(options.maxOutputBytes());
        ChannelSocket.Buffer status = new ChannelSocket.Buffer(ApiException.MAX_BODY_BYTES);
        socket.on(ChannelSocket.STDOUT, stdout).on(ChannelSocket.STDERR, stderr).on(ChannelSocket.STATUS, status);
        long started = System.nanoTime();
        socket.attach(transport.webSocket(request, ChannelSocket.EXEC_PROTOCOLS, socket));
        try {
            byte[] input = options.input();
            if (input != null) {
                try {
                    socket.send(ChannelSocket.STDIN, input, 0, input.length);
                    socket.closeChannel(ChannelSocket.STDIN);
                } catch (IOException e) {
                    // A command may end before reading all its input (head -1, say): then its exit code says how.
                    if (!endsSoon(socket)) {
                        throw e;
                    }
                }
            }
            Duration timeout = options.timeout();
            IOException failure = timeout == null
                    ? socket.ended().get()
                    : socket.ended().get(timeout.toNanos() - (System.nanoTime() - started), TimeUnit.NANOSECONDS);
            int code = ExecFailedException.exitCode(uri, status.bytes(), failure);
            return new ExecResult(code, stdout.bytes(), stderr.bytes(), stdout.truncated() || stderr.truncated());
        } catch (TimeoutException e) {
            throw new TransportException(
                    "GET",
                    uri,
                    new HttpTimeoutException("the command did not end within "
                            + options.timeout().toMillis() + " ms (ExecOptions.timeout)"));
        } catch (IOException e) {
            throw new TransportException("GET", uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("GET", uri, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause()); // ended() completes with a value, never exceptionally
        } finally {
            socket.close();
        }
    }

    /** Whether the connection ends within a moment: a send that failed because the command had ended. */
    private static boolean endsSoon(ChannelSocket socket) throws InterruptedException, ExecutionException {
        try {
            socket.ended().get(2, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /**
     * The process's stdin. Closing it tells the process its input ended when the server speaks
     * {@code v5.channel.k8s.io}; over {@code v4} the server cannot be told, and stdin ends with the session. Writing
     * throws an {@code IOException} unless {@link ExecOptions.Builder#stdin(boolean)} was set.
     */
    public OutputStream stdin() {
        return stdin;
    }

    /** The process's stdout (with a terminal, everything it writes); ends when the command has ended. */
    public InputStream stdout() {
        return stdout;
    }

    /** The process's stderr; empty with a terminal or when stderr was not asked for. */
    public InputStream stderr() {
        return stderr;
    }

    /** Tells the terminal its new size, in columns and rows; needs {@link ExecOptions.Builder#tty(boolean)}. */
    public void resize(int columns, int rows) throws IOException {
        if (!options.tty()) {
            throw new IllegalStateException("resize needs a terminal: ExecOptions.builder().tty(true)");
        }
        byte[] size = ("{\"Width\":" + columns + ",\"Height\":" + rows + "}").getBytes(StandardCharsets.UTF_8);
        socket.send(ChannelSocket.RESIZE, size, 0, size.length);
    }

    /**
     * Completes with the exit code when the command has ended (0 for success); completes exceptionally with an
     * {@link ExecFailedException} when it did not run, or a {@link TransportException} when the connection failed.
     */
    public CompletableFuture<Integer> exitCode() {
        return exitCode.copy();
    }

    /** Waits for the command to end and returns its exit code (see {@link #exitCode()} for what it throws). */
    public int waitFor() throws InterruptedException {
        try {
            return exitCode.get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    /**
     * Waits at most {@code timeout} for the command to end.
     *
     * @return its exit code, or null when it still runs
     */
    public Integer waitFor(Duration timeout) throws InterruptedException {
        try {
            return exitCode.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    /** The protocol the server chose: {@code v5.channel.k8s.io}, {@code v4.channel.k8s.io}, or empty if it named none. */
    public String protocol() {
        return socket.protocol();
    }

    /** Ends the session and its connection (and so the command, if it still runs); unread output is dropped. */
    @Override
    public void close() {
        stdout.close(); // first, so that a held connection reads on to the server's Close
        stderr.close();
        socket.close();
    }

    @Override
    public String toString() {
        return "ExecSession[" + uri + (exitCode.isDone() ? ", ended" : "") + "]";
    }

    private static RuntimeException rethrown(Throwable cause) {
        Throwable t = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        return t instanceof RuntimeException runtime ? runtime : new IllegalStateException(t);
    }

    /** Writes stdin in messages on channel 0; closing it closes the channel (v5). */
    private final class Stdin extends OutputStream {
        private volatile boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (!options.stdin()) {
                throw new IOException("stdin was not opened: ExecOptions.builder().stdin(true)");
            }
            if (closed) {
                throw new IOException("stdin is closed");
            }
            if (len > 0) {
                socket.send(ChannelSocket.STDIN, b, off, len);
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed && options.stdin()) {
                closed = true;
                if (!socket.ended().isDone()) {
                    socket.closeChannel(ChannelSocket.STDIN);
                }
            }
        }
    }
}
