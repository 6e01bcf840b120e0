package dev.ccigen.maven;

import dev.ccigen.generator.ConfigCheck;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.link.LinkOptions;
import dev.ccigen.generator.problem.GenerationException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** The parameters both goals share, and their mapping onto the engine's {@link GeneratorConfig}. */
abstract class AbstractCcigenMojo extends AbstractMojo {

    /**
     * The OpenAPI v2 document (JSON or YAML, optionally gzipped): a path, relative to the project's folder, or a
     * resource on the plugin's class path written {@code classpath:some/folder/openapi-v2.json} (add the jar that
     * holds it as a dependency of the plugin). A classpath resource is copied under {@code target/ccigen/} first.
     */
    @Parameter(
            property = "ccigen.inputSpec",
            defaultValue = "${project.basedir}/src/main/ccigen/openapi-v2.json",
            required = true)
    protected String inputSpec;

    /**
     * The API-groups listings (Kubernetes discovery documents): a folder of listings such as
     * {@code api__v1.json}, {@code apis__apps__v1.json}, or one aggregated discovery file. They decide which
     * resources and verbs the client offers. Optional: without it, resources come from the document's
     * {@code x-kubernetes-*} extensions and path shapes, and a plain Swagger 2.0 API becomes one class per tag.
     * Default: none.
     */
    @Parameter(property = "ccigen.discoveryDirectory")
    protected File discoveryDirectory;

    /**
     * CustomResourceDefinition manifests ({@code apiextensions.k8s.io/v1}, or v1beta1; YAML or JSON, several documents
     * per file): a folder, read with its subfolders, or one file. Each served version of each CRD becomes a resource of
     * the client, with its kind's model classes; beside inputSpec and discoveryDirectory they join the document's
     * resources in one client, and without a document (inputSpec left at its default, and no file there) the client
     * is of the CRDs only. Default: none.
     */
    @Parameter(property = "ccigen.crdDirectory")
    protected File crdDirectory;

    /**
     * The Java package of the generated client, e.g. {@code com.example.cci}: models then go to
     * {@code com.example.cci.model.*}, the API classes to {@code com.example.cci.api.*}, and with
     * {@code runtime=inline} the runtime to {@code com.example.cci.runtime}. Required: the build fails without it, and
     * when it is not a Java package name (a keyword, a hyphen, an empty part), before anything is read or written.
     */
    @Parameter(property = "ccigen.basePackage")
    protected String basePackage;

    /**
     * The simple name of the client class, generated in {@code basePackage}. It must be a Java class name, and not the
     * name of another generated class (a model, an API class, a runtime class such as {@code Transport}).
     */
    @Parameter(property = "ccigen.clientName", defaultValue = "ApiClient")
    protected String clientName;

    /**
     * Where the sources are generated; the folder is replaced as a whole on each generation and added as a compile
     * source root. Give each execution its own folder.
     */
    @Parameter(
            property = "ccigen.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/ccigen")
    protected File outputDirectory;

    /**
     * Where the generated code's run-time classes (transport, authentication, errors, watches, informers, exec, the
     * models' base classes) come from. {@code library}: the {@code dev.ccigen:ccigen-runtime} library of this
     * plugin's version, which the project must depend on (and, with {@code generateTestServer},
     * {@code ccigen-test-server} in test scope); the build fails before generating, printing the dependency
     * blocks to paste, when it does not. {@code inline}: the library's sources are written into the package
     * {@code runtime} below {@code basePackage} (and the test server's into {@code testserver}), so the client needs
     * nothing but the JDK and Jackson, and {@code runtime/} template overrides apply. Default: library.
     */
    @Parameter(property = "ccigen.runtime", defaultValue = "library")
    protected String runtime;

    /**
     * Also generate an in-memory server of the same API for tests, named after the client ({@code CciClientTestServer}
     * for {@code CciClient}), with its package {@code testserver} below {@code basePackage}: HTTP and WebSocket on the
     * JDK's sockets, on the loopback interface, no dependency beyond Jackson. It goes into {@code testOutputDirectory},
     * added as a test source root, with the document and listings it serves beside it (added as test resources), so a
     * project tests its own code with {@code mvn test}, without the cloud. Default: false.
     */
    @Parameter(property = "ccigen.generateTestServer", defaultValue = "false")
    protected boolean generateTestServer;

    /**
     * Where the test server is generated when {@code generateTestServer} is true; replaced as a whole like
     * {@code outputDirectory}, and apart from it.
     */
    @Parameter(
            property = "ccigen.testOutputDirectory",
            defaultValue = "${project.build.directory}/generated-test-sources/ccigen")
    protected File testOutputDirectory;

    /**
     * A folder of template overrides, file by file: a file here with the name of a default template (e.g.
     * {@code model.java.mustache} or {@code runtime/Watch.java.mustache}) replaces it, every other template stays
     * the default; {@code model.java.mustache} can also replace single blocks of {@code model-base.java.mustache}.
     * Files under {@code perModel/} and {@code once/} add files: {@code perModel/Dto.java.mustache} adds
     * {@code PodDto.java} beside each model class such as {@code Pod.java}, {@code once/Version.java.mustache} adds
     * {@code Version.java} to {@code basePackage}. A file that
     * matches no template, or a block that matches no block, is reported with the closest name (an error under
     * {@code strict}). Run the {@code context} goal to see the data each template receives. Default: none (the
     * default templates only).
     */
    @Parameter(property = "ccigen.templateDirectory")
    protected File templateDirectory;

    /**
     * Extra values visible to every template under {@code templateProperties}: the entry {@code vendor} of this map is
     * {@code {{templateProperties.vendor}}} in a template. Default: none.
     */
    @Parameter
    protected Map<String, String> templateProperties;

    /**
     * API groups or group-versions to generate, e.g. {@code apps}, {@code batch/v1beta1}; {@code core} is the core
     * group ({@code /api/v1}). From the command line: {@code -Dccigen.includeGroups=core,apps}. A group the document
     * and the listings do not have fails the build, naming the groups there. Default: all.
     */
    @Parameter(property = "ccigen.includeGroups")
    protected List<String> includeGroups;

    /**
     * API groups or group-versions to leave out (same syntax as {@code includeGroups}); wins over
     * {@code includeGroups}. Default: none.
     */
    @Parameter(property = "ccigen.excludeGroups")
    protected List<String> excludeGroups;

    /**
     * Treat the engine's warnings as errors: a listed resource without schema or paths, a granted verb without an
     * operation, or a file or block in {@code templateDirectory} that matches no template fails the build.
     */
    @Parameter(property = "ccigen.strict", defaultValue = "false")
    protected boolean strict;

    /** Skip this goal. */
    @Parameter(property = "ccigen.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

    /** The folder under {@code target/} where this plugin keeps its own files. */
    protected Path workDirectory() {
        return Path.of(project.getBuild().getDirectory(), "ccigen");
    }

    /** The spec as the engine reads it: the file itself, or the copy of a classpath resource. */
    protected InputSpec resolveInputSpec() throws MojoExecutionException, MojoFailureException {
        try {
            return InputSpec.resolve(
                    inputSpec,
                    project.getBasedir().toPath(),
                    workDirectory().resolve(mojoExecution.getExecutionId()),
                    getClass().getClassLoader(),
                    path(crdDirectory));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("ccigen: " + e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("ccigen: cannot read " + inputSpec + ": " + e.getMessage(), e);
        }
    }

    /** The engine's configuration; a name Java cannot carry is refused here, before anything is read or written. */
    protected GeneratorConfig config(Path spec) throws MojoFailureException {
        if (basePackage == null || basePackage.isBlank()) {
            throw new MojoFailureException(
                    "ccigen: basePackage is required (e.g. <basePackage>com.example.cci</basePackage>"
                            + " in the plugin's <configuration> or in its execution's)");
        }
        if (discoveryDirectory != null && !discoveryDirectory.exists()) {
            throw new MojoFailureException("ccigen: discoveryDirectory " + discoveryDirectory + " does not exist");
        }
        if (crdDirectory != null && !crdDirectory.exists()) {
            throw new MojoFailureException("ccigen: crdDirectory " + crdDirectory + " does not exist");
        }
        LinkOptions link = new LinkOptions(
                        basePackage.trim(),
                        clientName,
                        clean(includeGroups),
                        clean(excludeGroups),
                        strict,
                        properties())
                .withInlineRuntime(inlineRuntime());
        try {
            ConfigCheck.names(link);
        } catch (GenerationException e) {
            throw new MojoFailureException("ccigen: " + e.getMessage());
        }
        GeneratorConfig config = new GeneratorConfig(
                        spec,
                        path(discoveryDirectory),
                        outputDirectory.toPath().toAbsolutePath().normalize(),
                        path(templateDirectory),
                        link)
                .withCrds(path(crdDirectory));
        return generateTestServer ? config.withTestServer(path(testOutputDirectory)) : config;
    }

    /** {@code runtime}: {@code inline} or {@code library}, any case; anything else is refused, naming both. */
    protected boolean inlineRuntime() throws MojoFailureException {
        String mode = runtime == null ? "library" : runtime.trim().toLowerCase(java.util.Locale.ROOT);
        if (!mode.equals("library") && !mode.equals("inline")) {
            throw new MojoFailureException("ccigen: runtime \"" + runtime + "\" is neither library (the default: the"
                    + " generated code uses dev.ccigen:ccigen-runtime) nor inline (the runtime's sources are written"
                    + " into <basePackage>.runtime)");
        }
        return mode.equals("inline");
    }

    private Map<String, String> properties() {
        Map<String, String> properties = new java.util.TreeMap<>();
        if (templateProperties != null) {
            for (Map.Entry<String, String> e : templateProperties.entrySet()) {
                properties.put(e.getKey(), e.getValue() == null ? "" : e.getValue());
            }
        }
        return properties;
    }

    private static Path path(File file) {
        return file == null ? null : file.toPath().toAbsolutePath().normalize();
    }

    /** Trimmed, sorted, without blanks and duplicates. (No streams or lambdas: their first use costs a cold JVM ~20 ms.) */
    static List<String> clean(List<String> groups) {
        java.util.TreeSet<String> clean = new java.util.TreeSet<>();
        if (groups != null) {
            for (String g : groups) {
                if (g != null && !g.isBlank()) {
                    clean.add(g.trim());
                }
            }
        }
        return List.copyOf(clean);
    }
}
