package dev.ccigen.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP core of a generated client: every request it sends goes through one chain (see {@link Chain}) of
 * authentication, retries, redirects, the user's {@link Interceptor}s and the exchange itself, and comes back decoded
 * or as the exception of its status. Thread-safe; one instance per endpoint, built by {@link ClientBuilder}.
 *
 * <ul>
 *   <li>Sends {@code X-Auth-Token} from the {@link TokenProvider}; on a 401 it invalidates that token, takes a new one
 *       and sends the request once more (whatever the method: a 401 means it never ran). IAM's own token request goes
 *       through this same chain, without a token.</li>
 *   <li>Or signs each request with the AK/SK of its {@link CredentialsProvider} ({@link AkSkSigner}): every attempt,
 *       retry and redirect anew, with the date of that moment; a 401 that blames the signature or its date becomes a
 *       {@link SignatureRejectedException}.</li>
 *   <li>Retries 429, 503 and connection failures of {@link Request#retryable() retryable} requests, at most
 *       {@code maxRetries} times, waiting as {@code Retry-After} or the Status body's
 *       {@code details.retryAfterSeconds} says (capped), else exponential backoff with full jitter.</li>
 *   <li>Follows redirects itself (at most 5, to http and https URLs only), sending credentials only to the endpoint's
 *       own origin; a loop or any other redirect it will not follow raises {@link RedirectException}.</li>
 *   <li>Non-2xx responses become {@link ApiException#from}, reading at most 64 KiB of the body.</li>
 *   <li>The request timeout bounds each attempt: a plain call's whole exchange, body included (a server that sends
 *       headers and then stalls or trickles raises a {@link TransportException} caused by an
 *       {@code HttpTimeoutException}); a stream's ({@link #stream}) and a WebSocket upgrade's until the response
 *       headers. A stream has no timeout once its headers arrived: close it to stop.</li>
 *   <li>Opens WebSockets ({@link #webSocket}: exec, attach, port-forward) through the same chain.</li>
 *   <li>Text taken from the server (error bodies, redirect targets) has the token, or the AK, SK and security
 *       token, blanked out before it reaches an exception or a log line.</li>
 * </ul>
 * Logs at DEBUG to the {@code System.Logger} named after this package: method, URI, status, time and
 * retry reasons; never header values or bodies.
 */
public final class Transport implements AutoCloseable {

    private final URI endpoint;
    private final String endpointBase;
    private final Connector connector;
    private final boolean ownsConnector;
    private final Settings settings;
    private final Map<String, String> defaultHeaders;
    private final Chain chain;
    /** The client's shared informers, stopped when it closes. */
    private final Informers informers = new Informers();

    /** What a transport is configured with, shared by the transport IAM's token request goes through. */
    record Settings(
            Duration requestTimeout,
            int maxRetries,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration maxRetryAfter,
            Clock clock,
            Sleeper sleeper,
            List<Interceptor> interceptors) {
        Settings {
            interceptors = List.copyOf(interceptors);
        }
    }

    Transport(
            URI endpoint,
            Connector connector,
            boolean ownsConnector,
            Settings settings,
            Map<String, String> defaultHeaders,
            TokenProvider tokenProvider,
            CredentialsProvider credentialsProvider) {
        this.endpoint = endpoint;
        this.defaultHeaders = Map.copyOf(defaultHeaders);
        this.endpointBase = endpoint.toString().replaceAll("/+$", "");
        this.connector = connector;
        this.ownsConnector = ownsConnector;
        this.settings = settings;
        List<Chain.Step> steps = new ArrayList<>();
        steps.add(new RetryStep(
                settings.maxRetries(),
                settings.initialBackoff(),
                settings.maxBackoff(),
                settings.maxRetryAfter(),
                settings.sleeper(),
                settings.clock()));
        if (tokenProvider != null || credentialsProvider != null) {
            steps.add(new AuthStep(this, tokenProvider, credentialsProvider));
        }
        steps.add(new RedirectStep());
        settings.interceptors().forEach(interceptor -> steps.add(new InterceptorStep(interceptor)));
        steps.add(new SignStep(settings.clock()));
        steps.add(new ConnectStep(connector));
        this.chain = new Chain(steps);
    }

    /**
     * The same chain and connector for another endpoint, without credentials and without the endpoint's own headers
     * ({@code X-Project-Id}, ...): for the requests of a provider of credentials itself (IAM's token request).
     */
    Transport unauthenticated(URI otherEndpoint) {
        Map<String, String> userAgent = new LinkedHashMap<>();
        defaultHeaders.forEach((name, value) -> {
            if (name.equalsIgnoreCase("User-Agent")) {
                userAgent.put(name, value);
            }
        });
        return new Transport(otherEndpoint, connector, false, settings, userAgent, null, null);
    }

    /** The endpoint all request paths are relative to. */
    public URI endpoint() {
        return endpoint;
    }

    /** How this transport waits between retries; watches and informers wait between reconnects with it too. */
    Sleeper sleeper() {
        return settings.sleeper();
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
        return send(request, responseType, Cancel.NEVER);
    }

    /** {@link #send(Request, JavaType)}, given up when {@code cancel} fires. */
    <T> ApiResponse<T> send(Request request, JavaType responseType, Cancel cancel) {
        return send(request, responseType, cancel, null);
    }

    /** {@link #send(Request, JavaType, Cancel)}, decoded by {@code reader} (an informer's) unless it is null. */
    <T> ApiResponse<T> send(Request request, JavaType responseType, Cancel cancel, ObjectReader reader) {
        Call call = call(request, Attempt.Kind.CALL, cancel, List.of(), null);
        Received answer = exchange(request, call);
        byte[] bytes = readBody(request, answer, call);
        Map<String, List<String>> headers = call.redact(answer.headers);
        Class<?> raw = responseType.getRawClass();
        if (raw == Void.class || raw == void.class || answer.status == 204 || isBlank(bytes)) {
            return new ApiResponse<>(answer.status, headers, null); // empty where an object is expected: null
        }
        boolean json = answer.header("Content-Type").orElse("").contains("json");
        if (raw == String.class && !json) {
            @SuppressWarnings("unchecked")
            T text = (T) new String(bytes, StandardCharsets.UTF_8); // text/plain and the like: the text itself
            return new ApiResponse<>(answer.status, headers, text);
        }
        if (raw == byte[].class && !json) {
            @SuppressWarnings("unchecked")
            T content = (T) bytes; // a file (type: file, format: binary): the bytes as they came
            return new ApiResponse<>(answer.status, headers, content);
        }
        try {
            T body = reader == null
                    ? Json.mapper().readValue(bytes, responseType)
                    : reader.forType(responseType).readValue(bytes);
            return new ApiResponse<>(answer.status, headers, body);
        } catch (IOException e) {
            int shown = Math.min(bytes.length, ApiException.MAX_BODY_BYTES);
            String excerpt = call.redact(new String(bytes, 0, shown, StandardCharsets.UTF_8));
            throw new ResponseDecodingException(
                    request.method(),
                    call.redact(answer.uri),
                    answer.status,
                    headers,
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
        Call call = call(request, Attempt.Kind.CALL, Cancel.NEVER, List.of(), null);
        return new String(readBody(request, exchange(request, call), call), StandardCharsets.UTF_8);
    }

    /**
     * Sends {@code request} and hands over the open body of a 2xx response (watch events, a followed log); the request
     * timeout applies until the response headers arrive, not to the body. Errors are raised as by {@link #call} before
     * anything is handed over. The caller must close the stream; closing it ends the response.
     */
    public InputStream stream(Request request) {
        return stream(request, Cancel.NEVER);
    }

    /** {@link #stream(Request)}, given up at once when {@code cancel} fires before the stream is handed over. */
    InputStream stream(Request request, Cancel cancel) {
        return exchange(request, call(request, Attempt.Kind.STREAM, cancel, List.of(), null)).body;
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
        return webSocket(request, subprotocols, listener, Cancel.NEVER);
    }

    /** {@link #webSocket(Request, List, WebSocket.Listener)}, given up at once when {@code cancel} fires. */
    WebSocket webSocket(Request request, List<String> subprotocols, WebSocket.Listener listener, Cancel cancel) {
        return exchange(request, call(request, Attempt.Kind.WEBSOCKET, cancel, subprotocols, listener)).webSocket;
    }

    /** The absolute URI of {@code request}: the endpoint, its path and its query. */
    URI uriOf(Request request) {
        String query = Request.queryString(request.query());
        return URI.create(endpointBase + request.path() + (query.isEmpty() ? "" : "?" + query));
    }

    /** The client's informers. */
    Informers informers() {
        return informers;
    }

    /**
     * Stops the client's informers (waiting up to 2 s for handler calls under way), and releases the connector when
     * the builder made it (the HTTP client: a no-op before Java 21).
     */
    @Override
    public void close() {
        Informer.join(informers.close());
        if (ownsConnector) {
            connector.close();
        }
    }

    @Override
    public String toString() {
        return "Transport[" + endpoint + "]";
    }

    private Call call(
            Request request, Attempt.Kind kind, Cancel cancel, List<String> subprotocols, WebSocket.Listener listener) {
        Duration timeout = request.timeout() != null ? request.timeout() : settings.requestTimeout();
        return new Call(
                kind, endpoint, request.retryable(), timeout, cancel, subprotocols, listener, request.secrets());
    }

    /**
     * Sends {@code request} through the chain and returns the answer asked for (a 2xx, its body open, or an upgrade),
     * or throws: the exception of the answer's status, or a {@link TransportException} when none came.
     */
    private Received exchange(Request request, Call call) {
        URI uri = uriOf(request);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.putAll(defaultHeaders);
        headers.putAll(request.headers());
        byte[] body = request.bodyBytes();
        if (body != null) {
            headers.put("Content-Type", request.contentType());
        }
        Received answer;
        try {
            answer = chain.proceed(Hop.of(request.method(), uri, headers, body), call);
        } catch (IOException e) {
            throw new TransportException(request.method(), call.redact(uri), e);
        }
        if (!answer.ok()) {
            throw call.error(request.method(), answer, settings.clock());
        }
        return answer;
    }

    /** The whole body of a 2xx answer, within its attempt's deadline, and only while the call is wanted. */
    @SuppressWarnings("try") // the registration only has to be there while the body is read
    private static byte[] readBody(Request request, Received answer, Call call) {
        InputStream in = answer.body;
        try (HttpBodies.Deadline deadline = HttpBodies.Deadline.closing(in, answer.deadline, call.timeout);
                Cancel.Registration closing = call.cancel.onFire(() -> HttpBodies.closeQuietly(in))) {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                IOException cause = deadline.expired()
                        ? deadline.timeoutException()
                        : call.cancel.fired() ? new Cancel.Cancelled() : e;
                throw new TransportException(request.method(), call.redact(answer.uri), cause);
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
}
