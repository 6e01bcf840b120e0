package dev.ccigen.generator;

import dev.ccigen.generator.link.ApiModel;
import dev.ccigen.generator.link.Linker;
import dev.ccigen.generator.problem.GenerationException;
import dev.ccigen.generator.problem.Problems;
import dev.ccigen.generator.read.ApiSpec;
import dev.ccigen.generator.read.CrdReader;
import dev.ccigen.generator.read.CustomResources;
import dev.ccigen.generator.read.Discovery;
import dev.ccigen.generator.read.DiscoveryReader;
import dev.ccigen.generator.read.Inputs;
import dev.ccigen.generator.read.SpecReader;
import dev.ccigen.generator.render.Renderer;
import dev.ccigen.generator.render.TemplateLint;
import dev.ccigen.generator.render.TemplateSet;
import dev.ccigen.generator.write.OutputWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The engine's front door: read → link → render → write. Any bad input ends in a {@link GenerationException}
 * whose message names every problem and its place; nothing is written then.
 */
public final class Generator {
    private final ClassLoader templateLoader;

    /** @param templateLoader where the default templates ({@code ccigen/templates/}) are found */
    public Generator(ClassLoader templateLoader) {
        this.templateLoader = templateLoader;
    }

    public Generator() {
        this(Generator.class.getClassLoader());
    }

    public GenerationResult generate(GeneratorConfig config) {
        long start = System.nanoTime();
        Path testOutput = config.testOutputDirectory();
        if (testOutput != null
                && (testOutput.startsWith(config.outputDirectory())
                        || config.outputDirectory().startsWith(testOutput))) {
            throw new GenerationException("the test server's output folder " + testOutput + " and the output folder "
                    + config.outputDirectory() + " must be apart (neither inside the other)");
        }
        Problems problems = new Problems();
        TemplateLint.check(
                config.templateDirectory(), templateLoader, config.link().strict(), problems);
        TemplateLint.runtimeOverrides(
                config.templateDirectory(),
                config.link().inlineRuntime(),
                config.link().strict(),
                problems);
        problems.throwIfErrors("the template folder has files or blocks that match no template");
        Renderer renderer = new Renderer(
                new TemplateSet(config.templateDirectory(), templateLoader),
                config.validateAll(),
                config.testOutputDirectory() != null,
                config.link().inlineRuntime());
        // Templates compile on another core while this one reads and links: a cold run is mostly class loading.
        CompletableFuture<Void> prepared = CompletableFuture.runAsync(renderer::prepare);
        ApiModel model = model(config, problems); // a bad input is reported before a bad template
        join(prepared);
        OutputWriter.Result written;
        // Each file is written as soon as it is rendered; a failure anywhere leaves the previous output as it was. The
        // test server's folder is a second tree, swapped in only once both trees are complete.
        OutputWriter writer = new OutputWriter();
        try (OutputWriter.Staging staging = writer.begin(config.outputDirectory());
                OutputWriter.Staging tests =
                        config.testOutputDirectory() == null ? null : writer.begin(config.testOutputDirectory())) {
            renderer.render(model, f -> (tests != null && Renderer.isTestSource(f) ? tests : staging).add(f));
            if (tests != null) {
                TestServerDocuments.of(config, model).forEach(tests::add);
            }
            written = staging.commit();
            if (tests != null) {
                written = written.plus(tests.commit());
            }
        }
        int apiClasses = model.operationGroups().size()
                + 1
                + model.groupVersions().stream()
                        .mapToInt(gv -> 1 + gv.resources().size())
                        .sum();
        return new GenerationResult(
                config.outputDirectory(),
                model.types().size(),
                apiClasses,
                written.written() + written.unchanged(),
                written.written(),
                written.unchanged(),
                written.deleted(),
                problems.all().stream().filter(p -> !p.isError()).toList(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Waits for {@code task}; its {@link GenerationException} (a broken template) is the caller's to see. */
    private static void join(CompletableFuture<Void> task) {
        try {
            task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** The read and link stages alone: the model every template sees (the plugin's {@code context} goal shows it). */
    public ApiModel model(GeneratorConfig config, Problems problems) {
        ConfigCheck.names(config.link()); // a bad name is refused before anything is read
        boolean strict = config.link().strict();
        ApiSpec document =
                config.inputSpec() == null ? null : new SpecReader(strict).read(config.inputSpec(), problems);
        Discovery listings =
                config.discovery() == null ? null : new DiscoveryReader().read(config.discovery(), problems);
        CustomResources crds = config.crds() == null ? null : new CrdReader(strict).read(config.crds(), problems);
        problems.throwIfErrors("cannot read the input");
        Inputs inputs = Inputs.combine(document, listings, crds, strict, problems);
        problems.throwIfErrors("the CustomResourceDefinitions do not fit the document");
        ApiSpec spec = inputs.spec();
        Discovery discovery = inputs.discovery();
        ConfigCheck.groups(config.link(), spec, discovery);
        ApiModel model = new Linker().link(spec, discovery, config.link(), problems);
        problems.throwIfErrors("the input does not hold together");
        ConfigCheck.clientName(
                model,
                new TemplateSet(config.templateDirectory(), templateLoader).list("runtime/"),
                config.link().strict(),
                problems);
        problems.throwIfErrors("the configuration does not fit the input");
        return model;
    }
}
