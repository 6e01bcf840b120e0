package dev.ccigen.testserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A watch asked for over a WebSocket (as fabric8's client asks by default): each event a text message, as the API
 * server frames JSON; the connection closes when the watch ends, and the watch ends when the client closes.
 */
final class WatchOverWebSocket {
    private WatchOverWebSocket() {}

    static Answer answer(Answer.Chunks events) {
        return Answer.upgrade(null, socket -> {
            Thread pump = new Thread(() -> pump(events, socket), "ccigen-test-server-watch");
            pump.setDaemon(true);
            pump.start();
            return new Answer.Messages() {
                @Override
                public void onMessage(byte[] message) {
                    // a watch client sends nothing
                }

                @Override
                public void onClose() {
                    events.close();
                }
            };
        });
    }

    private static void pump(Answer.Chunks events, Answer.Socket socket) {
        try {
            for (byte[] line = events.next(200); line != null; line = events.next(200)) {
                if (line.length > 0) {
                    socket.sendText(new String(line, 0, line.length - 1, StandardCharsets.UTF_8)); // without "\n"
                }
            }
        } catch (IOException e) {
            // the client has gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            events.close();
            socket.close();
        }
    }
}
