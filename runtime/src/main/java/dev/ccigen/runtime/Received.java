package dev.ccigen.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one attempt got back, as it goes up the chain: the status and headers; for a 2xx the body still open (read by
 * the caller within {@link #deadline}); for any other status the body as text, already read (at most 64 KiB) and
 * closed, so that retries and redirects leave no connection behind; for an upgrade the open WebSocket.
 */
final class Received {

    final int status;
    final Map<String, List<String>> headers;
    final URI uri;
    /** Open for a 2xx answer (not an upgrade), else null. */
    final InputStream body;
    /** The body of any other answer, read; null for a 2xx. */
    final String errorBody;
    /** The open WebSocket of a 101, else null. */
    final WebSocket webSocket;

    final long elapsedNanos;
    /** When the body must be in, a {@link System#nanoTime()} value: the request timeout of a plain call. */
    final long deadline;

    Received(
            int status,
            Map<String, List<String>> headers,
            URI uri,
            InputStream body,
            String errorBody,
            WebSocket webSocket,
            long elapsedNanos,
            long deadline) {
        this.status = status;
        this.headers = headers;
        this.uri = uri;
        this.body = body;
        this.errorBody = errorBody;
        this.webSocket = webSocket;
        this.elapsedNanos = elapsedNanos;
        this.deadline = deadline;
    }

    /** A 2xx, or the 101 of an upgrade: what the caller asked for. */
    boolean ok() {
        return webSocket != null || status / 100 == 2;
    }

    Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return Optional.of(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /** Releases the connection: the body closed, the WebSocket aborted. For an answer nobody will use. */
    void discard() {
        if (body != null) {
            try {
                body.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
        if (webSocket != null) {
            webSocket.abort();
        }
    }

    @Override
    public String toString() {
        return "Received[" + status + "]";
    }
}
