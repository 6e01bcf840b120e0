package dev.ccigen.testserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Both ends of a WebSocket in one JVM: what the client sends reaches the server's {@link Answer.Messages} on the
 * sending thread; what the server sends is handed to the client's listener as the listener asks for it
 * ({@link #request}), on the thread that sends it or on the one that asks, never on a thread of its own.
 */
final class InProcessWebSocket implements WebSocket {
    private static final Object CLOSE = new Object();

    private final Listener listener;
    private final String protocol;
    private final Object lock = new Object();
    private final ArrayDeque<Object> queue = new ArrayDeque<>(); // byte[] binary, String text, CLOSE
    private final ByteArrayOutputStream sending = new ByteArrayOutputStream();
    private Answer.Messages server;
    private long demand;
    private boolean delivering;
    private volatile boolean inputClosed;
    private volatile boolean outputClosed;
    private boolean serverClosed;

    InProcessWebSocket(Listener listener, String protocol) {
        this.listener = listener;
        this.protocol = protocol == null ? "" : protocol;
    }

    void connect(Answer.Messages server) {
        this.server = server;
    }

    /** The server's end. */
    Answer.Socket serverSide() {
        return new Answer.Socket() {
            @Override
            public void send(byte[] message) throws IOException {
                enqueue(message);
            }

            @Override
            public void sendText(String message) throws IOException {
                enqueue(message);
            }

            @Override
            public void close() {
                synchronized (lock) {
                    if (serverClosed) {
                        return;
                    }
                    serverClosed = true;
                    queue.add(CLOSE);
                }
                deliver();
            }
        };
    }

    private void enqueue(Object message) throws IOException {
        synchronized (lock) {
            if (serverClosed || inputClosed) {
                throw new IOException("the WebSocket is closed");
            }
            queue.add(message);
        }
        deliver();
    }

    /** Hands queued messages to the listener while it wants them; one thread at a time, the others return at once. */
    private void deliver() {
        while (true) {
            Object next;
            synchronized (lock) {
                if (delivering || queue.isEmpty() || demand == 0 || inputClosed) {
                    return;
                }
                delivering = true;
                next = queue.poll();
                demand--;
            }
            try {
                if (next == CLOSE) {
                    inputClosed = true;
                    listener.onClose(this, NORMAL_CLOSURE, "");
                } else if (next instanceof byte[] bytes) {
                    listener.onBinary(this, ByteBuffer.wrap(bytes), true);
                } else {
                    listener.onText(this, (String) next, true);
                }
            } finally {
                synchronized (lock) {
                    delivering = false;
                }
            }
        }
    }

    @Override
    public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
        return sendBinary(ByteBuffer.wrap(data.toString().getBytes(StandardCharsets.UTF_8)), last);
    }

    @Override
    public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
        if (outputClosed) {
            return CompletableFuture.failedFuture(new IOException("output closed"));
        }
        byte[] message;
        synchronized (sending) {
            byte[] part = new byte[data.remaining()];
            data.get(part);
            sending.writeBytes(part);
            if (!last) {
                return CompletableFuture.completedFuture(this);
            }
            message = sending.toByteArray();
            sending.reset();
        }
        server.onMessage(message);
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
        return CompletableFuture.completedFuture(this);
    }

    /** The client closes: the server hears the end, and (as a server answers a Close) so does the listener. */
    @Override
    public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
        if (!outputClosed) {
            outputClosed = true;
            server.onClose();
            serverSide().close();
        }
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("request " + n);
        }
        synchronized (lock) {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        }
        deliver();
    }

    @Override
    public String getSubprotocol() {
        return protocol;
    }

    @Override
    public boolean isOutputClosed() {
        return outputClosed;
    }

    @Override
    public boolean isInputClosed() {
        return inputClosed;
    }

    @Override
    public void abort() {
        boolean wasOpen = !outputClosed;
        outputClosed = true;
        synchronized (lock) {
            inputClosed = true;
            serverClosed = true;
            queue.clear();
        }
        if (wasOpen) {
            server.onClose();
        }
    }
}
