package dev.ccigen.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An API server for lists and watches, played from scripts the test queues: a list answers with the next script
 * of {@link #lists}, a watch ({@code watch=true}) with the next of {@link #watches}, waiting for the test to queue
 * one. A watch script writes events, then ends the stream cleanly, cuts the connection, or holds it open until the
 * client closes it. {@link #stop()} and {@link #start()} restart the server on the same port.
 */
final class WatchServer extends SocketServer {

    /** What the server does for one request. */
    interface Script {
        void play(Call call) throws Exception;
    }

    final BlockingQueue<Script> lists = new LinkedBlockingQueue<>();
    final BlockingQueue<Script> watches = new LinkedBlockingQueue<>();
    /** Request targets ({@code /path?query}), in order. */
    final List<String> requests = new CopyOnWriteArrayList<>();

    WatchServer() throws IOException {
        super("watch-server");
    }

    /** The requests whose target contains {@code part}. */
    List<String> requests(String part) {
        return requests.stream().filter(r -> r.contains(part)).toList();
    }

    @Override
    void serve(Socket connection) throws Exception {
        InputStream in = connection.getInputStream();
        while (true) {
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String target = target(head);
            requests.add(target);
            BlockingQueue<Script> scripts = target.contains("watch=true") ? watches : lists;
            Script script = scripts.poll(20, TimeUnit.SECONDS);
            Call call = new Call(connection, target);
            if (script == null) {
                call.json(500, "{\"kind\":\"Status\",\"code\":500,\"message\":\"no script for " + target + "\"}");
            } else {
                script.play(call);
            }
            if (call.cut) {
                return;
            }
        }
    }

    /** One request being answered. */
    static final class Call {
        final String target;
        private final Socket connection;
        private final OutputStream out;
        private boolean cut;

        Call(Socket connection, String target) throws IOException {
            this.connection = connection;
            this.target = target;
            this.out = connection.getOutputStream();
        }

        void json(int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(ascii("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: "
                    + bytes.length + "\r\n\r\n"));
            out.write(bytes);
            out.flush();
        }

        /** The head of a JSON answer and the first {@code sent} bytes of its body, the rest never: a stalled body. */
        void partialJson(int status, String body, int sent) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(ascii("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: "
                    + bytes.length + "\r\n\r\n"));
            out.write(bytes, 0, sent);
            out.flush();
        }

        /** Starts a chunked 200 answer: the watch stream. */
        Call stream() throws IOException {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
            out.flush();
            return this;
        }

        /** One event line, as a chunk of its own. */
        Call event(String type, String object) throws IOException {
            byte[] line = ("{\"type\":\"" + type + "\",\"object\":" + object + "}\n").getBytes(StandardCharsets.UTF_8);
            out.write(ascii(Integer.toHexString(line.length) + "\r\n"));
            out.write(line);
            out.write(ascii("\r\n"));
            out.flush();
            return this;
        }

        /** Ends the stream cleanly, as an API server does at {@code timeoutSeconds}. */
        void end() throws IOException {
            out.write(ascii("0\r\n\r\n"));
            out.flush();
        }

        /** Drops the connection in the middle of the stream. */
        void cut() throws IOException {
            cut = true;
            connection.close();
        }

        /**
         * Keeps the stream open until the client closes the connection; true if it did within 10 s (a reset counts:
         * a client that closes with bytes of the answer still unread resets the connection rather than ending it).
         */
        boolean holdUntilClientCloses() throws IOException {
            connection.setSoTimeout(10_000);
            try {
                return connection.getInputStream().read() == -1;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return !connection.isClosed(); // reset by the client; not closed by this server's stop()
            } finally {
                cut = true;
            }
        }
    }

    /** A pod's JSON: {@code {"metadata":{"namespace":ns,"name":name,"resourceVersion":rv}}}. */
    static String pod(String namespace, String name, String resourceVersion) {
        return "{\"kind\":\"Pod\",\"metadata\":{" + (namespace == null ? "" : "\"namespace\":\"" + namespace + "\",")
                + "\"name\":\"" + name + "\",\"resourceVersion\":\"" + resourceVersion + "\"}}";
    }

    /** A BOOKMARK's object. */
    static String bookmark(String resourceVersion) {
        return "{\"kind\":\"Pod\",\"metadata\":{\"resourceVersion\":\"" + resourceVersion + "\"}}";
    }

    /** The Status of a 410 Gone, in a stream or as a body. */
    static final String GONE = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"message\":\"too old resource version: 1 (9)\",\"reason\":\"Expired\",\"code\":410}";

    /** A list body of these pods' JSON. */
    static String list(String resourceVersion, String continueToken, String... pods) {
        return "{\"kind\":\"PodList\",\"metadata\":{\"resourceVersion\":\"" + resourceVersion + "\""
                + (continueToken == null ? "" : ",\"continue\":\"" + continueToken + "\"") + "},\"items\":["
                + String.join(",", pods) + "]}";
    }
}
