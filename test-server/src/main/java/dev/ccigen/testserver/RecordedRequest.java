package dev.ccigen.testserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as the test server received it, for a test to assert on what its code sent. The server keeps the last
 * {@value RequestLog#MAX_REQUESTS} requests (and, of their bodies, at most {@value RequestLog#MAX_BODY_BYTES} bytes
 * in all: older bodies are dropped first).
 */
public final class RecordedRequest {
    private final String method;
    private final String path;
    private final String rawPath;
    private final String query;
    private final Map<String, List<String>> headers;
    private volatile byte[] body;
    private String text;

    /**
     * @param query   the raw query string, or null
     * @param headers the headers, names lower-cased
     * @param body    the body as text ("" when none)
     */
    public RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, String body) {
        this(method, path, path, query, copy(headers), body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Takes {@code headers} (names lower-cased, not changed after) and {@code body} as they are: no copies.
     *
     * @param rawPath the path as sent, percent-encoded (what an AK/SK signature covers)
     */
    RecordedRequest(
            String method, String path, String rawPath, String query, Map<String, List<String>> headers, byte[] body) {
        this.method = method;
        this.path = path;
        this.rawPath = rawPath;
        this.query = query;
        this.headers = Collections.unmodifiableMap(headers);
        this.body = body;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>();
        headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        return copy;
    }

    /** {@code GET}, {@code POST}, ... */
    public String method() {
        return method;
    }

    /** The path, decoded, e.g. {@code /api/v1/namespaces/ns/pods}. */
    public String path() {
        return path;
    }

    /** The path as sent, percent-encoded. */
    String rawPath() {
        return rawPath;
    }

    /** The raw query string, or null. */
    public String query() {
        return query;
    }

    /** The headers, names lower-cased. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The body as text ("" when none, or when it was dropped to keep the record small). */
    public synchronized String body() {
        if (text == null) {
            text = new String(bodyBytes(), StandardCharsets.UTF_8);
        }
        return text;
    }

    /** The body as sent (empty once dropped). */
    byte[] bodyBytes() {
        byte[] b = body;
        return b == null ? new byte[0] : b;
    }

    /** Forgets the body, keeping the rest of the record. */
    synchronized void dropBody() {
        body = null;
        text = null;
    }

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The first value of query parameter {@code name}, decoded, or null. */
    public String queryParameter(String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (decode(eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    /** Every value of query parameter {@code name}, decoded, in order (exec's {@code command}). */
    public List<String> queryParameters(String name) {
        if (query == null) {
            return List.of();
        }
        List<String> values = new java.util.ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (decode(eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
                values.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    /** A query string's part, decoded as the API server (Go's url.ParseQuery) decodes it: {@code +} is a space. */
    static String decode(String s) {
        return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** {@code GET /api/v1/namespaces/ns/pods?limit=2}: the request line, without headers or body. */
    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query);
    }
}
