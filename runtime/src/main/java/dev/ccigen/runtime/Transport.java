package dev.ccigen.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP core of a generated client: authentication, retries, redirects, decoding and errors.
 * Thread-safe; one instance per endpoint, built by {@link ClientBuilder}.
 *
 * <ul>
 *   <li>Sends {@code X-Auth-Token} from the {@link TokenProvider}; on a 401 it invalidates that token,
 *       takes a new one and sends the request once more (whatever the method: a 401 means it never ran).</li>
 *   <li>Or signs each request with the AK/SK of its {@link CredentialsProvider} ({@link AkSkSigner}): every
 *       attempt, retry and redirect anew, with the date of that moment; a 401 that blames the signature or its
 *       date becomes a {@link SignatureRejectedException}.</li>
 *   <li>Retries 429, 503 and connection failures of {@link Request#retryable() retryable} requests, at
 *       most {@code maxRetries} times, waiting as {@code Retry-After} or the Status body's
 *       {@code details.retryAfterSeconds} says (capped), else exponential backoff with full jitter.</li>
 *   <li>Follows redirects itself (at most 5, to http and https URLs only), sending the token only back to
 *       the endpoint's own origin; a loop or any other redirect it will not follow raises
 *       {@link RedirectException}.</li>
 *   <li>Non-2xx responses become {@link ApiException#from}, reading at most 64 KiB of the body.</li>
 *   <li>The request timeout bounds the whole exchange, body included: a server that sends headers and then
 *       stalls or trickles raises a {@link TransportException} caused by an {@code HttpTimeoutException}.
 *       Streams ({@link #stream}) have no timeout once their headers arrived; close them to stop.</li>
 *   <li>Opens WebSockets ({@link #webSocket}: exec, attach, port-forward) by the same rules of authentication,
 *       redirects and errors.</li>
 *   <li>Text taken from the server (error bodies, redirect targets) has the token, or the AK, SK and security
 *       token, blanked out before it reaches an exception or a log line.</li>
 * </ul>
 * Logs at DEBUG to the {@code System.Logger} named after this package: method, URI, status, time and
 * retry reasons; never header values or bodies.
 */
public final class Transport implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Transport.class.getPackageName());
    private static final int MAX_REDIRECTS = 5;

    private final URI endpoint;
    private final String endpointBase;
    private final HttpClient httpClient;
    private final boolean ownsHttpClient;
    private final TokenProvider tokenProvider;
    private final CredentialsProvider credentialsProvider;
    private final Clock clock;
    private final Map<String, String> defaultHeaders;
    private final Duration requestTimeout;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final RetryAfter retryAfter;
    private final Sleeper sleeper;

    Transport(
            URI endpoint,
            HttpClient httpClient,
            boolean ownsHttpClient,
            TokenProvider tokenProvider,
            Map<String, String> defaultHeaders,
            Duration requestTimeout,
            int maxRetries,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration maxRetryAfter,
            Clock clock,
            Sleeper sleeper,
            CredentialsProvider credentialsProvider) {
        this.endpoint = endpoint;
        this.endpointBase = endpoint.toString().replaceAll("/+$", "");
        this.httpClient = httpClient;
        this.ownsHttpClient = ownsHttpClient;
        this.tokenProvider = tokenProvider;
        this.credentialsProvider = credentialsProvider;
        this.clock = clock;
        this.defaultHeaders = Map.copyOf(defaultHeaders);
        this.requestTimeout = requestTimeout;
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.retryAfter = new RetryAfter(maxRetryAfter, clock);
        this.sleeper = sleeper;
    }

    /** The endpoint all request paths are relative to. */
    public URI endpoint() {
        return endpoint;
    }

    /** How this transport waits between retries; watches and informers wait between reconnects with it too. */
    Sleeper sleeper() {
        return sleeper;
    }

    /**
     * Sends {@code request} and decodes a 2xx body as {@code responseType}.
     *
     * @return the decoded body; null for {@code Void}, a 204 or an empty body
     * @throws ApiException for a non-2xx status (subclass by status), {@link ResponseDecodingException}
     *         for an undecodable 2xx body, {@link TransportException} when no response came
     */
    public <T> T call(Request request, JavaType responseType) {
        return this.<T>send(request, responseType).body();
    }

    /**
     * Like {@link #call(Request, JavaType)}, with the response's status and headers: for headers that carry
     * results (IAM's {@code X-Subject-Token}).
     */
    public <T> ApiResponse<T> send(Request request, JavaType responseType) {
        Exchange exchange = exchange(request, false);
        HttpResponse<InputStream> response = exchange.response;
        byte[] bytes = readBody(request, exchange);
        Map<String, List<String>> headers = redact(response.headers().map(), exchange.secrets);
        Class<?> raw = responseType.getRawClass();
        if (raw == Void.class || raw == void.class || response.statusCode() == 204 || isBlank(bytes)) {
            return new ApiResponse<>(response.statusCode(), headers, null); // empty where an object is expected: null
        }
        boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
        if (raw == String.class && !json) {
            @SuppressWarnings("unchecked")
            T text = (T) new String(bytes, StandardCharsets.UTF_8); // text/plain and the like: the text itself
            return new ApiResponse<>(response.statusCode(), headers, text);
        }
        if (raw == byte[].class && !json) {
            @SuppressWarnings("unchecked")
            T content = (T) bytes; // a file (type: file, format: binary): the bytes as they came
            return new ApiResponse<>(response.statusCode(), headers, content);
        }
        try {
            return new ApiResponse<>(
                    response.statusCode(), headers, Json.mapper().readValue(bytes, responseType));
        } catch (IOException e) {
            int shown = Math.min(bytes.length, ApiException.MAX_BODY_BYTES);
            String excerpt = HttpBodies.redact(new String(bytes, 0, shown, StandardCharsets.UTF_8), exchange.secrets);
            throw new ResponseDecodingException(
                    request.method(),
                    redact(response.uri(), exchange.secrets),
                    response.statusCode(),
                    redact(response.headers().map(), exchange.secrets),
                    excerpt,
                    responseType.toCanonical(),
                    e);
        }
    }

    /** {@link #call(Request, JavaType)} for a plain class. */
    public <T> T call(Request request, Class<T> responseType) {
        return call(request, Json.mapper().constructType(responseType));
    }

    /** {@link #call(Request, JavaType)} for a generic type, e.g. {@code new TypeReference<Map<String, Object>>() {}}. */
    public <T> T call(Request request, TypeReference<T> responseType) {
        return call(request, Json.mapper().constructType(responseType));
    }

    /** {@link #send(Request, JavaType)} for a plain class. */
    public <T> ApiResponse<T> send(Request request, Class<T> responseType) {
        return send(request, Json.mapper().constructType(responseType));
    }

    /** {@link #send(Request, JavaType)} for a generic type. */
    public <T> ApiResponse<T> send(Request request, TypeReference<T> responseType) {
        return send(request, Json.mapper().constructType(responseType));
    }

    /**
     * The flat form used by generated operation-style classes.
     *
     * @param path already expanded, segments encoded with {@link Request#pathSegment}
     * @param query may be null; list values repeat the key; null values are left out
     * @param headers may be null
     * @param body serialised with {@link Json#mapper()}; null for none
     * @param contentType of the body; null means {@code application/json}
     */
    public <T> T call(
            String method,
            String path,
            Map<String, List<String>> query,
            Map<String, String> headers,
            Object body,
            String contentType,
            JavaType responseType) {
        Request request = Request.builder(method, path)
                .query(query)
                .headers(headers)
                .jsonBody(body, contentType == null ? "application/json" : contentType)
                .build();
        return call(request, responseType);
    }

    /** Sends {@code request} and returns a 2xx body as UTF-8 text (e.g. a container log). */
    public String text(Request request) {
        return new String(readBody(request, exchange(request, false)), StandardCharsets.UTF_8);
    }

    /**
     * Sends {@code request} without a request timeout and hands over the open body of a 2xx response
     * (watch events, a followed log). Errors are raised as by {@link #call} before anything is handed over.
     * The caller must close the stream; closing it ends the response.
     */
    public InputStream stream(Request request) {
        return exchange(request, true).response.body();
    }

    /**
     * Opens a WebSocket for {@code request} (a GET such as a pod's {@code exec}), sent as every other request is: with
     * the token or the AK/SK signature on the upgrade request (never elsewhere than the endpoint's origin), following
     * redirects by the same rules, trying a 401 once more with a new token. A refused upgrade raises the
     * {@link ApiException} its status and body make (at most 64 KiB of it read, secrets blanked out).
     *
     * @param subprotocols offered in order of preference; the server's choice is {@link WebSocket#getSubprotocol()}
     * @param listener receives the messages (it calls {@link WebSocket#request} for more)
     * @return the open WebSocket
     * @throws TransportException when no answer came within the request timeout
     */
    public WebSocket webSocket(Request request, List<String> subprotocols, WebSocket.Listener listener) {
        URI target = uriOf(request);
        boolean reauthenticated = false;
        for (int hop = 0; ; ) {
            String token = tokenProvider == null ? null : tokenProvider.token();
            Credentials credentials = credentialsProvider == null ? null : credentialsProvider.credentials();
            String[] secrets = secrets(token, credentials);
            WebSocket.Builder builder = httpClient.newWebSocketBuilder().connectTimeout(requestTimeout);
            headers("GET", target, request, null, token, credentials).forEach(builder::header);
            if (!subprotocols.isEmpty()) {
                builder.subprotocols(
                        subprotocols.get(0),
                        subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
            }
            long started = System.nanoTime();
            CompletableFuture<WebSocket> opening = builder.buildAsync(webSocketUri(target), listener);
            HttpResponse<?> refusal;
            try {
                WebSocket webSocket = opening.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "GET {0} -> 101 {1} ({2} ms)",
                        redact(target, secrets),
                        webSocket.getSubprotocol(),
                        (System.nanoTime() - started) / 1_000_000);
                return webSocket;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof WebSocketHandshakeException handshake)) {
                    throw new TransportException("GET", redact(target, secrets), e.getCause());
                }
                refusal = handshake.getResponse();
            } catch (TimeoutException e) {
                opening.thenAccept(WebSocket::abort); // should it open after all, nobody is there to use it
                throw new TransportException(
                        "GET",
                        redact(target, secrets),
                        new HttpTimeoutException(
                                "WebSocket upgrade timed out after " + requestTimeout.toMillis() + " ms"));
            } catch (InterruptedException e) {
                opening.thenAccept(WebSocket::abort);
                Thread.currentThread().interrupt();
                throw new TransportException("GET", redact(target, secrets), e);
            }
            int status = refusal.statusCode();
            LOG.log(System.Logger.Level.DEBUG, "GET {0} -> {1}, upgrade refused", redact(target, secrets), status);
            String location = refusal.headers().firstValue("Location").orElse(null);
            if (isRedirect(status) && location != null) {
                String shown = ErrorBody.excerpt(HttpBodies.redact(location, secrets));
                URI next = redirectTarget(target, location);
                if (hop++ == MAX_REDIRECTS || next == null) {
                    throw new RedirectException(
                            "GET",
                            redact(target, secrets),
                            status,
                            redact(refusal.headers().map(), secrets),
                            next == null
                                    ? "refusing to follow a redirect to " + shown
                                            + ": only http and https URLs are followed"
                                    : "too many redirects (more than " + MAX_REDIRECTS + "), the last to " + shown);
                }
                target = next;
                continue;
            }
            if (status == 401 && tokenProvider != null && !reauthenticated) {
                reauthenticated = true;
                tokenProvider.invalidate(token);
                continue;
            }
            String body = refusal.body() instanceof String text ? text : ""; // what the JDK read of the refusal
            body = body.length() > ApiException.MAX_BODY_BYTES ? body.substring(0, ApiException.MAX_BODY_BYTES) : body;
            ApiException error = ApiException.from(
                    "GET",
                    redact(target, secrets),
                    status,
                    redact(refusal.headers().map(), secrets),
                    HttpBodies.redact(body, secrets));
            throw credentials != null ? SignatureRejectedException.explain(error, clock.instant()) : error;
        }
    }

    /** The absolute URI of {@code request}: the endpoint, its path and its query. */
    URI uriOf(Request request) {
        String query = Request.queryString(request.query());
        return URI.create(endpointBase + request.path() + (query.isEmpty() ? "" : "?" + query));
    }

    /** {@code https} becomes {@code wss}, {@code http} becomes {@code ws}: the same server, the same request. */
    static URI webSocketUri(URI uri) {
        String scheme = "https".equalsIgnoreCase(uri.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + uri.toString().substring(uri.getScheme().length()));
    }

    /** Releases the HTTP client when the transport created it (a no-op before Java 21). */
    @Override
    public void close() {
        if (ownsHttpClient && httpClient instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the HTTP client failed: {0}", e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "Transport[" + endpoint + "]";
    }

    /** A 2xx response with its body still open, the secrets it was sent with and when its body must be in. */
    private record Exchange(HttpResponse<InputStream> response, String[] secrets, long deadline) {}

    /** The whole body of a 2xx response, within the request's deadline. */
    private byte[] readBody(Request request, Exchange exchange) {
        InputStream in = exchange.response.body();
        try (HttpBodies.Deadline deadline = HttpBodies.Deadline.closing(in, exchange.deadline, requestTimeout)) {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new TransportException(
                        request.method(),
                        redact(exchange.response.uri(), exchange.secrets),
                        deadline.expired() ? deadline.timeoutException() : e);
            }
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** Returns a 2xx response with its body still open, or throws. */
    private Exchange exchange(Request request, boolean streaming) {
        URI uri = uriOf(request);
        int retries = 0;
        boolean reauthenticated = false;
        while (true) {
            String token = tokenProvider == null ? null : tokenProvider.token();
            Credentials credentials = credentialsProvider == null ? null : credentialsProvider.credentials();
            String[] secrets = secrets(token, credentials);
            long started = System.nanoTime();
            long deadline = started + requestTimeout.toNanos();
            HttpResponse<InputStream> response;
            try {
                response = sendFollowingRedirects(request, uri, token, credentials, streaming, deadline);
            } catch (IOException e) {
                if (request.retryable() && retries < maxRetries) {
                    Duration delay = backoff(retries++);
                    LOG.log(
                            System.Logger.Level.DEBUG,
                            "{0} {1} failed ({2}); retry {3} of {4} in {5} ms",
                            request.method(),
                            uri,
                            e.getClass().getSimpleName(),
                            retries,
                            maxRetries,
                            delay.toMillis());
                    pause(request, uri, delay);
                    continue;
                }
                throw new TransportException(request.method(), uri, e);
            }
            int status = response.statusCode();
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "{0} {1} -> {2} ({3} ms)",
                    request.method(),
                    redact(response.uri(), secrets),
                    status,
                    (System.nanoTime() - started) / 1_000_000);
            if (status / 100 == 2) {
                return new Exchange(response, secrets, deadline);
            }
            String body = readErrorBody(response, streaming ? System.nanoTime() + requestTimeout.toNanos() : deadline);
            if (status == 401 && tokenProvider != null && !reauthenticated) {
                reauthenticated = true;
                tokenProvider.invalidate(token);
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "{0} {1}: 401, retrying once with a new token",
                        request.method(),
                        uri);
                continue;
            }
            ApiException error = ApiException.from(
                    request.method(),
                    redact(response.uri(), secrets),
                    status,
                    redact(response.headers().map(), secrets),
                    HttpBodies.redact(body, secrets));
            if (credentials != null) {
                error = SignatureRejectedException.explain(error, clock.instant());
            }
            if ((status == 429 || status == 503) && request.retryable() && retries < maxRetries) {
                int attempt = retries++;
                Duration delay = retryAfter.delay(error).orElseGet(() -> backoff(attempt));
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "{0} {1} -> {2}; retry {3} of {4} in {5} ms",
                        request.method(),
                        uri,
                        status,
                        retries,
                        maxRetries,
                        delay.toMillis());
                pause(request, uri, delay);
                continue;
            }
            throw error;
        }
    }

    /** At most 64 KiB of an error body, and only what arrives before the deadline. */
    @SuppressWarnings("try") // the deadline only has to be open while the body is read
    private String readErrorBody(HttpResponse<InputStream> response, long deadline) {
        InputStream in = response.body();
        try (HttpBodies.Deadline ignored = HttpBodies.Deadline.closing(in, deadline, requestTimeout)) {
            return HttpBodies.readCapped(in, ApiException.MAX_BODY_BYTES);
        }
    }

    private HttpResponse<InputStream> sendFollowingRedirects(
            Request request, URI uri, String token, Credentials credentials, boolean streaming, long deadline)
            throws IOException {
        String[] secrets = secrets(token, credentials);
        String method = request.method();
        byte[] body = request.bodyBytes();
        URI target = uri;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder http = HttpRequest.newBuilder(target)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            if (!streaming) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new HttpTimeoutException(
                            "request timed out after " + requestTimeout.toMillis() + " ms, following redirects");
                }
                http.timeout(Duration.ofNanos(remaining));
            }
            headers(method, target, request, body, token, credentials).forEach(http::setHeader);
            HttpResponse<InputStream> response;
            try {
                response = httpClient.send(http.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(method, redact(target, secrets), e);
            }
            int status = response.statusCode();
            if (!isRedirect(status)) {
                return response;
            }
            String location = response.headers().firstValue("Location").orElse(null);
            if (location == null) {
                return response; // a 3xx that names no target is an answer of its own: raised as an ApiException
            }
            response.body().close();
            String shown = ErrorBody.excerpt(HttpBodies.redact(location, secrets));
            if (hop == MAX_REDIRECTS) {
                throw new RedirectException(
                        method,
                        redact(target, secrets),
                        status,
                        redact(response.headers().map(), secrets),
                        "too many redirects (more than " + MAX_REDIRECTS + "), the last to " + shown);
            }
            URI next = redirectTarget(target, location);
            if (next == null) {
                throw new RedirectException(
                        method,
                        redact(target, secrets),
                        status,
                        redact(response.headers().map(), secrets),
                        "refusing to follow a redirect to " + shown + ": only http and https URLs are followed");
            }
            target = next;
            if (status == 303 || ((status == 301 || status == 302) && method.equals("POST"))) {
                method = "GET"; // what every HTTP client does; the body does not follow
                body = null;
            }
            LOG.log(System.Logger.Level.DEBUG, "{0} -> {1}, following to {2}", uri, status, redact(target, secrets));
        }
    }

    /** The headers of one hop: the token, or the AK/SK signature, only for the endpoint's own origin. */
    private Map<String, String> headers(
            String method, URI target, Request request, byte[] body, String token, Credentials credentials) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER); // collected, to be signed
        headers.put("Accept", "application/json");
        headers.putAll(defaultHeaders);
        headers.putAll(request.headers());
        if (body != null) {
            headers.put("Content-Type", request.contentType());
        }
        if (token != null && sameOrigin(target, endpoint)) {
            headers.put("X-Auth-Token", token);
        }
        if (credentials != null && sameOrigin(target, endpoint)) { // each hop signed, with the date of now
            headers.putAll(AkSkSigner.sign(method, target, headers, body, credentials, clock.instant()));
        }
        return headers;
    }

    /** What must not leave in an exception or a log line: the token sent, or the AK/SK and security token. */
    private static String[] secrets(String token, Credentials credentials) {
        return credentials == null ? new String[] {token} : credentials.secrets();
    }

    /** Response headers with the secrets blanked out of every value, should the server have echoed one. */
    private static Map<String, List<String>> redact(Map<String, List<String>> headers, String... secrets) {
        if (headers.values().stream().flatMap(List::stream).allMatch(v -> v.equals(HttpBodies.redact(v, secrets)))) {
            return headers;
        }
        Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(
                name,
                values.stream().map(v -> HttpBodies.redact(v, secrets)).collect(java.util.stream.Collectors.toList())));
        return copy;
    }

    /** A URI a server chose (a redirect target) with the secrets blanked out, should the server have put one there. */
    private static URI redact(URI uri, String... secrets) {
        String text = uri.toString();
        String redacted = HttpBodies.redact(text, secrets);
        if (redacted.equals(text)) {
            return uri;
        }
        try {
            return URI.create(redacted);
        } catch (IllegalArgumentException e) {
            return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/" + HttpBodies.REDACTED);
        }
    }

    /** The absolute target of a {@code Location}, or null when it is not a valid http(s) URL with a host. */
    private static URI redirectTarget(URI from, String location) {
        try {
            URI next = from.resolve(location.trim());
            String scheme = next.getScheme();
            boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            return web && next.getHost() != null && !next.getHost().isEmpty() ? next : null;
        } catch (IllegalArgumentException e) {
            return null; // not a URI at all
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Scheme, host and port equal: only then may the token go there. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Full jitter: uniform in [0, min(maxBackoff, initialBackoff * 2^retries)], so clients do not retry in step. */
    private Duration backoff(int retries) {
        long ceiling = initialBackoff.toMillis() << Math.min(retries, 30);
        long bounded = Math.max(0, Math.min(maxBackoff.toMillis(), ceiling < 0 ? Long.MAX_VALUE : ceiling));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bounded + 1));
    }

    private void pause(Request request, URI uri, Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(request.method(), uri, e);
        }
    }
}
