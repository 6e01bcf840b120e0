package dev.ccigen.testserver;

import java.util.List;
import java.util.Map;

/**
 * One request as the test server received it, for a test to assert on what its code sent.
 *
 * @param query   the raw query string, or null
 * @param headers the headers, names lower-cased
 * @param body    the body as text ("" when none)
 */
public record RecordedRequest(
        String method, String path, String query, Map<String, List<String>> headers, String body) {

    /** Copies the headers, so a recorded request cannot change. */
    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The first value of query parameter {@code name}, decoded, or null. */
    public String queryParameter(String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            String[] nv = pair.split("=", 2);
            if (decode(nv[0]).equals(name)) {
                return nv.length == 2 ? decode(nv[1]) : "";
            }
        }
        return null;
    }

    static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code GET /api/v1/namespaces/ns/pods?limit=2}: the request line, without headers or body. */
    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query);
    }
}
