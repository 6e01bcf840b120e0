package dev.ccigen.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.GeneratedKubernetes;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.SmallSpec;
import dev.ccigen.generator.link.LinkOptions;
import dev.ccigen.generator.problem.GenerationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test server is a second output folder: generated only when asked, compiled against the client, written atomically. */
class TestServerOutputTest {
    private static final String SPEC = """
            {"swagger": "2.0", "info": {"title": "Shop", "version": "1"}, "paths": {"/items": {"get": {
              "operationId": "listItems", "tags": ["items"], "responses": {"200": {"description": "ok"}}}}}}
            """;

    @TempDir
    Path dir;

    @Test
    void kubernetesTestServerCompilesAgainstItsClient() throws Exception {
        GeneratedKubernetes k8s = GeneratedKubernetes.get();
        assertEquals(
                List.of(), k8s.testServerCompilation.errors().stream().limit(20).toList());
        assertEquals(
                List.of(),
                k8s.testServerCompilation.warnings().stream().limit(20).toList());
        assertTrue(Files.isRegularFile(k8s.testServerSources.resolve("io/example/k8s/ApiClientTestServer.java")));
        assertFalse(
                Files.exists(k8s.testServerSources.resolve("io/example/k8s/testserver")),
                "the generic part is the ccigen-test-server library's");
        assertFalse(
                Files.exists(k8s.sources.resolve("io/example/k8s/testserver")), "nothing of it among the main sources");
        String server = Files.readString(k8s.testServerSources.resolve("io/example/k8s/ApiClientTestServer.java"));
        assertTrue(
                server.contains("type(\"apps\", \"v1\", \"deployments\", \"Deployment\", true,"),
                "the listings' table");
    }

    @Test
    void theDocumentsGoBesideTheServerAsTheyCame() throws Exception {
        GeneratedKubernetes k8s = GeneratedKubernetes.get();
        Path documents = k8s.testServerSources.resolve("io/example/k8s/ApiClientTestServer");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (java.io.InputStream gzipped = new java.util.zip.GZIPInputStream(Files.newInputStream(k8s.document))) {
            assertEquals(
                    json.readTree(gzipped),
                    json.readTree(documents.resolve("openapi-v2.json").toFile()),
                    "a gzipped document, unzipped");
        }
        try (Stream<Path> listings = Files.list(documents.resolve("discovery"))) {
            assertTrue(listings.anyMatch(p -> p.getFileName().toString().equals("apis__apps__v1.json")));
        }

        SmallSpec s = new SmallSpec(dir, SPEC);
        Path yaml = dir.resolve("shop.yaml");
        Files.writeString(yaml, "swagger: '2.0'\ninfo: {title: Shop, version: '1'}\npaths: {}\n");
        Path tests = dir.resolve("tests");
        new Generator()
                .generate(new GeneratorConfig(
                                s.spec,
                                null,
                                s.out,
                                null,
                                new LinkOptions("com.example", "ShopClient", List.of(), List.of(), false, Map.of()))
                        .withTestServer(tests));
        assertTrue(
                java.util.Arrays.equals(
                        Files.readAllBytes(s.spec),
                        Files.readAllBytes(tests.resolve("com/example/ShopClientTestServer/openapi-v2.json"))),
                "a JSON document, byte for byte");
        Files.delete(tests.resolve("com/example/ShopClientTestServer/openapi-v2.json"));
        new Generator()
                .generate(new GeneratorConfig(
                                yaml,
                                null,
                                s.out,
                                null,
                                new LinkOptions("com.example", "ShopClient", List.of(), List.of(), false, Map.of()))
                        .withTestServer(tests));
        assertEquals(
                "{\n  \"swagger\" : \"2.0\",\n  \"info\" : {\n    \"title\" : \"Shop\",\n    \"version\" : \"1\"\n  },\n"
                        + "  \"paths\" : { }\n}\n",
                Files.readString(tests.resolve("com/example/ShopClientTestServer/openapi-v2.json")),
                "a YAML document as JSON");
    }

    /** The test server, with its generic part inline (as {@code runtime=inline} writes it) */
    private GeneratorConfig config(SmallSpec s, Path tests) {
        return new GeneratorConfig(
                        s.spec,
                        null,
                        s.out,
                        s.templates,
                        new LinkOptions("com.example", "ShopClient", List.of(), List.of(), false, Map.of())
                                .withInlineRuntime(true))
                .withTestServer(tests);
    }

    @Test
    void offUnlessAsked() throws Exception {
        SmallSpec s = new SmallSpec(dir, SPEC);
        s.generate();
        assertFalse(Files.exists(s.out.resolve("com/example/testserver")));
        assertFalse(Files.exists(dir.resolve("tests")));
    }

    @Test
    void aBrokenTestServerTemplateLeavesBothFoldersAsTheyWere() throws Exception {
        SmallSpec s = new SmallSpec(dir, SPEC);
        Path tests = dir.resolve("tests");
        new Generator().generate(config(s, tests));
        assertTrue(Files.isRegularFile(tests.resolve("com/example/ShopClientTestServer.java")));
        assertTrue(Files.isRegularFile(tests.resolve("com/example/testserver/ObjectStore.java")));
        Map<String, Long> before = listing(s.out);
        before.putAll(listing(tests));

        s.template("testserver/Broken.java.mustache", "package {{testServerPackage}};\nclass Broken {\n");
        GenerationException e =
                assertThrows(GenerationException.class, () -> new Generator().generate(config(s, tests)));
        assertTrue(e.getMessage().contains("invalid Java"), e.getMessage());
        Map<String, Long> after = listing(s.out);
        after.putAll(listing(tests));
        assertEquals(before, after);
    }

    @Test
    void theTwoFoldersMustBeApart() throws Exception {
        SmallSpec s = new SmallSpec(dir, SPEC);
        GenerationException e = assertThrows(
                GenerationException.class, () -> new Generator().generate(config(s, s.out.resolve("tests"))));
        assertTrue(e.getMessage().contains("must be apart"), e.getMessage());
        assertFalse(Files.exists(s.out));
    }

    /** Every file under {@code root} with its modification time. */
    private static Map<String, Long> listing(Path root) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(
                        root.relativize(p) + "@" + root.getFileName(),
                        Files.getLastModifiedTime(p).toMillis());
            }
        }
        return files;
    }
}
