package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** A server of a few resources, with CCI's documents, and the JDK's client to talk to it in tests. */
final class TestHttp implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path CCI = Path.of("").toAbsolutePath().resolveSibling("specs").resolve("cci");

    static final ResourceType PODS = new ResourceType(
            "",
            "v1",
            "pods",
            "Pod",
            true,
            Set.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"),
            Set.of("status", "log", "exec", "attach", "portforward"),
            false,
            false,
            List.of("po"));
    static final ResourceType SECRETS = new ResourceType(
            "",
            "v1",
            "secrets",
            "Secret",
            true,
            Set.of("get", "list", "watch", "create", "update", "patch", "delete"),
            Set.of(),
            false,
            false,
            List.of());
    static final ResourceType CONFIGMAPS = new ResourceType(
            "",
            "v1",
            "configmaps",
            "ConfigMap",
            true,
            Set.of("get", "list", "watch", "create", "update", "patch", "delete"),
            Set.of(),
            false,
            false,
            List.of("cm"));

    final ApiTestServer server;
    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final boolean inProcess;

    TestHttp() {
        this(false);
    }

    /** @param inProcess requests go through the server's connector, in process, instead of over HTTP */
    TestHttp(boolean inProcess) {
        this.inProcess = inProcess;
        server = new ApiTestServer(
                List.of(PODS, SECRETS, CONFIGMAPS, ObjectStoreTest.DEPLOYMENTS, ObjectStoreTest.NAMESPACES),
                Clock.systemUTC(),
                ApiDocuments.of("v1 (Kubernetes 1.20 based)", TestHttp::cciFile),
                inProcess ? ApiTestServer.IN_PROCESS : 0);
        server.gateway().required(false);
    }

    /** An answer, whichever way it came. */
    record Reply(int statusCode, HttpHeaders headers, byte[] bytes) {
        String body() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Sends {@code request} over HTTP, or in process through the server's connector. */
    Reply exchange(HttpRequest request) {
        try {
            if (!inProcess) {
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                return new Reply(r.statusCode(), r.headers(), r.body());
            }
            HttpResponse<InputStream> r = server.connector().send(request).join();
            try (InputStream body = r.body()) {
                return new Reply(r.statusCode(), r.headers(), body.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@link #exchange} on another thread: for a stream (a watch), read to its end. */
    CompletableFuture<Reply> exchangeAsync(HttpRequest request) {
        return CompletableFuture.supplyAsync(() -> exchange(request));
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.uri().resolve(path));
    }

    static InputStream cciFile(String name) {
        Path file = CCI.resolve(name.equals(ApiDocuments.OPENAPI) ? "openapi-v2.json" : name);
        try {
            return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = request(path)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        return exchange(b.build());
    }

    /** The body of a request that must answer {@code status}. */
    JsonNode json(int status, String method, String path, String body, String... headers) {
        Reply r = send(method, path, body, headers);
        if (r.statusCode() != status) {
            throw new AssertionError(
                    method + " " + path + ": expected " + status + ", got " + r.statusCode() + " " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String q(String text) {
        return text.replace('\'', '"');
    }

    URI uri() {
        return server.uri();
    }

    @Override
    public void close() {
        server.close();
    }
}
