package dev.ccigen.it;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP server (the JDK's) with one handler per method and path, recording every request it gets; with
 * {@link #requireAkSk}, it refuses as the API gateway does every request whose AK/SK signature is wrong.
 */
final class FakeServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Call(String method, String path, String query, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    @FunctionalInterface
    interface Handler {
        void handle(Call call, HttpExchange exchange) throws IOException;
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile GatewaySignature gateway;
    private final AtomicInteger requestIds = new AtomicInteger();

    FakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FakeServer on(String method, String path, Handler handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    /** From now on, API requests (not IAM's) need a valid signature by one of these keys (secret key by access key). */
    FakeServer requireAkSk(Map<String, String> secretKeys) {
        gateway = new GatewaySignature(secretKeys);
        return this;
    }

    List<Call> calls(String method, String path) {
        return calls.stream()
                .filter(c -> c.method().equals(method) && c.path().equals(path))
                .toList();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            String body = new String(bytes, StandardCharsets.UTF_8);
            Call call = new Call(
                    exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(), exchange.getRequestHeaders(), body);
            calls.add(call);
            Handler handler = routes.get(call.method() + " " + call.path());
            GatewaySignature signatures = gateway;
            String refused = signatures == null || call.path().startsWith("/v3/auth/")
                    ? null
                    : signatures.problem(
                            call.method(), uri.getRawPath(), uri.getRawQuery(), call.headers(), bytes, Instant.now());
            if (refused != null) { // the gateway's answer never says what exactly was wrong; the test's stderr does
                System.err.println("FakeServer refused " + call.method() + " " + call.path() + ": " + refused);
                json(
                        exchange,
                        401,
                        "{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication"
                                + " information: verify aksk signature fail\",\"request_id\":\"req-"
                                + requestIds.incrementAndGet() + "\"}");
            } else if (handler == null) {
                respond(exchange, 599, "text/plain", "no handler for " + call.method() + " " + call.path());
            } else {
                handler.handle(call, exchange);
            }
        }
    }

    /** Sends a whole response; {@code headers} are name, value pairs. */
    static void respond(HttpExchange exchange, int status, String contentType, String body, String... headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static void json(HttpExchange exchange, int status, String body, String... headers) throws IOException {
        respond(exchange, status, "application/json", body, headers);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
