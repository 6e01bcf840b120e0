package dev.ccigen.testserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server's end of a WebSocket over a socket (RFC 6455): reads the client's frames (masked, possibly fragmented)
 * and hands each whole message on; answers pings; sends binary messages and the closing handshake, unmasked.
 */
final class WebSocketFrames implements Answer.Socket {
    private static final int CONTINUATION = 0;
    private static final int TEXT = 1;
    private static final int BINARY = 2;
    private static final int CLOSE = 8;
    private static final int PING = 9;
    private static final int PONG = 10;
    private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean closeSent;

    WebSocketFrames(Socket socket, InputStream in, OutputStream out) {
        this.socket = socket;
        this.in = in;
        this.out = out;
    }

    @Override
    public void send(byte[] message) throws IOException {
        frame(BINARY, message);
    }

    @Override
    public void sendText(String message) throws IOException {
        frame(TEXT, message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            frame(CLOSE, new byte[] {0x03, (byte) 0xe8}); // 1000: normal closure
        } catch (IOException e) {
            closeSocket();
            return;
        }
        // The client answers with its Close, which ends read(); one that does not is cut off.
        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(this::closeSocket);
    }

    /** Reads until the client closes (answering its Close) or the connection breaks. */
    void read(Answer.Messages messages) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int b0 = in.read();
            int b1 = in.read();
            if (b0 < 0 || b1 < 0) {
                return;
            }
            int opcode = b0 & 0x0f;
            boolean fin = (b0 & 0x80) != 0;
            long length = b1 & 0x7f;
            if (length == 126) {
                length = (long) in.read() << 8 | in.read();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = length << 8 | in.read();
                }
            }
            if (length < 0 || length > MAX_MESSAGE_BYTES) {
                throw new IOException("a WebSocket frame of " + length + " bytes");
            }
            byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
            byte[] payload = in.readNBytes((int) length);
            if (payload.length != length) {
                return;
            }
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
            }
            switch (opcode) {
                case CLOSE -> {
                    frame(CLOSE, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                    closeSocket();
                    return;
                }
                case PING -> frame(PONG, payload);
                case PONG -> {
                    // nothing to do
                }
                case TEXT, BINARY, CONTINUATION -> {
                    if (message.size() + payload.length > MAX_MESSAGE_BYTES) {
                        throw new IOException("a WebSocket message over " + MAX_MESSAGE_BYTES + " bytes");
                    }
                    message.write(payload);
                    if (fin) {
                        messages.onMessage(message.toByteArray());
                        message.reset();
                    }
                }
                default -> throw new IOException("unknown WebSocket opcode " + opcode);
            }
        }
    }

    private synchronized void frame(int opcode, byte[] payload) throws IOException {
        if (closeSent) {
            if (opcode == CLOSE) {
                return;
            }
            throw new IOException("the WebSocket is closing");
        }
        closeSent = opcode == CLOSE;
        out.write(0x80 | opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length < 65536) {
            out.write(126);
            out.write(payload.length >>> 8);
            out.write(payload.length);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >>> shift));
            }
        }
        out.write(payload);
        out.flush();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
