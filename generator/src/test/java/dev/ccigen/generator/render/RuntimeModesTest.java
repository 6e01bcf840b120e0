package dev.ccigen.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.GenerationResult;
import dev.ccigen.generator.SmallSpec;
import dev.ccigen.generator.problem.GenerationException;
import dev.ccigen.generator.problem.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runtime=library} (the default) and {@code runtime=inline}: generated code uses the {@code ccigen-runtime}
 * library, or carries the library's own sources in {@code <basePackage>.runtime}.
 */
class RuntimeModesTest {
    private static final String SPEC = """
            {"swagger": "2.0", "info": {"title": "Orders", "version": "1"},
             "definitions": {"Order": {"type": "object", "properties": {"id": {"type": "string"}}}},
             "paths": {"/orders/{id}": {"get": {"operationId": "getOrder", "tags": ["orders"],
               "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
               "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Order"}}}}}}}
            """;
    /** The repository's top folder (the tests know {@code specs/} below it). */
    private static final Path ROOT =
            Path.of(System.getProperty("ccigen.specs")).toAbsolutePath().getParent();

    @TempDir
    Path dir;

    @Test
    void byDefaultTheCodeUsesTheLibraryAndChecksItsVersion() throws Exception {
        SmallSpec s = new SmallSpec(dir, SPEC);
        s.generate();
        assertFalse(Files.exists(s.out.resolve("com/example/runtime")), "no runtime is generated");
        String client = s.read("com/example/ExampleClient.java");
        assertTrue(client.contains("import dev.ccigen.runtime.Transport;"), client);
        assertTrue(
                client.contains("RuntimeVersion.check(\"" + dev.ccigen.runtime.RuntimeVersion.current() + "\""),
                client);
        assertFalse(Files.exists(s.out.resolve("com/example/Kinds.java")), "no kinds, no Kinds");
        ClassLoader loader = s.compile();
        loader.loadClass("com.example.ExampleClient").getMethod("builder").invoke(null); // the check passes
    }

    /**
     * Inline, each runtime and test server source is the library's own, with its package names replaced, byte for byte:
     * they are templates made from the libraries' sources at build time, and Mustache must leave every other character.
     */
    @Test
    void inlineTheRuntimeIsTheLibrarysSourcesInTheClientsPackage() throws Exception {
        SmallSpec s = new SmallSpec(dir, SPEC).inline();
        s.generate();
        Path library = ROOT.resolve("runtime/src/main/java/dev/ccigen/runtime");
        List<Path> sources = javaFiles(library);
        assertTrue(sources.size() > 50, sources.toString());
        for (Path source : sources) {
            String expected = Files.readString(source, StandardCharsets.UTF_8)
                    .replace("dev.ccigen.runtime", "com.example.runtime");
            assertEquals(
                    Renderer.normalise(expected),
                    s.read("com/example/runtime/" + source.getFileName()),
                    source.getFileName().toString());
        }
        assertEquals(
                sources.size(), javaFiles(s.out.resolve("com/example/runtime")).size());
        String client = s.read("com/example/ExampleClient.java");
        assertTrue(client.contains("import com.example.runtime.Transport;"), client);
        assertFalse(client.contains("RuntimeVersion"), "nothing to check");
        s.compile();
    }

    @Test
    void aRuntimeTemplateWithTheLibraryIsNeverUsedAndSaysSo() throws Exception {
        SmallSpec s =
                new SmallSpec(dir, SPEC).template("runtime/Values.java.mustache", "package {{runtimePackage}};\n");
        GenerationResult result = s.generate();
        List<String> warnings = result.warnings().stream().map(Problem::message).toList();
        assertTrue(
                warnings.stream().anyMatch(w -> w.contains("runtime/ templates are used with runtime=inline only")),
                warnings.toString());
        assertFalse(Files.exists(s.out.resolve("com/example/runtime")));
    }

    @Test
    void aBasePackageInsideALibrarysPackageIsRefused() throws Exception {
        SmallSpec s = new SmallSpec(dir, SPEC).basePackage("dev.ccigen.runtime.cci");
        GenerationException e = org.junit.jupiter.api.Assertions.assertThrows(GenerationException.class, s::generate);
        assertTrue(e.getMessage().contains("a package of ccigen's own libraries"), e.getMessage());
        SmallSpec inline = new SmallSpec(dir, SPEC).inline().basePackage("dev.ccigen");
        e = org.junit.jupiter.api.Assertions.assertThrows(GenerationException.class, inline::generate);
        assertTrue(e.getMessage().contains("into dev.ccigen.runtime"), e.getMessage());
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
