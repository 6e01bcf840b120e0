package dev.ccigen.generator;

import dev.ccigen.generator.link.LinkOptions;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A whole Kubernetes document with its listings, generated and compiled once per test run (it takes a while) and
 * shared by the tests that need real generated classes: 1.20 ({@link #get()}), and the newest, 1.36, whose listings
 * are derived from it (see kubernetes/SOURCES.md).
 */
public final class GeneratedKubernetes {
    public static final String BASE = "io.example.k8s";
    /** The versions there are documents of, oldest first. */
    public static final java.util.List<String> VERSIONS = java.util.List.of("1.20", "1.36");

    private static final java.util.Map<String, FutureTask<GeneratedKubernetes>> builds = new java.util.HashMap<>();

    public final GenerationResult generation;
    public final Compiler.Result compilation;
    public final long compileMillis;
    public final Path sources;
    /** The document generated from. */
    public final Path document;
    /** The test server generated beside it ({@code generateTestServer}), and its compilation against the client. */
    public final Path testServerSources;

    public final Compiler.Result testServerCompilation;
    public final ClassLoader loader;

    private GeneratedKubernetes(Path root, Path document, Path listings) throws Exception {
        sources = root.resolve("src");
        this.document = document;
        testServerSources = root.resolve("test-src");
        GeneratorConfig config = new GeneratorConfig(
                        document, listings, sources, null, LinkOptions.defaults(BASE), true)
                .withTestServer(testServerSources);
        generation = new Generator().generate(config);
        long start = System.nanoTime();
        Path classes = root.resolve("classes");
        compilation = Compiler.compile(sources, classes);
        compileMillis = (System.nanoTime() - start) / 1_000_000;
        testServerCompilation =
                Compiler.compile(testServerSources, root.resolve("test-classes"), java.util.List.of(classes));
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, GeneratedKubernetes.class.getClassLoader());
    }

    /** Kubernetes 1.20, with the listings of a newer server. */
    public static GeneratedKubernetes get() throws Exception {
        return get("1.20");
    }

    /**
     * The document of Kubernetes {@code version} (one of {@link #VERSIONS}) with its listings. The first call starts
     * every version, the others on threads of their own: each is a generation and two single-threaded javac runs, and
     * the tests that ask for one version ask for the other next, so a second core halves the wait.
     */
    public static GeneratedKubernetes get(String version) throws Exception {
        FutureTask<GeneratedKubernetes> build;
        synchronized (builds) {
            if (builds.isEmpty()) {
                for (String v : VERSIONS) {
                    builds.put(v, new FutureTask<>(() -> build(v)));
                }
                builds.forEach((v, task) -> {
                    if (!v.equals(version)) {
                        Thread thread = new Thread(task, "kubernetes-" + v);
                        thread.setDaemon(true);
                        thread.start();
                    }
                });
            }
            build = builds.get(version);
        }
        if (build == null) {
            throw new IllegalArgumentException("no Kubernetes document " + version + " among " + VERSIONS);
        }
        build.run(); // returns at once when another thread runs it or has run it
        try {
            return build.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static GeneratedKubernetes build(String version) throws Exception {
        return version.equals("1.20")
                ? new GeneratedKubernetes(
                        Path.of("target", "generated-test", "kubernetes"),
                        TestDocs.kubernetes(),
                        TestDocs.kubernetesListings())
                : new GeneratedKubernetes(
                        Path.of("target", "generated-test", "kubernetes-" + version),
                        TestDocs.resource("kubernetes/swagger-" + version + ".json.gz"),
                        TestDocs.resource("kubernetes/discovery-" + version));
    }

    /** A generated class by its name below {@link #BASE} ({@code model.core.v1.Pod}), or a library's by its full name. */
    public Class<?> load(String relativeName) throws ClassNotFoundException {
        String name = relativeName.startsWith("dev.ccigen.") ? relativeName : BASE + "." + relativeName;
        return Class.forName(name, true, loader);
    }
}
