package dev.ccigen.runtime;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One call on its way through the chain: what kind of exchange, against which origin, whether it may be retried, its
 * timeout and cancel signal, where it has got to (retry, redirect) and every secret sent so far, which never leaves in
 * an exception, a log line or what an {@link Interceptor} sees.
 */
final class Call {

    final Attempt.Kind kind;
    /** The endpoint's origin: only there do credentials go. */
    final URI origin;

    final boolean retryable;
    final Duration timeout;
    final Cancel cancel;
    /** For an upgrade: the subprotocols offered and who hears the messages; else empty and null. */
    final List<String> subprotocols;

    final WebSocket.Listener listener;
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    /** Retries so far (429, 503, no response), and hops of the current attempt's redirects. */
    volatile int retry;

    volatile int redirect;
    /** The AK/SK of the latest attempt, if any: a 401 then may blame the signature. */
    volatile Credentials credentials;

    Call(
            Attempt.Kind kind,
            URI origin,
            boolean retryable,
            Duration timeout,
            Cancel cancel,
            List<String> subprotocols,
            WebSocket.Listener listener,
            List<String> secrets) {
        this.kind = kind;
        this.origin = origin;
        this.retryable = retryable;
        this.timeout = timeout;
        this.cancel = cancel;
        this.subprotocols = List.copyOf(subprotocols);
        this.listener = listener;
        secrets.forEach(this::secret);
    }

    /** Remembers a secret sent (a token, a key), so that text from the server never shows it. */
    void secret(String value) {
        if (value != null && !value.isEmpty()) {
            secrets.add(value);
        }
    }

    /** {@code text} with every secret blanked out, the longest first (a secret may contain a shorter one). */
    String redact(String text) {
        List<String> known = new ArrayList<>(secrets);
        known.sort((a, b) -> b.length() - a.length());
        return HttpBodies.redact(text, known.toArray(String[]::new));
    }

    /** A URI a server chose (a redirect target) with the secrets blanked out, should the server have put one there. */
    URI redact(URI uri) {
        String text = uri.toString();
        String redacted = redact(text);
        if (redacted.equals(text)) {
            return uri;
        }
        try {
            return URI.create(redacted);
        } catch (IllegalArgumentException e) {
            return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/" + HttpBodies.REDACTED);
        }
    }

    /** Response headers with the secrets blanked out of every value, should the server have echoed one. */
    Map<String, List<String>> redact(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) ->
                copy.put(name, values.stream().map(this::redact).collect(Collectors.toList())));
        return copy;
    }

    /** The exception of an answer other than the one asked for: by status, secrets blanked out. */
    ApiException error(String method, Received answer, Clock clock) {
        ApiException error = ApiException.from(
                method, redact(answer.uri), answer.status, redact(answer.headers), redact(answer.errorBody));
        return credentials != null ? SignatureRejectedException.explain(error, clock.instant()) : error;
    }

    /** Whether credentials may go to {@code target}: scheme, host and port of the endpoint. */
    boolean sameOrigin(URI target) {
        return target.getScheme().equalsIgnoreCase(origin.getScheme())
                && target.getHost() != null
                && target.getHost().equalsIgnoreCase(origin.getHost())
                && port(target) == port(origin);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public String toString() {
        return "Call[" + kind + ", retry " + retry + "]";
    }
}
