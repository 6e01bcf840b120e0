package dev.ccigen.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.GeneratedKubernetes;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Generates the whole Kubernetes 1.20 document and compiles it: no errors, no warnings but deprecation. */
class GenerateKubernetesTest {

    @Test
    void generatesAndCompilesTheWholeDocument() throws Exception {
        GeneratedKubernetes k8s = GeneratedKubernetes.get();
        System.out.println(
                "[kubernetes 1.20] file to written sources (every file parsed): " + k8s.generation.summary());
        System.out.println("[kubernetes 1.20] javac: " + k8s.compileMillis + " ms");
        assertTrue(k8s.generation.models() > 600, k8s.generation::summary);
        assertTrue(Files.isRegularFile(k8s.sources.resolve("io/example/k8s/model/core/v1/Pod.java")));
        assertTrue(Files.isRegularFile(k8s.sources.resolve("io/example/k8s/api/core/v1/Pods.java")));
        assertEquals(List.of(), k8s.compilation.errors().stream().limit(20).toList());
        assertEquals(List.of(), k8s.compilation.warnings().stream().limit(20).toList());
        assertTrue(k8s.compilation.success());
    }
}
