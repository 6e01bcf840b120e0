package dev.ccigen.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.ccigen.generator.SmallSpec;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain Swagger 2.0 API (a Petstore subset, no Kubernetes extensions): the generated operation-style client
 * compiles and puts every parameter on the wire as the document says, checked by a real HTTP server.
 */
class PlainSwaggerTest {
    @TempDir
    Path dir;

    record Seen(
            String method, String path, String query, String contentType, String header, String accept, byte[] body) {}

    /** A real HTTP server that records each request and answers with {@code answer(path)}: content type and bytes. */
    private static HttpServer server(List<Seen> seen, java.util.function.Function<String, String[]> answer)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            seen.add(new Seen(
                    ex.getRequestMethod(),
                    ex.getRequestURI().getRawPath(),
                    ex.getRequestURI().getRawQuery(),
                    ex.getRequestHeaders().getFirst("Content-Type"),
                    ex.getRequestHeaders().getFirst("api_key"),
                    ex.getRequestHeaders().getFirst("Accept"),
                    ex.getRequestBody().readAllBytes()));
            String[] typeAndBody = answer.apply(ex.getRequestURI().getPath());
            byte[] bytes = typeAndBody[1].getBytes(StandardCharsets.ISO_8859_1);
            ex.getResponseHeaders().add("Content-Type", typeAndBody[0]);
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        return server;
    }

    /** The API object {@code accessor} of the generated client, talking to {@code server}. */
    private static Object api(ClassLoader loader, HttpServer server, String accessor) throws Exception {
        Object builder = loader.loadClass("com.example.ExampleClient")
                .getMethod("builder")
                .invoke(null);
        builder = call(
                builder,
                "endpoint",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        return call(call(builder, "build"), accessor);
    }

    @Test
    void everyKindOfParameterReachesTheServer() throws Exception {
        String spec = Files.readString(Path.of("src/test/resources/petstore/openapi-v2.json"));
        SmallSpec s = new SmallSpec(dir, spec);
        s.generate();
        ClassLoader loader = s.compile();
        assertTrue(
                s.read("com/example/ExampleClient.java")
                        .contains(
                                "new ClientBuilder<>(ExampleClient::new).endpoint(java.net.URI.create(\"https://petstore.swagger.io\"));"),
                "host and schemes give the builder a default endpoint");

        List<Seen> seen = new CopyOnWriteArrayList<>();
        HttpServer server = server(seen, path -> new String[] {
            "application/json", path.endsWith("findByStatus") ? "[{\"name\":\"Rex\",\"photoUrls\":[]}]" : "{}"
        });
        try {
            Object pets = api(loader, server, "pet");

            List<?> found = (List<?>) call(pets, "findPetsByStatus", List.of("available", "sold"));
            assertEquals(1, found.size());
            call(pets, "updatePetWithForm", 7L, "Rex & Co", "sold");
            call(pets, "uploadFile", 7L, "a photo", new byte[] {1, 2, 3});
            call(pets, "deletePet", 7L, "key-123");

            Seen find = seen.get(0);
            assertEquals("/v2/pet/findByStatus", find.path(), "the document's basePath comes first");
            assertEquals(
                    "status=available&status=sold", find.query(), "collectionFormat multi: one parameter per item");
            assertEquals("application/json", find.accept());
            Seen form = seen.get(1);
            assertEquals("/v2/pet/7", form.path());
            assertEquals("application/x-www-form-urlencoded", form.contentType());
            assertEquals("name=Rex%20%26%20Co&status=sold", new String(form.body(), StandardCharsets.UTF_8));
            Seen upload = seen.get(2);
            assertTrue(upload.contentType().startsWith("multipart/form-data; boundary="), upload.contentType());
            String body = new String(upload.body(), StandardCharsets.ISO_8859_1);
            assertTrue(body.contains("name=\"additionalMetadata\"") && body.contains("a photo"), body);
            assertTrue(
                    body.contains(
                            "name=\"file\"; filename=\"file\"\r\nContent-Type: application/octet-stream\r\n\r\n\u0001\u0002\u0003\r\n"),
                    body);
            assertEquals("key-123", seen.get(3).header());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void textAndFilesGoAndComeAsTheDocumentSays() throws Exception {
        SmallSpec s = new SmallSpec(dir, """
                {"swagger": "2.0", "info": {"title": "Raw", "version": "1"}, "produces": ["application/json"],
                 "definitions": {}, "paths": {
                   "/notes/{id}": {
                     "get": {"operationId": "getNote", "tags": ["raw"], "produces": ["text/plain"],
                       "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
                       "responses": {"200": {"description": "ok", "schema": {"type": "string"}}}},
                     "put": {"operationId": "putNote", "tags": ["raw"], "consumes": ["text/plain"],
                       "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"},
                                      {"name": "body", "in": "body", "schema": {"type": "string"}}],
                       "responses": {"204": {"description": "stored"}}}},
                   "/image": {"get": {"operationId": "getImage", "tags": ["raw"], "produces": ["image/png", "image/jpeg"],
                       "responses": {"200": {"description": "ok", "schema": {"type": "file"}}}}}}}
                """);
        s.generate();
        ClassLoader loader = s.compile();
        assertTrue(
                s.read("com/example/ExampleClient.java").contains("new ClientBuilder<>(ExampleClient::new);"),
                "no host: none");
        List<Seen> seen = new CopyOnWriteArrayList<>();
        HttpServer server = server(
                seen,
                path -> path.equals("/image")
                        ? new String[] {"image/png", "\u0089PNG\u0000\u00ff"}
                        : new String[] {"text/plain; charset=utf-8", "a note"});
        try {
            Object raw = api(loader, server, "raw");
            assertEquals("a note", call(raw, "getNote", "n1"));
            call(raw, "putNote", "n1", "new \"text\"");
            byte[] image = (byte[]) call(raw, "getImage");
            assertEquals(
                    "[-119, 80, 78, 71, 0, -1]", java.util.Arrays.toString(image), "the file's bytes as they came");

            assertEquals("text/plain", seen.get(0).accept(), "asks for what the operation produces");
            assertEquals("text/plain", seen.get(1).contentType());
            assertEquals("new \"text\"", new String(seen.get(1).body(), StandardCharsets.UTF_8), "the text, not JSON");
            assertEquals("image/png, image/jpeg", seen.get(2).accept());
        } finally {
            server.stop(0);
        }
    }

    private static Object call(Object target, String name, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                return m.invoke(target, args);
            }
        }
        throw new IOException("no method " + name + " with " + args.length + " arguments on " + target.getClass());
    }
}
