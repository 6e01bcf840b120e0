package dev.ccigen.generator;

import dev.ccigen.generator.link.LinkOptions;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The whole Kubernetes 1.20 document, generated and compiled once per test run (it takes a while) and
 * shared by the tests that need real generated classes.
 */
public final class GeneratedKubernetes {
    public static final String BASE = "io.example.k8s";
    private static GeneratedKubernetes instance;

    public final GenerationResult generation;
    public final Compiler.Result compilation;
    public final long compileMillis;
    public final Path sources;
    /** The test server generated beside it ({@code generateTestServer}), and its compilation against the client. */
    public final Path testServerSources;
    public final Compiler.Result testServerCompilation;
    public final ClassLoader loader;

    private GeneratedKubernetes(Path root) throws Exception {
        sources = root.resolve("src");
        testServerSources = root.resolve("test-src");
        GeneratorConfig config = new GeneratorConfig(TestDocs.kubernetes(), TestDocs.kubernetesListings(), sources, null,
                LinkOptions.defaults(BASE), true).withTestServer(testServerSources);
        generation = new Generator().generate(config);
        long start = System.nanoTime();
        Path classes = root.resolve("classes");
        compilation = Compiler.compile(sources, classes);
        compileMillis = (System.nanoTime() - start) / 1_000_000;
        testServerCompilation = Compiler.compile(testServerSources, root.resolve("test-classes"), java.util.List.of(classes));
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, GeneratedKubernetes.class.getClassLoader());
    }

    public static synchronized GeneratedKubernetes get() throws Exception {
        if (instance == null) {
            instance = new GeneratedKubernetes(Path.of("target", "generated-test", "kubernetes"));
        }
        return instance;
    }

    public Class<?> load(String relativeName) throws ClassNotFoundException {
        return Class.forName(BASE + "." + relativeName, true, loader);
    }
}
