package dev.ccigen.testserver;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * HTTP/1.1 on the loopback interface, on the JDK's sockets: one thread per connection reads a request, has it
 * answered, writes the answer in one piece, and reads the next. A connection stays open until the client closes it (or
 * the server stops): the server never closes an idle connection, so a client never sends a request on a connection
 * the server is closing at that moment (the JDK's {@code HttpServer} closes idle connections, which a client with
 * retries off sees as "header parser received no bytes"). Streamed bodies go chunked; an upgrade turns the connection
 * into a WebSocket (RFC 6455, server side) on the same thread.
 */
final class HttpFront implements AutoCloseable {
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    private static final long POLL_MILLIS = 200;
    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket listener;
    private final Function<RecordedRequest, Answer> handler;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param port the loopback port, 0 for any free one
     * @throws IOException when the port cannot be opened
     */
    HttpFront(int port, Function<RecordedRequest, Answer> handler) throws IOException {
        this.handler = handler;
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        Thread acceptor = new Thread(this::accept, "ccigen-test-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    URI uri() {
        return URI.create("http://" + listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort());
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(socket);
            if (closed) {
                closeQuietly(socket);
                return;
            }
            Thread t = new Thread(() -> serve(socket), "ccigen-test-server-" + connections.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            Input in = new Input(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            while (!closed) {
                Request request = readRequest(in, out);
                if (request == null) {
                    return;
                }
                Answer answer = handler.apply(request.recorded);
                if (answer.upgrade != null && request.webSocketKey != null) {
                    webSocket(socket, in, out, request, answer);
                    return;
                }
                if (!write(socket, in, out, request, answer) || !request.keepAlive) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away, or sent something that is not HTTP: the connection ends
        } finally {
            open.remove(socket);
        }
    }

    // ---- reading ----

    /** A request as read, with what the connection needs to know of it. */
    private record Request(RecordedRequest recorded, boolean keepAlive, boolean head, String webSocketKey) {}

    private static Request readRequest(Input in, OutputStream out) throws IOException {
        String line = readLine(in, true);
        while (line != null && line.isEmpty()) { // a stray CRLF between requests is allowed
            line = readLine(in, true);
        }
        if (line == null) {
            return null;
        }
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x request line: " + line);
        }
        Map<String, List<String>> headers = new HashMap<>();
        int headBytes = line.length();
        for (String h = readLine(in, false); !h.isEmpty(); h = readLine(in, false)) {
            headBytes += h.length();
            if (headBytes > MAX_HEAD_BYTES) {
                throw new IOException("request head over " + MAX_HEAD_BYTES + " bytes");
            }
            int colon = h.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
                    .add(h.substring(colon + 1).trim());
        }
        String target = parts[1];
        if (target.startsWith("http://") || target.startsWith("https://")) { // absolute form
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        if ("100-continue".equalsIgnoreCase(first(headers, "expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        byte[] body = readBody(in, headers);
        String connection = String.valueOf(first(headers, "connection")).toLowerCase(Locale.ROOT);
        boolean keepAlive =
                parts[2].equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
        String upgrade = String.valueOf(first(headers, "upgrade")).toLowerCase(Locale.ROOT);
        String key = upgrade.contains("websocket") ? first(headers, "sec-websocket-key") : null;
        RecordedRequest recorded = new RecordedRequest(parts[0], decodePath(rawPath), rawPath, query, headers, body);
        return new Request(recorded, keepAlive, parts[0].equals("HEAD"), key);
    }

    private static String decodePath(String raw) {
        return raw.indexOf('%') < 0 ? raw : URI.create("http://h" + raw).getPath();
    }

    private static byte[] readBody(Input in, Map<String, List<String>> headers) throws IOException {
        String encoding = first(headers, "transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = readLine(in, false);
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (n == 0) {
                    while (!readLine(in, false).isEmpty()) {
                        // trailers: not kept
                    }
                    return body.toByteArray();
                }
                if (body.size() + n > MAX_BODY_BYTES) {
                    throw new IOException("request body over " + MAX_BODY_BYTES + " bytes");
                }
                body.write(readExactly(in, n));
                readLine(in, false);
            }
        }
        String length = first(headers, "content-length");
        if (length == null) {
            return new byte[0];
        }
        long n = Long.parseLong(length.trim());
        if (n < 0 || n > MAX_BODY_BYTES) {
            throw new IOException("request body of " + n + " bytes");
        }
        return readExactly(in, (int) n);
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new IOException("the connection ended inside a body");
        }
        return b;
    }

    /** A line without its CRLF; null at the end of the stream when {@code endAllowed}. */
    private static String readLine(Input in, boolean endAllowed) throws IOException {
        String line = in.readLine(MAX_HEAD_BYTES);
        if (line == null && !endAllowed) {
            throw new IOException("the connection ended inside a request head");
        }
        return line;
    }

    /**
     * A socket's input, buffered, read a line at a time (a request head) or as bytes (bodies, WebSocket frames): the
     * lines are found in the buffer, not read a byte at a time.
     */
    static final class Input extends InputStream {
        private final InputStream in;
        private final byte[] buffer = new byte[16 * 1024];
        private int pos;
        private int limit;

        Input(InputStream in) {
            this.in = in;
        }

        /** Reads more into the buffer; false at the end of the stream. */
        private boolean fill() throws IOException {
            if (pos == limit) {
                pos = 0;
                limit = 0;
            } else if (limit == buffer.length) {
                System.arraycopy(buffer, pos, buffer, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n <= 0) {
                return false;
            }
            limit += n;
            return true;
        }

        /** The next line (ISO-8859-1, without CR LF), null at the end of the stream before any byte of it. */
        String readLine(int max) throws IOException {
            StringBuilder longer = null; // a line longer than the buffer, as far as it came
            int from = pos;
            while (true) {
                for (int i = from; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        String part = new String(buffer, pos, i - pos, StandardCharsets.ISO_8859_1);
                        pos = i + 1;
                        String line =
                                longer == null ? part : longer.append(part).toString();
                        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                    }
                }
                if (pos == 0 && limit == buffer.length) {
                    longer = longer == null ? new StringBuilder() : longer;
                    longer.append(new String(buffer, 0, limit, StandardCharsets.ISO_8859_1));
                    pos = limit;
                    if (longer.length() > max) {
                        throw new IOException("a line over " + max + " bytes");
                    }
                }
                int scanned = limit - pos;
                if (!fill()) {
                    if (scanned == 0 && longer == null) {
                        return null;
                    }
                    throw new IOException("the connection ended inside a line");
                }
                from = pos + scanned;
            }
        }

        @Override
        public int read() throws IOException {
            if (pos == limit && !fill()) {
                return -1;
            }
            return buffer[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos == limit) {
                if (len >= buffer.length) {
                    return in.read(b, off, len);
                }
                if (!fill()) {
                    return -1;
                }
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(buffer, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return limit - pos + in.available();
        }

        /** Whether the stream has ended, waiting at most what the socket's timeout allows for a byte. */
        boolean ended() throws IOException {
            return pos == limit && !fill();
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    // ---- writing ----

    /** Writes the answer; false when the connection must end (the client left during a stream). */
    private boolean write(Socket socket, Input in, OutputStream out, Request request, Answer answer)
            throws IOException {
        StringBuilder head = new StringBuilder(256)
                .append("HTTP/1.1 ")
                .append(answer.status)
                .append(' ')
                .append(reasonPhrase(answer.status))
                .append("\r\n");
        if (answer.contentType != null) {
            head.append("Content-Type: ").append(answer.contentType).append("\r\n");
        }
        for (int i = 0; i < answer.headers.size(); i += 2) {
            head.append(answer.headers.get(i))
                    .append(": ")
                    .append(answer.headers.get(i + 1))
                    .append("\r\n");
        }
        if (!request.keepAlive) {
            head.append("Connection: close\r\n");
        }
        if (answer.chunks != null) {
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return stream(socket, in, out, answer.chunks);
        }
        byte[] body = answer.body == null ? new byte[0] : answer.body;
        boolean bodyless = answer.status == 204 || answer.status == 304 || answer.status < 200;
        if (!bodyless) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!bodyless && !request.head) {
            out.write(body);
        }
        out.flush();
        return true;
    }

    private boolean stream(Socket socket, Input in, OutputStream out, Answer.Chunks chunks) throws IOException {
        try {
            while (!closed) {
                byte[] chunk = chunks.next(POLL_MILLIS);
                if (chunk == null) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    return true;
                }
                if (chunk.length == 0) {
                    if (clientLeft(socket, in)) {
                        return false;
                    }
                    continue;
                }
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(chunk);
                out.write('\r');
                out.write('\n');
                out.flush();
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            chunks.close();
        }
    }

    /** Whether the client closed its end: a client that waits on a stream sends nothing, so a read sees the end. */
    private static boolean clientLeft(Socket socket, Input in) throws IOException {
        if (in.available() > 0) {
            return false;
        }
        socket.setSoTimeout(1);
        try {
            return in.ended();
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout(0);
        }
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status " + status;
        };
    }

    // ---- WebSocket ----

    private void webSocket(Socket socket, Input in, OutputStream out, Request request, Answer answer)
            throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Accept: ")
                .append(accept(request.webSocketKey))
                .append("\r\n");
        String protocol = answer.upgrade.protocol();
        if (protocol != null) {
            head.append("Sec-WebSocket-Protocol: ").append(protocol).append("\r\n");
        }
        for (int i = 0; i < answer.headers.size(); i += 2) {
            head.append(answer.headers.get(i))
                    .append(": ")
                    .append(answer.headers.get(i + 1))
                    .append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        WebSocketFrames frames = new WebSocketFrames(socket, in, out);
        Answer.Messages messages = answer.upgrade.open(frames);
        try {
            frames.read(messages);
        } finally {
            messages.onClose();
        }
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key.trim() + WEBSOCKET_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
