package dev.ccigen.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccigen.generator.Compiler;
import dev.ccigen.generator.GeneratedKubernetes;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.TestDocs;
import dev.ccigen.generator.link.LinkOptions;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The builders of the generated models, used as a user uses them: {@code models/ModelsInUse.java} is compiled against
 * the classes generated from the Kubernetes 1.20 document and from the CCI document, then run. It checks that reusing a
 * builder gives independent objects, that {@code toBuilder()} round-trips and edits a copy (also nested, with
 * {@code metadata(m -> ...)}), the {@code addXxxItem} / {@code putXxxItem} helpers, and that unknown fields survive.
 */
class ModelBuildersTest {

    @Test
    void kubernetes() throws Exception {
        GeneratedKubernetes k8s = GeneratedKubernetes.get();
        run(
                GeneratedKubernetes.BASE,
                k8s.sources.resolveSibling("classes"),
                Path.of("target", "generated-test", "k8s-usage"));
    }

    @Test
    void cci() throws Exception {
        Path root = Path.of("target", "generated-test", "cci-models");
        Path cci = TestDocs.specs().resolve("cci");
        new Generator()
                .generate(new GeneratorConfig(
                        cci.resolve("openapi-v2.json"),
                        cci.resolve("discovery"),
                        root.resolve("src"),
                        null,
                        LinkOptions.defaults("dev.ccigen.cci"),
                        true));
        Compiler.Result generated = Compiler.compile(root.resolve("src"), root.resolve("classes"));
        assertEquals(List.of(), generated.errors());
        run("dev.ccigen.cci", root.resolve("classes"), root.resolve("usage"));
    }

    /** Compiles ModelsInUse for {@code basePackage} against {@code classes} and runs it. */
    private static void run(String basePackage, Path classes, Path work) throws Exception {
        String source = new String(
                        ModelBuildersTest.class
                                .getResourceAsStream("/models/ModelsInUse.java")
                                .readAllBytes(),
                        StandardCharsets.UTF_8)
                .replace("BASE.", basePackage + ".");
        Path src = work.resolve("src");
        Path file = src.resolve(basePackage.replace('.', '/') + "/usage/ModelsInUse.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        Compiler.Result compiled = Compiler.compile(src, work.resolve("classes"), List.of(classes));
        assertEquals(List.of(), compiled.errors());
        assertEquals(List.of(), compiled.warnings());
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {
                    work.resolve("classes").toUri().toURL(), classes.toUri().toURL()
                },
                ModelBuildersTest.class.getClassLoader())) {
            loader.loadClass(basePackage + ".usage.ModelsInUse")
                    .getMethod("run")
                    .invoke(null);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Error error) {
                throw error; // an assertion of ModelsInUse: its own message
            }
            throw (Exception) e.getCause();
        }
    }
}
