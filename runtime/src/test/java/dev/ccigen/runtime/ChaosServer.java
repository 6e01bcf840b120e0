package dev.ccigen.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An API server that answers lists, watches and exec upgrades with faults chosen at random (from a seed): slow
 * answers, streams held open, ended, cut, 410, 500, 503 with Retry-After, exec sessions that talk, keep silent or end.
 * Every answer closes its connection, so that {@link #openConnections()} counts exactly what clients hold open. What
 * the server was doing when a client went away is counted in {@link #closedDuring}.
 */
final class ChaosServer extends SocketServer {

    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final Random random;
    private final AtomicLong resourceVersion = new AtomicLong(100);
    /** What the server was doing when a client closed the connection: {@code list}, {@code watch-held}, ... */
    final Map<String, AtomicInteger> closedDuring = new ConcurrentHashMap<>();

    ChaosServer(long seed) throws IOException {
        super("chaos-server");
        this.random = new Random(seed);
    }

    private int roll(int bound) {
        synchronized (random) {
            return random.nextInt(bound);
        }
    }

    @Override
    void serve(Socket connection) throws Exception {
        InputStream in = connection.getInputStream();
        String head = readHead(in);
        if (head == null) {
            return;
        }
        String target = target(head);
        if (head.toLowerCase(Locale.ROOT).contains("upgrade: websocket")) {
            exec(connection, head);
        } else if (target.contains("watch=true")) {
            watch(connection);
        } else {
            list(connection);
        }
    }

    private void list(Socket connection) throws IOException {
        int dice = roll(10);
        if (dice < 3 && heldUntilClientCloses(connection, 20 + roll(80), "list")) {
            return;
        }
        if (dice == 3) {
            status(connection, 503, "Retry-After: 1\r\n");
            return;
        }
        String version = String.valueOf(resourceVersion.incrementAndGet());
        json(connection, 200, WatchServer.list(version, null, WatchServer.pod("ns", "a", version)));
    }

    private void watch(Socket connection) throws IOException {
        int dice = roll(20);
        if (dice < 3) { // the informer lists again
            json(connection, 410, WatchServer.GONE);
            return;
        }
        if (dice < 5) {
            status(connection, 500, "");
            return;
        }
        if (dice == 5) {
            status(connection, 503, "Retry-After: 1\r\n");
            return;
        }
        if (dice < 8 && heldUntilClientCloses(connection, 30 + roll(120), "watch-headers")) {
            return;
        }
        OutputStream out = connection.getOutputStream();
        out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n"));
        for (int i = roll(3); i >= 0; i--) {
            String version = String.valueOf(resourceVersion.incrementAndGet());
            byte[] line = ("{\"type\":\"" + (i % 2 == 0 ? "MODIFIED" : "ADDED") + "\",\"object\":"
                            + WatchServer.pod("ns", i % 2 == 0 ? "a" : "b" + version, version) + "}\n")
                    .getBytes(StandardCharsets.UTF_8);
            out.write(ascii(Integer.toHexString(line.length) + "\r\n"));
            out.write(line);
            out.write(ascii("\r\n"));
        }
        out.flush();
        int end = roll(10);
        if (end < 3) {
            out.write(ascii("0\r\n\r\n")); // a clean end, as at timeoutSeconds
            out.flush();
        } else if (end < 5) {
            connection.setSoLinger(true, 0); // cut
        } else {
            heldUntilClientCloses(connection, 5000, "watch-held");
        }
    }

    /** Kubernetes' channel protocol (v5) over a WebSocket: stdout now and then, or silence; sometimes an exit. */
    private void exec(Socket connection, String head) throws Exception {
        String key = null;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                key = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        OutputStream out = connection.getOutputStream();
        out.write(ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key) + "\r\nSec-WebSocket-Protocol: v5.channel.k8s.io\r\n\r\n"));
        out.flush();
        boolean silent = roll(3) == 0;
        int frames = 0;
        InputStream in = connection.getInputStream();
        while (true) {
            connection.setSoTimeout(5 + roll(25));
            int first;
            try {
                first = in.read();
            } catch (SocketTimeoutException e) {
                if (!silent) {
                    frame(out, 2, "\u0001out " + frames++ + "\n");
                    if (roll(40) == 0) { // the command ends
                        frame(out, 2, "\u0003{\"metadata\":{},\"status\":\"Success\"}");
                        frame(out, 8, "\u0003\u00e8");
                        silent = true;
                    }
                }
                continue;
            }
            if (first < 0) {
                closedDuring.computeIfAbsent("exec", k -> new AtomicInteger()).incrementAndGet();
                return;
            }
            connection.setSoTimeout(2000);
            int opcode = first & 0x0f;
            int second = in.read();
            long length = second & 0x7f;
            if (length == 126) {
                length = ((in.read() & 0xff) << 8) | (in.read() & 0xff);
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | (in.read() & 0xff);
                }
            }
            in.readNBytes(4 + (int) length); // the mask and the payload: what the client says is not needed
            if (opcode == 8) { // the client's Close: answered, then the connection ends
                closedDuring.computeIfAbsent("exec", k -> new AtomicInteger()).incrementAndGet();
                frame(out, 8, "\u0003\u00e8");
                return;
            }
        }
    }

    /** One unmasked frame from the server; the text's chars are its bytes. */
    private static void frame(OutputStream out, int opcode, String payload) throws IOException {
        byte[] bytes = payload.getBytes(StandardCharsets.ISO_8859_1);
        out.write(0x80 | opcode);
        out.write(bytes.length); // every payload here is under 126 bytes
        out.write(bytes);
        out.flush();
    }

    private static String accept(String key) throws NoSuchAlgorithmException {
        byte[] digest =
                MessageDigest.getInstance("SHA-1").digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.ISO_8859_1));
        return Base64.getEncoder().encodeToString(digest);
    }

    /**
     * Keeps the connection without answering for {@code millis}, or until the client closes it.
     *
     * @return true when the client closed it (counted under {@code during})
     */
    private boolean heldUntilClientCloses(Socket connection, int millis, String during) throws IOException {
        connection.setSoTimeout(millis);
        try {
            if (connection.getInputStream().read() == -1) {
                closedDuring.computeIfAbsent(during, k -> new AtomicInteger()).incrementAndGet();
                return true;
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) { // reset by the client
            closedDuring.computeIfAbsent(during, k -> new AtomicInteger()).incrementAndGet();
            return true;
        }
        return false;
    }

    private static void json(Socket connection, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = connection.getOutputStream();
        out.write(ascii("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n"));
        out.write(bytes);
        out.flush();
    }

    private static void status(Socket connection, int status, String headers) throws IOException {
        String body = "{\"kind\":\"Status\",\"code\":" + status + "}";
        OutputStream out = connection.getOutputStream();
        out.write(ascii("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\n" + headers + "Content-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body));
        out.flush();
    }
}
