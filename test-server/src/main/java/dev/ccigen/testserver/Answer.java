package dev.ccigen.testserver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the server answers one request, whichever way it travels (HTTP, or in process): a status with headers and
 * either a whole body, a stream of chunks (a watch, a followed log), or a WebSocket the connection is upgraded to.
 */
final class Answer {
    final int status;
    final String contentType;
    final byte[] body;
    final Chunks chunks;
    final Upgrade upgrade;
    /** Extra headers, name then value, in order. */
    final List<String> headers = new ArrayList<>(4);

    private Answer(int status, String contentType, byte[] body, Chunks chunks, Upgrade upgrade) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.chunks = chunks;
        this.upgrade = upgrade;
    }

    static Answer json(int status, byte[] body) {
        return new Answer(status, "application/json", body, null, null);
    }

    static Answer of(int status, String contentType, byte[] body) {
        return new Answer(status, contentType, body, null, null);
    }

    static Answer text(int status, String contentType, String text) {
        return of(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A 200 whose body is {@code chunks}, sent as they come (chunked over HTTP). */
    static Answer stream(String contentType, Chunks chunks) {
        return new Answer(200, contentType, null, chunks, null);
    }

    /** A 101: the connection becomes a WebSocket speaking {@code upgrade}'s subprotocol. */
    static Answer upgrade(Upgrade upgrade) {
        return new Answer(101, null, null, null, upgrade);
    }

    /** A 101 to {@code protocol} (null: none), {@code open} run once the connection is open. */
    static Answer upgrade(String protocol, java.util.function.Function<Socket, Messages> open) {
        return upgrade(new Upgrade() {
            @Override
            public String protocol() {
                return protocol;
            }

            @Override
            public Messages open(Socket socket) {
                return open.apply(socket);
            }
        });
    }

    Answer header(String name, String value) {
        headers.add(name);
        headers.add(value);
        return this;
    }

    /** The value of extra header {@code name}, or null. */
    String header(String name) {
        for (int i = 0; i < headers.size(); i += 2) {
            if (headers.get(i).equalsIgnoreCase(name)) {
                return headers.get(i + 1);
            }
        }
        return null;
    }

    /** A body that comes in pieces, as they happen. */
    interface Chunks {
        /**
         * The next piece: null once the stream has ended, an empty array when nothing came within {@code waitMillis}
         * (the caller then checks that its reader is still there, and asks again).
         */
        byte[] next(long waitMillis) throws InterruptedException;

        /** The reader went away, or the server stops: release what the stream holds. */
        void close();
    }

    /** The server's side of a WebSocket: what it offers, and how it runs once the connection is open. */
    interface Upgrade {
        /** The subprotocol chosen (sent back in {@code Sec-WebSocket-Protocol}), or null. */
        String protocol();

        /**
         * The connection is open: {@code out} sends; the returned listener hears what the client sends. Called on the
         * thread that will deliver the client's messages: start other threads for work that blocks.
         */
        Messages open(Socket out);
    }

    /** Sending on a WebSocket: binary messages (the channel protocols), or text (a watch's events). */
    interface Socket {
        void send(byte[] message) throws java.io.IOException;

        void sendText(String message) throws java.io.IOException;

        /** Sends a Close (normal closure) and ends the connection once the client answers it (or soon after). */
        void close();
    }

    /** What a WebSocket's client sends, as the server hears it. */
    interface Messages {
        void onMessage(byte[] message);

        /** The connection ended (the client closed it, or it broke): nothing more comes. */
        void onClose();
    }
}
