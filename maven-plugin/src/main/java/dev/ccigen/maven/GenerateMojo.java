package dev.ccigen.maven;

import dev.ccigen.generator.GenerationResult;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.problem.GenerationException;
import dev.ccigen.generator.problem.Problem;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
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
        project.addCompileSourceRoot(config.outputDirectory().toString());
        if (config.testOutputDirectory() != null) {
            project.addTestCompileSourceRoot(config.testOutputDirectory().toString());
            addTestResources(config.testOutputDirectory());
        }
        IncrementalBuild build = incrementalBuild(spec, config);
        GenerationResult result;
        try {
            if (build.upToDate()) {
                getLog().info("ccigen: up to date (" + inputs(spec, config, build) + ", "
                        + (System.nanoTime() - start) / 1_000_000 + " ms)");
                return;
            }
            result = build.generate(new Generator(GenerateMojo.class.getClassLoader()));
        } catch (GenerationException e) {
            throw new MojoFailureException("ccigen: " + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("ccigen: " + e.getMessage(), e);
        }
        buildContext.refresh(config.outputDirectory().toFile());
        if (config.testOutputDirectory() != null) {
            buildContext.refresh(config.testOutputDirectory().toFile());
        }
        for (Problem p : result.warnings()) {
            if (p.severity() == Problem.Severity.WARNING) {
                getLog().warn("ccigen: " + p.where() + ": " + p.message());
            } else if (getLog().isDebugEnabled()) {
                getLog().debug("ccigen: " + p.where() + ": " + p.message());
            }
        }
        getLog().info("ccigen: read " + inputs(spec, config, build) + ": " + result.summary()
                + (config.testOutputDirectory() == null
                        ? ""
                        : "; test server in " + build.display(config.testOutputDirectory())));
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

    /** The up-to-date logic, given the plugin, the configuration and the project's folders as plain values. */
    private IncrementalBuild incrementalBuild(InputSpec spec, GeneratorConfig config) {
        List<IncrementalBuild.Jar> jars = new ArrayList<>();
        List<Artifact> artifacts = new ArrayList<>(plugin.getArtifacts());
        if (plugin.getPluginArtifact() != null) {
            artifacts.add(plugin.getPluginArtifact());
        }
        for (Artifact a : artifacts) {
            jars.add(new IncrementalBuild.Jar(
                    a.getId(),
                    a.isSnapshot() && a.getFile() != null ? a.getFile().toPath() : null));
        }
        File top = session.getRequest().getMultiModuleProjectDirectory();
        IncrementalBuild.Folders folders = new IncrementalBuild.Folders(
                project.getBasedir().toPath(),
                Path.of(project.getBuild().getDirectory()),
                (top != null ? top : project.getBasedir()).toPath(),
                workDirectory());
        return new IncrementalBuild(
                mojoExecution.getExecutionId(),
                new IncrementalBuild.Plugin(plugin.getId(), jars),
                spec,
                config,
                folders,
                new MavenLog(getLog()));
    }

    /** What the summary says was read: the document, and the listings and templates when there are any. */
    private static String inputs(InputSpec spec, GeneratorConfig config, IncrementalBuild build) {
        StringBuilder b = new StringBuilder(
                !spec.present() ? "" : spec.fromClasspath() ? spec.label() : build.display(spec.file()));
        if (config.discovery() != null) {
            b.append(" + listings ").append(build.display(config.discovery()));
        }
        if (config.crds() != null) {
            b.append(spec.present() ? " + CRDs " : "CRDs ").append(build.display(config.crds()));
        }
        if (config.templateDirectory() != null) {
            b.append(" + templates ").append(build.display(config.templateDirectory()));
        }
        return b.toString();
    }

    /** Maven's log, as the incremental build writes to it. */
    private static final class MavenLog implements IncrementalBuild.Log {
        private final org.apache.maven.plugin.logging.Log log;

        MavenLog(org.apache.maven.plugin.logging.Log log) {
            this.log = log;
        }

        @Override
        public void info(String line) {
            log.info(line);
        }

        @Override
        public boolean isDebugEnabled() {
            return log.isDebugEnabled();
        }

        @Override
        public void debug(String line) {
            log.debug(line);
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
