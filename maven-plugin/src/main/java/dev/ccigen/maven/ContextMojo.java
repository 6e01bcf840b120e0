package dev.ccigen.maven;

import dev.ccigen.generator.GenerationException;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.Problems;
import dev.ccigen.generator.link.ApiModel;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the exact data each template receives, as JSON: one file per template kind ({@code model.json},
 * {@code client.json}, {@code groupVersion.json}, {@code resource.json}, {@code operations.json},
 * {@code runtime.json}) and an {@code index.json} saying which template receives which scopes. Read it before
 * overriding a template. Not bound to a phase: run {@code mvn ccigen:context}.
 */
@Mojo(name = "context", threadSafe = true)
public class ContextMojo extends AbstractCcigenMojo {

    /** Where the JSON files go. */
    @Parameter(property = "ccigen.contextDirectory", defaultValue = "${project.build.directory}/ccigen-context")
    private File contextDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("ccigen: skipped (ccigen.skip)");
            return;
        }
        InputSpec spec = resolveInputSpec();
        ApiModel model;
        try {
            model = new Generator(ContextMojo.class.getClassLoader()).model(config(spec.file()), new Problems());
        } catch (GenerationException e) {
            throw new MojoFailureException("ccigen: " + e.getMessage());
        }
        try {
            int files = new ContextWriter().write(model, contextDirectory.toPath());
            getLog().info("ccigen: wrote the template context of " + spec.label() + " (" + files + " files) to "
                    + contextDirectory);
        } catch (IOException e) {
            throw new MojoExecutionException("ccigen: cannot write " + contextDirectory + ": " + e.getMessage(), e);
        }
    }
}
