package dev.ccigen.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The last step: one exchange through the {@link Connector}, waited for within the call's timeout (a stream's too: for
 * its response headers) and abandoned at once when the call is cancelled; the connector then aborts it and closes any
 * response that still arrives. The body of an answer other than 2xx is read here (at most 64 KiB, within the
 * timeout) and closed, so that no step above has a connection to release.
 */
final class ConnectStep implements Chain.Step {

    private static final System.Logger LOG = System.getLogger(ConnectStep.class.getPackageName());

    private final Connector connector;

    ConnectStep(Connector connector) {
        this.connector = connector;
    }

    @Override
    public Received proceed(Hop hop, Call call, Chain rest) throws IOException {
        call.cancel.check();
        long started = System.nanoTime();
        long deadline = started + call.timeout.toNanos();
        Received answer = call.kind == Attempt.Kind.WEBSOCKET
                ? upgrade(hop, call, started, deadline)
                : exchange(hop, call, started, deadline);
        LOG.log(
                System.Logger.Level.DEBUG,
                "{0} {1} -> {2} ({3} ms)",
                hop.method(),
                call.redact(hop.uri()),
                answer.webSocket == null ? answer.status : "101 " + answer.webSocket.getSubprotocol(),
                answer.elapsedNanos / 1_000_000);
        return answer;
    }

    private Received exchange(Hop hop, Call call, long started, long deadline) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(hop.uri())
                .method(
                        hop.method(),
                        hop.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(hop.body()))
                .timeout(call.timeout);
        hop.headers().forEach(request::setHeader);
        CompletableFuture<HttpResponse<InputStream>> pending = connector.send(request.build());
        HttpResponse<InputStream> response =
                await(pending, call, deadline, () -> "request timed out after " + call.timeout.toMillis() + " ms");
        if (call.cancel.fired()) { // cancelled just as the answer came
            pending.cancel(true);
            response.body().close();
            throw new Cancel.Cancelled();
        }
        long elapsed = System.nanoTime() - started;
        int status = response.statusCode();
        URI uri = response.uri();
        if (status / 100 == 2) {
            return new Received(status, response.headers().map(), uri, response.body(), null, null, elapsed, deadline);
        }
        String errorBody;
        if (RedirectStep.isRedirect(status)
                && response.headers().firstValue("Location").isPresent()) {
            response.body().close();
            errorBody = "";
        } else { // a stream's error body gets its own time: the stream itself has none
            errorBody =
                    readCapped(response.body(), call.kind == Attempt.Kind.STREAM ? System.nanoTime() : started, call);
        }
        return new Received(status, response.headers().map(), uri, null, errorBody, null, elapsed, deadline);
    }

    private Received upgrade(Hop hop, Call call, long started, long deadline) throws IOException {
        URI target = webSocketUri(hop.uri());
        CompletableFuture<WebSocket> opening = connector.webSocket(
                target, hop.headers(), call.subprotocols, Duration.ofNanos(deadline - started), call.listener);
        try {
            WebSocket webSocket = await(
                    opening,
                    call,
                    deadline,
                    () -> "WebSocket upgrade timed out after " + call.timeout.toMillis() + " ms");
            if (call.cancel.fired()) {
                webSocket.abort();
                throw new Cancel.Cancelled();
            }
            return new Received(
                    101, java.util.Map.of(), hop.uri(), null, null, webSocket, System.nanoTime() - started, deadline);
        } catch (WebSocketHandshakeException refused) {
            HttpResponse<?> refusal = refused.getResponse();
            if (refusal.statusCode() == 101) {
                throw refused; // agreed to, but not as the protocol says (a wrong Sec-WebSocket-Accept): no answer
            }
            String body = refusal.body() instanceof String text ? text : ""; // what the JDK read of the refusal
            body = body.length() > ApiException.MAX_BODY_BYTES ? body.substring(0, ApiException.MAX_BODY_BYTES) : body;
            return new Received(
                    refusal.statusCode(),
                    refusal.headers().map(),
                    hop.uri(),
                    null,
                    body,
                    null,
                    System.nanoTime() - started,
                    deadline);
        }
    }

    /**
     * Waits for {@code pending} until the deadline, unless the call is cancelled: either way the exchange is then
     * abandoned ({@code cancel(true)}: the connector aborts it and closes a late answer).
     */
    private static <T> T await(
            CompletableFuture<T> pending, Call call, long deadline, java.util.function.Supplier<String> timedOut)
            throws IOException {
        try {
            return call.cancel.await(pending, deadline - System.nanoTime());
        } catch (Cancel.Cancelled e) {
            pending.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException(timedOut.get());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    /** At most 64 KiB of an error body, and only what arrives within the call's timeout from {@code from}. */
    @SuppressWarnings("try") // the deadline only has to be open while the body is read
    private static String readCapped(InputStream in, long from, Call call) {
        try (HttpBodies.Deadline ignored =
                        HttpBodies.Deadline.closing(in, from + call.timeout.toNanos(), call.timeout);
                Cancel.Registration closing = call.cancel.onFire(() -> HttpBodies.closeQuietly(in))) {
            return HttpBodies.readCapped(in, ApiException.MAX_BODY_BYTES);
        }
    }

    /** {@code https} becomes {@code wss}, {@code http} becomes {@code ws}: the same server, the same request. */
    static URI webSocketUri(URI uri) {
        String scheme = "https".equalsIgnoreCase(uri.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + uri.toString().substring(uri.getScheme().length()));
    }
}
