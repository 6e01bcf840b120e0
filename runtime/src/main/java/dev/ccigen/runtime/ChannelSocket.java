package dev.ccigen.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kubernetes' channel protocol over a WebSocket ({@code v4.channel.k8s.io}, {@code v5.channel.k8s.io}): every binary
 * message starts with one byte naming its channel (exec: 0 stdin, 1 stdout, 2 stderr, 3 the Status, 4 resize; 255
 * closes a channel, v5 only). Received bytes go to the {@link Sink} of their channel; a channel without one is read
 * and dropped. A sink that is full holds the WebSocket: nothing more is read from the server until it drains, so a
 * slow reader bounds memory instead of growing it.
 */
final class ChannelSocket implements WebSocket.Listener {

    static final String V5 = "v5.channel.k8s.io";
    static final String V4 = "v4.channel.k8s.io";
    /** What exec and attach offer, newest first; port-forward speaks only v4. */
    static final List<String> EXEC_PROTOCOLS = List.of(V5, V4);

    static final int STDIN = 0;
    static final int STDOUT = 1;
    static final int STDERR = 2;
    static final int STATUS = 3;
    static final int RESIZE = 4;
    static final int CLOSE = 255;
    /** The most bytes one message sends: large writes go out in pieces, as kubectl sends them. */
    private static final int MAX_FRAME_BYTES = 32 * 1024;
    /** How long {@link #close} waits for the server to answer its Close before dropping the connection. */
    private static final long CLOSE_WAIT_MILLIS = 1000;

    /** Where the bytes of one channel go. */
    interface Sink {
        /** Takes the next bytes of the channel; returns false to hold the connection until the sink resumes it. */
        boolean accept(byte[] bytes);

        /** The connection ended: cleanly ({@code failure} null), or not. */
        void end(IOException failure);
    }

    private final Map<Integer, Sink> sinks = new ConcurrentHashMap<>();
    /** Port-forward's channels start with their port, 2 bytes, which are not data: how many to skip per channel. */
    private final int prefixBytes;

    private final Map<Integer, Integer> prefixLeft = new ConcurrentHashMap<>();
    /** A channel whose first non-empty message is the last of the protocol (exec's Status), or -1. */
    private final int lastChannel;

    private final CompletableFuture<IOException> ended = new CompletableFuture<>();
    /** Completes when the server closed the connection, or it failed. */
    private final CompletableFuture<Void> disconnected = new CompletableFuture<>();

    private final Object sending = new Object();
    private volatile WebSocket webSocket;
    /** The channel of the message being received, its first part read; -1 between messages. */
    private int channel = -1;
    /** Bytes of the message being received so far. */
    private long messageBytes;

    /**
     * @param prefixBytes bytes at the start of each channel that are not data (2 for port-forward, else 0)
     * @param lastChannel the channel whose first non-empty message ends the protocol (exec's Status: the server sends
     *                    it after all output, so what a server that then keeps the connection open sends no longer
     *                    matters), or -1
     */
    ChannelSocket(int prefixBytes, int lastChannel) {
        this.prefixBytes = prefixBytes;
        this.lastChannel = lastChannel;
    }

    /** Sends what arrives on {@code channel} to {@code sink}; called before the connection opens. */
    ChannelSocket on(int channel, Sink sink) {
        sinks.put(channel, sink);
        return this;
    }

    /** Completes when the connection has ended, with null when it closed, or the failure that ended it. */
    CompletableFuture<IOException> ended() {
        return ended;
    }

    /** The protocol the server chose; empty when it named none. */
    String protocol() {
        WebSocket ws = webSocket;
        return ws == null ? "" : ws.getSubprotocol();
    }

    /** Whether the server chose {@code v5.channel.k8s.io}, which can close stdin. */
    boolean v5() {
        return V5.equals(protocol());
    }

    /**
     * The WebSocket the upgrade returned: what {@link #send} sends through, set before anyone can send (the JDK may
     * call {@link #onOpen} after it handed the WebSocket over).
     */
    ChannelSocket attach(WebSocket webSocket) {
        this.webSocket = webSocket;
        return this;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.webSocket = webSocket; // the same one attach() is given: messages may come before it is
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        if (ended.isDone()) {
            webSocket.request(1); // after the end, read on only to reach the server's Close
            return null;
        }
        if (channel < 0) {
            if (!data.hasRemaining()) {
                webSocket.request(1); // a message without even a channel byte: nothing to deliver
                return null;
            }
            channel = data.get() & 0xff;
            messageBytes = 0;
        }
        int of = channel;
        if (last) {
            channel = -1;
        }
        if (prefixBytes > 0) {
            int left = prefixLeft.getOrDefault(of, prefixBytes);
            int skip = Math.min(left, data.remaining());
            data.position(data.position() + skip);
            prefixLeft.put(of, left - skip);
        }
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        messageBytes += bytes.length;
        Sink sink = sinks.get(of);
        // an empty message (servers send one first on each channel) or a channel nobody reads: go on
        boolean more = bytes.length == 0 || sink == null || sink.accept(bytes);
        if (of == lastChannel && last && messageBytes > 0) {
            finish(null);
        }
        if (more || ended.isDone()) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        webSocket.request(1); // text belongs to the base64 protocols, which are never offered
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        disconnected.complete(null);
        finish(null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        disconnected.complete(null);
        finish(error instanceof IOException io ? io : new IOException(error.toString(), error));
    }

    /** Reads the next message from the server: a held sink has room again. */
    void resume() {
        WebSocket ws = webSocket;
        if (ws != null) {
            ws.request(1);
        }
    }

    /** Sends {@code len} bytes on {@code channel}, in messages of at most 32 KiB, waiting until each is sent. */
    void send(int channel, byte[] bytes, int off, int len) throws IOException {
        synchronized (sending) { // the JDK's WebSocket takes one message at a time
            do {
                int n = Math.min(len, MAX_FRAME_BYTES);
                ByteBuffer frame = ByteBuffer.allocate(n + 1)
                        .put((byte) channel)
                        .put(bytes, off, n)
                        .flip();
                await(open().sendBinary(frame, true));
                off += n;
                len -= n;
            } while (len > 0);
        }
    }

    private WebSocket open() throws IOException {
        WebSocket ws = webSocket;
        if (ws == null) {
            throw new IOException("the connection is not open");
        }
        return ws;
    }

    /** Tells the server that no more comes on {@code channel} (v5; older servers have no way to be told). */
    void closeChannel(int channel) throws IOException {
        if (v5()) {
            send(CLOSE, new byte[] {(byte) channel}, 0, 1);
        }
    }

    /** Closes the connection: a Close message, and the socket when the server has not answered it within a second. */
    void close() {
        WebSocket ws = webSocket;
        if (ws == null || disconnected.isDone()) {
            finish(new IOException("the connection was closed"));
            return;
        }
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
            disconnected.get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the server did not answer, or the output is closed already: the connection is dropped below
        } finally {
            ws.abort();
            finish(new IOException("the connection was closed"));
        }
    }

    private void finish(IOException failure) {
        if (ended.complete(failure)) {
            sinks.values().forEach(sink -> sink.end(failure));
        }
    }

    private static void await(CompletableFuture<?> sent) throws IOException {
        try {
            sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending");
        } catch (ExecutionException e) {
            throw new IOException("the connection is closed: " + e.getCause(), e.getCause());
        }
    }

    /** A channel's bytes kept up to a cap; what comes beyond it is counted and dropped. */
    static final class Buffer implements Sink {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int cap;
        private long dropped;

        Buffer(int cap) {
            this.cap = cap;
        }

        @Override
        public synchronized boolean accept(byte[] data) {
            int keep = Math.min(data.length, cap - bytes.size());
            bytes.write(data, 0, keep);
            dropped += data.length - keep;
            return true;
        }

        @Override
        public void end(IOException failure) {}

        synchronized byte[] bytes() {
            return bytes.toByteArray();
        }

        synchronized boolean truncated() {
            return dropped > 0;
        }
    }
}
