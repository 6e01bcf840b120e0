package dev.ccigen.runtime;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The last step of a client's chain: sends one attempt, exactly as the chain prepared it (authenticated, signed, with
 * its timeout), and hands back its response. It retries nothing, follows no redirect and maps no error: the chain does
 * that, the same for every connector. The default sends over {@code java.net.http.HttpClient} (configured by
 * {@link ClientBuilder#connectTimeout}, the TLS settings and {@link ClientBuilder#httpClient}); another one is given
 * with {@link ClientBuilder#connector}, e.g. a test server that answers in process, without a socket, as client-go's
 * fake clientset serves Go tests. Implementations must be thread-safe.
 */
public interface Connector extends AutoCloseable {

    /**
     * Starts an exchange.
     *
     * @return completes when the response's status and headers are in, its body open (the chain reads and closes it),
     *     or fails with the {@link java.io.IOException} that prevented a response. Cancelling it ({@code cancel(true)})
     *     aborts the exchange; a response that still arrives after that must have its body closed by the connector.
     */
    CompletableFuture<HttpResponse<InputStream>> send(HttpRequest request);

    /**
     * Starts a WebSocket upgrade ({@code GET} of {@code uri}, a {@code ws} or {@code wss} URI).
     *
     * @param headers the request's headers, authentication included
     * @param subprotocols offered in order of preference
     * @param timeout for the whole opening handshake
     * @return completes with the open WebSocket (the server's choice of subprotocol in it), or fails with a
     *     {@link WebSocketHandshakeException} whose response is the server's refusal (status, headers, body as a
     *     {@code String}), or with the {@link java.io.IOException} that prevented an answer. A WebSocket that opens
     *     after the future was cancelled must be aborted by the connector.
     */
    CompletableFuture<WebSocket> webSocket(
            URI uri,
            Map<String, String> headers,
            List<String> subprotocols,
            Duration timeout,
            WebSocket.Listener listener);

    /** Releases what the connector holds (connections, threads); exchanges in flight may fail. */
    @Override
    void close();
}
