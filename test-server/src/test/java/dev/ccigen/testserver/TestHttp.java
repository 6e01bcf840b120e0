package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

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

    TestHttp() {
        server = new ApiTestServer(
                List.of(PODS, SECRETS, CONFIGMAPS, ObjectStoreTest.DEPLOYMENTS, ObjectStoreTest.NAMESPACES),
                Clock.systemUTC(),
                ApiDocuments.of("v1 (Kubernetes 1.20 based)", TestHttp::cciFile),
                0);
        server.gateway().required(false);
    }

    static InputStream cciFile(String name) {
        Path file = CCI.resolve(name.equals(ApiDocuments.OPENAPI) ? "openapi-v2.json" : name);
        try {
            return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.setHeader(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body of a request that must answer {@code status}. */
    JsonNode json(int status, String method, String path, String body, String... headers) {
        HttpResponse<String> r = send(method, path, body, headers);
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
