package dev.ccigen.runtime;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The default {@link Connector}: {@code java.net.http.HttpClient}, asynchronously. Cancelling an exchange cancels the
 * client's own future (which aborts the exchange) and closes the body of a response that arrives anyway: on Java 17
 * an answer can be under way when the cancel comes, and its connection would stay open until the server ended it.
 */
final class HttpClientConnector implements Connector {

    private static final System.Logger LOG = System.getLogger(HttpClientConnector.class.getPackageName());

    private final HttpClient httpClient;
    private final boolean owned;

    /** @param owned whether closing the connector releases the client (one the user gave is theirs) */
    HttpClientConnector(HttpClient httpClient, boolean owned) {
        this.httpClient = httpClient;
        this.owned = owned;
    }

    @Override
    public CompletableFuture<HttpResponse<InputStream>> send(HttpRequest request) {
        LateBody late = new LateBody();
        CompletableFuture<HttpResponse<InputStream>> sent = httpClient.sendAsync(request, late::subscriber);
        CompletableFuture<HttpResponse<InputStream>> result = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                late.abandon();
                sent.cancel(true);
                return cancelled;
            }
        };
        sent.whenComplete((response, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrapped(failure));
            } else if (!result.complete(response)) {
                late.abandon(); // nobody waits for it any more
            }
        });
        return result;
    }

    @Override
    public CompletableFuture<WebSocket> webSocket(
            URI uri,
            Map<String, String> headers,
            List<String> subprotocols,
            Duration timeout,
            WebSocket.Listener listener) {
        WebSocket.Builder builder = httpClient.newWebSocketBuilder().connectTimeout(timeout);
        headers.forEach(builder::header);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(
                    subprotocols.get(0),
                    subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        CompletableFuture<WebSocket> opening = builder.buildAsync(uri, listener);
        CompletableFuture<WebSocket> result = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                opening.thenAccept(WebSocket::abort); // should it open after all, nobody is there to use it
                return cancelled;
            }
        };
        opening.whenComplete((webSocket, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrapped(failure));
            } else if (!result.complete(webSocket)) {
                webSocket.abort();
            }
        });
        return result;
    }

    /** Releases the HTTP client when the connector created it (a no-op before Java 21). */
    @Override
    public void close() {
        if (owned && httpClient instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the HTTP client failed: {0}", e.toString());
            }
        }
    }

    private static Throwable unwrapped(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The body of one exchange, closed as soon as it exists if the exchange was abandoned. */
    static final class LateBody {
        private InputStream body;
        private boolean abandoned;

        HttpResponse.BodySubscriber<InputStream> subscriber(HttpResponse.ResponseInfo info) {
            HttpResponse.BodySubscriber<InputStream> subscriber = HttpResponse.BodySubscribers.ofInputStream();
            subscriber.getBody().thenAccept(this::arrived);
            return subscriber;
        }

        void arrived(InputStream in) {
            boolean close;
            synchronized (this) {
                body = in;
                close = abandoned;
            }
            if (close) {
                HttpBodies.closeQuietly(in);
            }
        }

        void abandon() {
            InputStream in;
            synchronized (this) {
                abandoned = true;
                in = body;
            }
            if (in != null) {
                HttpBodies.closeQuietly(in);
            }
        }
    }
}
