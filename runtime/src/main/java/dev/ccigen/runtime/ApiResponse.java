package dev.ccigen.runtime;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A 2xx response with its status and headers, for callers that need more than the body: IAM answers a token
 * request with the token in the {@code X-Subject-Token} header.
 *
 * @param body the decoded body; null for none
 */
public record ApiResponse<T>(int statusCode, Map<String, List<String>> headers, T body) {
    /** Headers whose values are credentials: {@link #toString()} never prints them. */
    private static final Set<String> SECRET_HEADERS =
            Set.of("x-subject-token", "x-auth-token", "authorization", "set-cookie");

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    /** The first value of header {@code name}, whatever its case; null when absent. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ApiResponse[").append(statusCode).append(", headers=[");
        headers.keySet().stream()
                .sorted()
                .forEach(k -> b.append(k)
                        .append(SECRET_HEADERS.contains(k.toLowerCase(Locale.ROOT)) ? "=***" : "=" + headers.get(k))
                        .append(' '));
        return b.append("], body=").append(body).append(']').toString();
    }
}
