package dev.ccigen.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.Compiler;
import dev.ccigen.generator.GenerationResult;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.TestDocs;
import dev.ccigen.generator.link.LinkOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generates the whole Kubernetes 1.20 document and compiles it: no errors, no warnings but deprecation. */
class GenerateKubernetesTest {
    @TempDir
    Path dir;

    @Test
    void generatesAndCompilesTheWholeDocument() throws Exception {
        Path out = dir.resolve("src");
        GeneratorConfig config = new GeneratorConfig(TestDocs.kubernetes(), TestDocs.kubernetesListings(), out, null,
                LinkOptions.defaults("io.example.k8s"));
        GenerationResult result = new Generator().generate(config);
        System.out.println("[kubernetes 1.20] file to written sources: " + result.summary());
        assertTrue(result.models() > 500, result::summary);
        assertTrue(Files.isRegularFile(out.resolve("io/example/k8s/model/core/v1/Pod.java")));
        assertTrue(Files.isRegularFile(out.resolve("io/example/k8s/api/core/v1/Pods.java")));

        long start = System.nanoTime();
        Compiler.Result compiled = Compiler.compile(out, dir.resolve("classes"));
        System.out.println("[kubernetes 1.20] javac: " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertEquals(java.util.List.of(), compiled.errors().stream().limit(20).toList());
        assertEquals(java.util.List.of(), compiled.warnings().stream().limit(20).toList());
        assertTrue(compiled.success());
    }
}
