package dev.ccigen.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server that writes whatever bytes a test scripts, for responses no well-behaved server library sends:
 * a wrong Content-Length, a body that never ends, 100 MB written in a loop. Every connection is answered
 * by {@link Handler} after its request head (and a Content-Length body) was read.
 */
final class RawServer extends SocketServer {

    interface Handler {
        void respond(String requestHead, OutputStream out) throws Exception;
    }

    final List<String> requests = new CopyOnWriteArrayList<>();
    private final Handler handler;

    RawServer(Handler handler) throws IOException {
        super("raw-server");
        this.handler = handler;
    }

    @Override
    void serve(Socket connection) throws Exception {
        InputStream in = connection.getInputStream();
        OutputStream out = connection.getOutputStream();
        while (true) {
            String head = readHead(in);
            if (head == null) {
                return;
            }
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    in.readNBytes(Integer.parseInt(
                            line.substring("content-length:".length()).trim()));
                }
            }
            requests.add(head);
            handler.respond(head, out);
            out.flush();
        }
    }
}
