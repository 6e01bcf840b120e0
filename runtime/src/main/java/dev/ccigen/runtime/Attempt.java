package dev.ccigen.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One try at an exchange, as an {@link Interceptor} sees it: method, URI, headers, what kind of exchange it is and
 * which retry. Credentials are never part of it: the token, the AK/SK signature and the security token are added after
 * the interceptors, and a header that carries credentials anyway (a configured {@code Authorization}) shows as
 * {@code ***}. Immutable; {@link #withHeader} makes the attempt to proceed with.
 */
public final class Attempt {

    /** What the attempt is for. */
    public enum Kind {
        /** A call whose whole answer is read: get, list, create, a log, IAM's token request. */
        CALL,
        /** A response read as it comes: a watch, a followed log. */
        STREAM,
        /** The upgrade request of a WebSocket: exec, attach, port-forward. */
        WEBSOCKET
    }

    /** Headers that carry credentials: shown as {@code ***}, and not to be set by an interceptor. */
    static final Set<String> SECRET_HEADERS = Set.of(
            "authorization",
            "proxy-authorization",
            "x-auth-token",
            "x-security-token",
            "x-subject-token",
            "x-metadata-token",
            "cookie",
            "set-cookie");

    final Hop hop;
    final Call call;

    Attempt(Hop hop, Call call) {
        this.hop = hop;
        this.call = call;
    }

    /** The HTTP method. */
    public String method() {
        return hop.method();
    }

    /** The absolute URI (a WebSocket's as {@code http} or {@code https}). */
    public URI uri() {
        return call.redact(hop.uri());
    }

    /** The headers to be sent (names in any case), credentials aside; the signing step may add its own. */
    public Map<String, String> headers() {
        Map<String, String> shown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        hop.headers()
                .forEach((name, value) -> shown.put(name, secret(name) ? HttpBodies.REDACTED : call.redact(value)));
        return Collections.unmodifiableMap(shown);
    }

    /** What the attempt is for. */
    public Kind kind() {
        return call.kind;
    }

    /** 0 for a call's first try, then 1, 2, ... for its retries (after a 429, a 503 or no response). */
    public int retry() {
        return call.retry;
    }

    /** 0, or how many redirects were followed to get here. */
    public int redirect() {
        return call.redirect;
    }

    /**
     * This attempt with one more header (or another value of it).
     *
     * @throws IllegalArgumentException for a header that carries credentials ({@code Authorization}, {@code
     *     X-Auth-Token}, {@code X-Security-Token}, ...): authentication is configured on the client
     */
    public Attempt withHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (secret(name)) {
            throw new IllegalArgumentException(name + " carries credentials: configure authentication on the client");
        }
        return new Attempt(hop.withHeader(name, value), call);
    }

    /** E.g. {@code GET https://cci.example/api/v1/pods (retry 1)}. */
    @Override
    public String toString() {
        return method() + " " + uri() + (retry() == 0 ? "" : " (retry " + retry() + ")")
                + (redirect() == 0 ? "" : " (redirect " + redirect() + ")");
    }

    static boolean secret(String header) {
        return SECRET_HEADERS.contains(header.toLowerCase(Locale.ROOT));
    }

    /**
     * How an attempt ended when an answer came: status and headers (those that carry credentials as {@code ***}), never
     * the body, which the call itself reads. No answer at all is the {@link java.io.IOException} that
     * {@link Interceptor.Chain#proceed} throws.
     */
    public static final class Response {

        final Received received;
        private final Call call;

        Response(Received received, Call call) {
            this.received = received;
            this.call = call;
        }

        /** The HTTP status: 101 for an upgrade to a WebSocket. */
        public int statusCode() {
            return received.status;
        }

        /** The response headers; those that carry credentials show as {@code ***}. */
        public Map<String, List<String>> headers() {
            Map<String, List<String>> shown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            call.redact(received.headers)
                    .forEach((name, values) -> shown.put(name, secret(name) ? List.of(HttpBodies.REDACTED) : values));
            return Collections.unmodifiableMap(shown);
        }

        /** The URI that answered. */
        public URI uri() {
            return call.redact(received.uri);
        }

        /** From sending the request to having the response's headers (for a WebSocket, to its being open). */
        public Duration elapsed() {
            return Duration.ofNanos(received.elapsedNanos);
        }

        /** E.g. {@code 200 in 12 ms}. */
        @Override
        public String toString() {
            return statusCode() + " in " + elapsed().toMillis() + " ms";
        }
    }
}
