package dev.ccigen.maven;

import dev.ccigen.generator.GenerationResult;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.problem.GenerationException;
import dev.ccigen.generator.problem.Problem;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Generates a Java client (models, resource-style and operation-style API classes, runtime) from an OpenAPI v2
 * document and its API-groups listings, and adds the output folder as a compile source root. Skips all work when
 * nothing it depends on changed since the last run of the same execution, and the output is as that run left it (a
 * generated file deleted or edited by hand is generated again).
 */
@Mojo(
        name = "generate",
        defaultPhase = LifecyclePhase.GENERATE_SOURCES,
        threadSafe = true,
        // the project's dependencies as a graph (no file is downloaded): does it have ccigen-runtime?
        requiresDependencyCollection = ResolutionScope.TEST)
public class GenerateMojo extends AbstractCcigenMojo {

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    /** Tells an IDE (Eclipse's m2e) which folder the goal wrote, so it compiles and shows the new sources. */
    @Component
    private BuildContext buildContext;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("ccigen: skipped (ccigen.skip)");
            return;
        }
        long start = System.nanoTime();
        InputSpec spec = resolveInputSpec();
        GeneratorConfig config = config(spec.file());
        checkRuntimeDependencies(config);
        Path stamp = workDirectory().resolve(mojoExecution.getExecutionId() + ".checksum");
        Path listing = workDirectory().resolve(mojoExecution.getExecutionId() + ".inputs");
        Path manifest = workDirectory().resolve(mojoExecution.getExecutionId() + ".outputs");
        project.addCompileSourceRoot(config.outputDirectory().toString());
        if (config.testOutputDirectory() != null) {
            project.addTestCompileSourceRoot(config.testOutputDirectory().toString());
            addTestResources(config.testOutputDirectory());
        }
        String previousHash = read(stamp);
        OutputListing outputs = previousHash == null ? null : new OutputListing(config);
        String quick = fingerprint(spec, config, false).trim();
        String hash = null;
        if (outputs != null && outputAsLeft(outputs, manifest)) {
            // Same sizes and times: up to date without reading a byte. Else the contents decide (a touched file is no
            // change).
            boolean sameListing = quick.equals(read(listing));
            hash = sameListing ? previousHash : fingerprint(spec, config, true);
            if (hash.equals(previousHash)) {
                if (!sameListing) {
                    write(listing, quick);
                }
                getLog().info("ccigen: up to date (" + inputs(spec, config) + ", "
                        + (System.nanoTime() - start) / 1_000_000 + " ms)");
                return;
            }
        }
        // On a first run the contents' checksum (plugin jars included) is made on another core while the engine works.
        String known = hash;
        CompletableFuture<String> hashing = known != null
                ? CompletableFuture.completedFuture(known)
                : CompletableFuture.supplyAsync(() -> {
                    try {
                        return fingerprint(spec, config, true);
                    } catch (MojoExecutionException e) {
                        throw new CompletionException(e);
                    }
                });
        GenerationResult result;
        try {
            Files.deleteIfExists(stamp);
            result = new Generator(GenerateMojo.class.getClassLoader()).generate(config);
            hash = awaitHash(hashing);
            Files.createDirectories(stamp.getParent());
            Files.writeString(stamp, hash + "\n", StandardCharsets.US_ASCII);
            write(listing, quick);
            write(manifest, outputs(config));
            buildContext.refresh(config.outputDirectory().toFile());
            if (config.testOutputDirectory() != null) {
                buildContext.refresh(config.testOutputDirectory().toFile());
            }
        } catch (GenerationException e) {
            throw new MojoFailureException("ccigen: " + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("ccigen: cannot write " + stamp + ": " + e.getMessage(), e);
        }
        for (Problem p : result.warnings()) {
            if (p.severity() == Problem.Severity.WARNING) {
                getLog().warn("ccigen: " + p.where() + ": " + p.message());
            } else if (getLog().isDebugEnabled()) {
                getLog().debug("ccigen: " + p.where() + ": " + p.message());
            }
        }
        getLog().info("ccigen: read " + inputs(spec, config) + ": " + result.summary()
                + (config.testOutputDirectory() == null
                        ? ""
                        : "; test server in " + display(config.testOutputDirectory())));
    }

    /** With the runtime library: the project must have it, of this plugin's version (see {@link RuntimeDependencies}). */
    private void checkRuntimeDependencies(GeneratorConfig config) throws MojoFailureException {
        if (config.link().inlineRuntime()) {
            return;
        }
        List<RuntimeDependencies.Dependency> dependencies = new ArrayList<>();
        for (Artifact a : project.getArtifacts()) {
            dependencies.add(new RuntimeDependencies.Dependency(
                    a.getGroupId(), a.getArtifactId(), a.getBaseVersion(), a.getScope()));
        }
        String problem =
                RuntimeDependencies.problem(dependencies, plugin.getVersion(), config.testOutputDirectory() != null);
        if (problem != null) {
            throw new MojoFailureException("ccigen: " + problem);
        }
    }

    private static String awaitHash(CompletableFuture<String> hashing) throws MojoExecutionException {
        try {
            return hashing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof MojoExecutionException m) {
                throw m;
            }
            throw e;
        }
    }

    /** What the summary says was read: the document, and the listings and templates when there are any. */
    private String inputs(InputSpec spec, GeneratorConfig config) {
        StringBuilder b = new StringBuilder(spec.fromClasspath() ? spec.label() : display(spec.file()));
        if (config.discovery() != null) {
            b.append(" + listings ").append(display(config.discovery()));
        }
        if (config.templateDirectory() != null) {
            b.append(" + templates ").append(display(config.templateDirectory()));
        }
        return b.toString();
    }

    /** A path relative to the top of the build when it is inside it, else absolute. */
    private String display(Path path) {
        return display(path, session, project);
    }

    /** {@link #display(Path)} for the other goals. */
    static String display(Path path, MavenSession session, MavenProject project) {
        File top = session.getRequest().getMultiModuleProjectDirectory();
        Path root = (top != null ? top : project.getBasedir())
                .toPath()
                .toAbsolutePath()
                .normalize();
        return path.startsWith(root) && !path.equals(root)
                ? root.relativize(path).toString()
                : path.toString();
    }

    /**
     * Everything the output depends on: the plugin (and, for snapshots, the bytes of its jars), the configuration, the
     * document's folder (so files it {@code $ref}s count), the listings and the template overrides.
     */
    private String fingerprint(InputSpec spec, GeneratorConfig config, boolean contents) throws MojoExecutionException {
        long start = System.nanoTime();
        Fingerprint f = contents ? Fingerprint.contents() : Fingerprint.metadata();
        Path buildDir =
                Path.of(project.getBuild().getDirectory()).toAbsolutePath().normalize();
        Path basedir = project.getBasedir().toPath().toAbsolutePath().normalize();
        try {
            f.value("plugin", plugin.getId());
            List<Artifact> artifacts = new ArrayList<>(plugin.getArtifacts());
            if (plugin.getPluginArtifact() != null) {
                artifacts.add(plugin.getPluginArtifact());
            }
            for (Artifact a : artifacts) {
                f.value("artifact", a.getId());
                if (a.isSnapshot() && a.getFile() != null) {
                    f.jar("artifact.file", a.getFile().toPath());
                }
            }
            f.value("output", config.outputDirectory())
                    .value("testOutput", config.testOutputDirectory())
                    .value("discoveryPath", config.discovery())
                    .value("templatesPath", config.templateDirectory())
                    .value("basePackage", config.link().basePackage())
                    .value("clientName", config.link().clientName())
                    .value("include", config.link().includeGroups())
                    .value("exclude", config.link().excludeGroups())
                    .value("strict", config.link().strict())
                    .value("inlineRuntime", config.link().inlineRuntime())
                    .values("property", config.link().properties());
            if (spec.fromClasspath()) {
                f.bytes("spec", spec.resource());
            } else {
                Path folder = spec.file().getParent();
                f.value("spec.name", spec.file().getFileName());
                // The document's whole folder, unless it is the project folder (or above it): then the file alone.
                f.tree("spec", basedir.startsWith(folder) ? spec.file() : folder, Set.of(buildDir));
            }
            f.tree("discovery", config.discovery(), Set.of());
            f.tree("templates", config.templateDirectory(), Set.of());
        } catch (IOException e) {
            throw new MojoExecutionException("ccigen: cannot read the inputs: " + e.getMessage(), e);
        }
        String result = f.result();
        if (getLog().isDebugEnabled()) {
            getLog().debug("ccigen: " + (contents ? "content hash " + result : "size and time listing") + " in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
        return result;
    }

    /**
     * Whether the output folder holds exactly what the last generation left: the same files with the same sizes and
     * modification times, in the same folders (no byte is read). A file deleted, added, edited or touched means
     * generating again.
     */
    private boolean outputAsLeft(OutputListing outputs, Path manifest) throws MojoExecutionException {
        String previous = read(manifest);
        String now = outputs.await();
        if (getLog().isDebugEnabled()) {
            getLog().debug("ccigen: output listing in " + outputs.millis + " ms");
        }
        if (previous != null && previous.equals(now)) {
            return true;
        }
        if (now != null) {
            getLog().info("ccigen: " + display(outputs.output) + " is not as the last run left it: generating again");
        }
        return false;
    }

    /**
     * The output folders' files and folders with their sizes and times ({@link Fingerprint#outputs}): the main one, and
     * the test server's when there is one; null when one of them is missing.
     */
    private static String outputs(GeneratorConfig config) {
        Path tests = config.testOutputDirectory();
        if (!Files.isDirectory(config.outputDirectory()) || (tests != null && !Files.isDirectory(tests))) {
            return null;
        }
        String main = Fingerprint.outputs(config.outputDirectory());
        return tests == null ? main : main + "; test server: " + Fingerprint.outputs(tests);
    }

    /** The {@link #outputs} listing, made on another core while this one lists the inputs. */
    private static final class OutputListing extends Thread {
        final Path output;
        private final GeneratorConfig config;
        private String result;
        private long millis;

        OutputListing(GeneratorConfig config) {
            super("ccigen-output-listing");
            this.config = config;
            this.output = config.outputDirectory();
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            result = outputs(config);
            millis = (System.nanoTime() - start) / 1_000_000;
        }

        /** The listing; null when there is no output folder. */
        String await() throws MojoExecutionException {
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MojoExecutionException("ccigen: interrupted", e);
            }
            return result;
        }
    }

    /** A stamp's text: the checksum of the inputs' contents, or the listing of their sizes and times; null if none. */
    private static String read(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Files.readString(file, StandardCharsets.UTF_8).trim()
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Best effort: without the listing, the next run only falls back on the content hash. */
    private void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text.trim() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            getLog().debug("ccigen: cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The test server's documents (its openapi-v2.json and listings, beside its class) go on the test class path. */
    private void addTestResources(Path folder) {
        String directory = folder.toString();
        if (project.getTestResources().stream().noneMatch(r -> directory.equals(r.getDirectory()))) {
            org.apache.maven.model.Resource documents = new org.apache.maven.model.Resource();
            documents.setDirectory(directory);
            documents.addInclude("**/*.json");
            project.addTestResource(documents);
        }
    }
}
