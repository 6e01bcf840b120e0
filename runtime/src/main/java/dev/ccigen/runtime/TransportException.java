package dev.ccigen.runtime;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * No response at all: the host name did not resolve, the connection was refused or closed, TLS failed, or a
 * timeout passed. {@link #statusCode()} is 0, {@link #reason()} says which, and the message says it in words
 * with the host and port: {@code connection refused by 127.0.0.1:8443: nothing accepts connections there
 * (GET https://127.0.0.1:8443/api/v1/pods)}. {@link #getCause()} is the one exception that tells what happened
 * (the {@link UnresolvedAddressException}, the {@link HttpTimeoutException}, ...), not the HTTP client's chain
 * of wrappers around it. Raised after the transport's retries (idempotent requests only) are used up.
 */
public class TransportException extends ApiException {

    /** What happened, for code that treats some cases differently (e.g. retries a timeout, not an unknown host). */
    public enum Reason {
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** Nothing accepts connections at that host and port. */
        CONNECTION_REFUSED,
        /** The connection closed before a complete response. */
        CONNECTION_CLOSED,
        /** The connect timeout or the request timeout passed. */
        TIMEOUT,
        /** The TLS handshake failed (most often: a certificate that is not trusted). */
        TLS,
        /** The calling thread was interrupted while it waited. */
        INTERRUPTED,
        /** The watch, informer or session the call belonged to was closed while it waited. */
        CANCELLED,
        /** Any other I/O failure. */
        OTHER
    }

    private static final long serialVersionUID = 1L;
    /** How deep into a cause chain to look: the HTTP client wraps two or three times. */
    private static final int MAX_DEPTH = 10;

    private final Reason reason;
    private final String what;

    /** For a failure of the request {@code method uri}; the message says what happened and where. */
    public TransportException(String method, URI uri, Throwable cause) {
        this(method, uri, cause, null);
    }

    /**
     * @param what what was being done, named in the message ({@code IAM token request}); null for the call itself
     */
    public TransportException(String method, URI uri, Throwable cause, String what) {
        super(method, uri, 0, Map.of(), null, telling(cause, reasonOf(cause)));
        this.reason = reasonOf(cause);
        this.what = what;
    }

    /** What went wrong, for code: unknown host, refused connection, timeout, TLS, ... */
    public Reason reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        String where = hostAndPort(uri());
        Throwable cause = getCause();
        String detail = cause == null || cause.getMessage() == null ? "" : ErrorBody.excerpt(cause.getMessage());
        String happened = switch (reason) {
            case UNKNOWN_HOST ->
                "unknown host " + (uri() == null || uri().getHost() == null ? where : uri().getHost())
                        + ": the name does not resolve";
            case CONNECTION_REFUSED -> "connection refused by " + where + ": nothing accepts connections there";
            case CONNECTION_CLOSED ->
                "connection to " + where + " closed before a complete response"
                        + (detail.isEmpty() ? "" : ": " + detail);
            case TIMEOUT -> "timed out waiting for " + where + (detail.isEmpty() ? "" : ": " + detail);
            case TLS ->
                "TLS failure with " + where + (detail.isEmpty() ? "" : ": " + detail)
                        + (detail.contains("PKIX") || detail.contains("certification path")
                                ? " (the server's certificate is not trusted: give its CA with caCertificates)"
                                : "");
            case INTERRUPTED -> "interrupted while waiting for " + where;
            case CANCELLED -> "cancelled while waiting for " + where + ": closed";
            case OTHER ->
                "I/O error with " + where + ": "
                        + (cause == null ? "" : cause.getClass().getSimpleName())
                        + (detail.isEmpty() ? "" : ": " + detail);
        };
        return (what == null ? "" : what + " failed: ") + happened + " (" + method() + " " + uri() + ")";
    }

    private static String hostAndPort(URI uri) {
        if (uri == null) {
            return "an unknown host";
        }
        if (uri.getHost() == null) {
            return String.valueOf(uri.getAuthority());
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    private static List<Throwable> chain(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null && chain.size() < MAX_DEPTH && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }

    private static Reason reasonOf(Throwable cause) {
        List<Throwable> chain = chain(cause);
        if (has(chain, InterruptedException.class)) {
            return Reason.INTERRUPTED;
        }
        if (has(chain, Cancel.Cancelled.class)) {
            return Reason.CANCELLED;
        }
        if (has(chain, UnresolvedAddressException.class) || has(chain, UnknownHostException.class)) {
            return Reason.UNKNOWN_HOST;
        }
        if (has(chain, HttpTimeoutException.class)) {
            return Reason.TIMEOUT;
        }
        if (has(chain, SSLException.class)) {
            return Reason.TLS;
        }
        if (has(chain, ConnectException.class)) {
            return Reason.CONNECTION_REFUSED;
        }
        if (has(chain, EOFException.class)
                || has(chain, ClosedChannelException.class)
                || chain.stream().anyMatch(t -> String.valueOf(t.getMessage()).contains("Connection reset"))) {
            return Reason.CONNECTION_CLOSED;
        }
        return Reason.OTHER;
    }

    /** The exception of the chain that tells what happened: the deepest of the reason's kind. */
    private static Throwable telling(Throwable cause, Reason reason) {
        Class<? extends Throwable> kind = switch (reason) {
            case INTERRUPTED -> InterruptedException.class;
            case CANCELLED -> Cancel.Cancelled.class;
            case UNKNOWN_HOST ->
                has(chain(cause), UnknownHostException.class)
                        ? UnknownHostException.class
                        : UnresolvedAddressException.class;
            case TIMEOUT -> HttpTimeoutException.class;
            case TLS -> SSLException.class;
            case CONNECTION_REFUSED -> ConnectException.class;
            case CONNECTION_CLOSED, OTHER -> null;
        };
        Throwable found = null;
        for (Throwable t : chain(cause)) {
            if (kind != null && kind.isInstance(t)) {
                found = t;
            }
        }
        if (reason == Reason.CONNECTION_REFUSED && found != null && found.getCause() != null) {
            // the HTTP client's ConnectException has no message and a ClosedChannelException as its cause: say it once
            ConnectException refused = new ConnectException("Connection refused");
            refused.setStackTrace(found.getStackTrace());
            return refused;
        }
        return found != null ? found : cause;
    }

    private static boolean has(List<Throwable> chain, Class<? extends Throwable> kind) {
        return chain.stream().anyMatch(kind::isInstance);
    }
}
