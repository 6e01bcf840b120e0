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

    record Seen(String method, String path, String query, String contentType, String header, byte[] body) {
    }

    @Test
    void everyKindOfParameterReachesTheServer() throws Exception {
        String spec = Files.readString(Path.of("src/test/resources/petstore/openapi-v2.json"));
        SmallSpec s = new SmallSpec(dir, spec);
        s.generate();
        ClassLoader loader = s.compile();

        List<Seen> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(),
                    ex.getRequestHeaders().getFirst("Content-Type"), ex.getRequestHeaders().getFirst("api_key"),
                    ex.getRequestBody().readAllBytes()));
            byte[] answer = ex.getRequestURI().getPath().endsWith("findByStatus") ? "[{\"name\":\"Rex\",\"photoUrls\":[]}]".getBytes()
                    : "{}".getBytes();
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
        try {
            Class<?> clientType = loader.loadClass("com.example.ExampleClient");
            Object builder = clientType.getMethod("builder").invoke(null);
            builder = call(builder, "endpoint", URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
            Object client = call(builder, "build");
            Object pets = call(client, "pet");

            List<?> found = (List<?>) call(pets, "findPetsByStatus", List.of("available", "sold"));
            assertEquals(1, found.size());
            call(pets, "updatePetWithForm", 7L, "Rex & Co", "sold");
            call(pets, "uploadFile", 7L, "a photo", new byte[] {1, 2, 3});
            call(pets, "deletePet", 7L, "key-123");

            Seen find = seen.get(0);
            assertEquals("status=available&status=sold", find.query(), "collectionFormat multi: one parameter per item");
            Seen form = seen.get(1);
            assertEquals("/pet/7", form.path());
            assertEquals("application/x-www-form-urlencoded", form.contentType());
            assertEquals("name=Rex%20%26%20Co&status=sold", new String(form.body(), StandardCharsets.UTF_8));
            Seen upload = seen.get(2);
            assertTrue(upload.contentType().startsWith("multipart/form-data; boundary="), upload.contentType());
            String body = new String(upload.body(), StandardCharsets.ISO_8859_1);
            assertTrue(body.contains("name=\"additionalMetadata\"") && body.contains("a photo"), body);
            assertTrue(body.contains("name=\"file\"; filename=\"file\"\r\nContent-Type: application/octet-stream\r\n\r\n\u0001\u0002\u0003\r\n"), body);
            assertEquals("key-123", seen.get(3).header());
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
