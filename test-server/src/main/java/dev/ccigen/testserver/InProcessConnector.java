package dev.ccigen.testserver;

import dev.ccigen.runtime.Connector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLSession;

/**
 * The client's end of a server in the same JVM, as client-go's fake clientset serves Go tests: a request is answered
 * on the thread that sends it (no socket, no thread hand-off), by the same code that answers it over HTTP; a stream (a
 * watch, a followed log) is read on the reader's thread; a WebSocket (exec, attach, port-forward, a watch) passes its
 * messages between the two sides directly, as the listener asks for them.
 */
final class InProcessConnector implements Connector {
    private final ApiTestServer server;

    InProcessConnector(ApiTestServer server) {
        this.server = server;
    }

    @Override
    public CompletableFuture<HttpResponse<InputStream>> send(HttpRequest request) {
        try {
            byte[] body = request.bodyPublisher().isPresent()
                    ? body(request.bodyPublisher().get())
                    : new byte[0];
            Answer answer = server.handle(
                    recorded(request.method(), request.uri(), request.headers().map(), body));
            return CompletableFuture.completedFuture(new Response<>(request, request.uri(), answer, bodyOf(answer)));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<WebSocket> webSocket(
            URI uri,
            Map<String, String> headers,
            List<String> subprotocols,
            Duration timeout,
            WebSocket.Listener listener) {
        Map<String, List<String>> all = new HashMap<>();
        headers.forEach((k, v) -> all.put(k, List.of(v)));
        all.put("upgrade", List.of("websocket"));
        all.put("connection", List.of("Upgrade"));
        all.put("sec-websocket-version", List.of("13"));
        all.put("sec-websocket-key", List.of("aW4tcHJvY2Vzcy1rZXk="));
        if (!subprotocols.isEmpty()) {
            all.put("sec-websocket-protocol", List.of(String.join(", ", subprotocols)));
        }
        Answer answer = server.handle(recorded("GET", uri, all, new byte[0]));
        if (answer.upgrade == null) {
            String text = answer.body == null ? "" : new String(answer.body, StandardCharsets.UTF_8);
            return CompletableFuture.failedFuture(
                    new WebSocketHandshakeException(new Response<>(null, uri, answer, text)));
        }
        InProcessWebSocket ws = new InProcessWebSocket(listener, answer.upgrade.protocol());
        ws.connect(answer.upgrade.open(ws.serverSide()));
        listener.onOpen(ws);
        return CompletableFuture.completedFuture(ws);
    }

    @Override
    public void close() {
        // nothing held
    }

    /** The request as the server records it: headers by lower-cased name, with the Host a client would send. */
    private static RecordedRequest recorded(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        Map<String, List<String>> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        lower.putIfAbsent("host", List.of(uri.getRawAuthority() == null ? "localhost" : uri.getRawAuthority()));
        String rawPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new RecordedRequest(
                method, uri.getPath() == null ? rawPath : uri.getPath(), rawPath, uri.getRawQuery(), lower, body);
    }

    /** A request body's bytes: the JDK's publishers hand them over on the subscribing thread. */
    private static byte[] body(HttpRequest.BodyPublisher publisher) throws IOException {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream((int) Math.max(0, Math.min(publisher.contentLength(), 1 << 20)));
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(out.toByteArray());
            }
        });
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading a request body");
        } catch (ExecutionException e) {
            throw new IOException("the request body failed: " + e.getCause(), e.getCause());
        }
    }

    private static InputStream bodyOf(Answer answer) {
        if (answer.chunks != null) {
            return new ChunkInput(answer.chunks);
        }
        return new java.io.ByteArrayInputStream(answer.body == null ? new byte[0] : answer.body);
    }

    /** A streamed answer, read on the reader's thread; closing it (from any thread) ends the stream. */
    private static final class ChunkInput extends InputStream {
        private final Answer.Chunks chunks;
        private byte[] current = new byte[0];
        private int pos;
        private volatile boolean closed;
        private boolean ended;

        ChunkInput(Answer.Chunks chunks) {
            this.chunks = chunks;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos == current.length) {
                if (ended || closed) {
                    return -1;
                }
                try {
                    byte[] next = chunks.next(200);
                    if (next == null) {
                        ended = true;
                        chunks.close();
                    } else {
                        current = next;
                        pos = 0;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading a stream");
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
            chunks.close();
        }
    }

    /** An answer as the JDK's client would hand it over. */
    private static final class Response<T> implements HttpResponse<T> {
        private final HttpRequest request;
        private final URI uri;
        private final int status;
        private final HttpHeaders headers;
        private final T body;

        Response(HttpRequest request, URI uri, Answer answer, T body) {
            this.request = request;
            this.uri = uri;
            this.status = answer.status;
            Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            if (answer.contentType != null) {
                map.put("content-type", List.of(answer.contentType));
            }
            for (int i = 0; i < answer.headers.size(); i += 2) {
                map.computeIfAbsent(answer.headers.get(i), k -> new ArrayList<>())
                        .add(answer.headers.get(i + 1));
            }
            this.headers = HttpHeaders.of(map, (k, v) -> true);
            this.body = body;
        }

        @Override
        public int statusCode() {
            return status;
        }

        @Override
        public HttpRequest request() {
            return request;
        }

        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return headers;
        }

        @Override
        public T body() {
            return body;
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return uri;
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
