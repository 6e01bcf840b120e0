package dev.ccigen.runtime;

import java.io.IOException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The default {@link Connector}: {@code java.net.http.HttpClient}. An exchange is {@code HttpClient.send} on a pooled
 * thread of the connector's own, so that the caller waits on a future it can abandon (its cancel, its deadline).
 * Cancelling interrupts that thread, which is how the JDK aborts a {@code send}, and closes the body of a response that
 * arrives anyway: on Java 17 an answer can be under way when the cancel comes, and its connection would stay open
 * until the server ended it.
 *
 * <p>Not {@code sendAsync}: the JDK completes every {@code sendAsync} future on {@code CompletableFuture}'s default
 * executor, which on a machine of two cores or fewer (a common pool of one thread) starts a new thread per request,
 * and that halved the client's requests per second from 8 threads on 2 cores (bench/RESULTS.md). {@code send} has no
 * such step.
 */
final class HttpClientConnector implements Connector {

    private static final System.Logger LOG = System.getLogger(HttpClientConnector.class.getPackageName());

    private final HttpClient httpClient;
    private final boolean owned;
    private final ExecutorService senders;

    /** @param owned whether closing the connector releases the client (one the user gave is theirs) */
    HttpClientConnector(HttpClient httpClient, boolean owned) {
        this.httpClient = httpClient;
        this.owned = owned;
        // a thread per exchange under way, kept for reuse while idle a little; never keeps the JVM alive
        this.senders = new ThreadPoolExecutor(
                0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "ccigen-http-send");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public CompletableFuture<HttpResponse<InputStream>> send(HttpRequest request) {
        Exchange exchange = new Exchange(httpClient, request, new LateBody());
        try {
            senders.execute(exchange);
        } catch (RejectedExecutionException closed) {
            exchange.result.completeExceptionally(new IOException("the client is closed"));
        }
        return exchange.result;
    }

    /** One {@code send} on a thread of the connector's; {@link #result} is what the caller waits on and may cancel. */
    private static final class Exchange extends FutureTask<HttpResponse<InputStream>> {
        private final LateBody late;
        final CompletableFuture<HttpResponse<InputStream>> result = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                late.abandon(); // a body that arrives anyway is closed
                Exchange.this.cancel(true); // interrupts the send, which aborts the exchange
                return cancelled;
            }
        };

        Exchange(HttpClient httpClient, HttpRequest request, LateBody late) {
            super(() -> httpClient.send(request, late::subscriber));
            this.late = late;
        }

        @Override
        protected void done() {
            if (isCancelled()) {
                return; // by result.cancel: late closes whatever comes
            }
            try {
                if (!result.complete(get())) {
                    late.abandon(); // nobody waits for it any more
                }
            } catch (ExecutionException e) {
                result.completeExceptionally(e.getCause());
            } catch (InterruptedException e) {
                throw new AssertionError("a task that is done does not wait", e);
            }
        }
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
        senders.shutdown(); // exchanges under way finish; idle threads end
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
