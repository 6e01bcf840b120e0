package dev.ccigen.maven;

import dev.ccigen.generator.Generator;
import dev.ccigen.generator.link.ApiModel;
import dev.ccigen.generator.problem.GenerationException;
import dev.ccigen.generator.problem.Problems;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.lifecycle.MojoExecutionConfigurator;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MavenPluginManager;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.PluginConfigurationException;
import org.apache.maven.plugin.PluginContainerException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Writes the exact data each template receives, as JSON: one file per template kind ({@code model.json},
 * {@code client.json}, {@code groupVersion.json}, {@code resource.json}, {@code operations.json},
 * {@code runtime.json}) and an {@code index.json} saying which template receives which scopes. Read it before
 * overriding a template. Not bound to a phase: run {@code mvn ccigen:context}. Run that way in a project whose POM has
 * executions of {@code generate}, it writes the context of each of them, with that execution's configuration, into a
 * folder named after the execution's id ({@code target/ccigen-context/cci/} for the execution {@code cci});
 * otherwise (no such execution, or {@code context} bound to a phase itself) it uses its own configuration and writes
 * into {@code contextDirectory} itself.
 */
@Mojo(name = "context", threadSafe = true)
public class ContextMojo extends AbstractCcigenMojo {
    private static final String GENERATE = "generate";

    /** Where the JSON files go (one folder per execution of {@code generate}, see above). */
    @Parameter(property = "ccigen.contextDirectory", defaultValue = "${project.build.directory}/ccigen-context")
    private File contextDirectory;

    @Component
    private MavenPluginManager pluginManager;

    @Component
    private MojoExecutionConfigurator configurator;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        List<String> executions =
                mojoExecution.getSource() == MojoExecution.Source.CLI ? generateExecutions() : List.of();
        if (executions.isEmpty()) {
            write(contextDirectory.toPath());
            return;
        }
        for (String id : executions) {
            MojoExecution execution = configuredAs(id);
            ContextMojo configured = configured(execution);
            try {
                configured.write(contextDirectory.toPath().resolve(id));
            } finally {
                pluginManager.releaseMojo(configured, execution);
            }
        }
    }

    /** Writes the context of this mojo's configuration into {@code folder}. */
    private void write(Path folder) throws MojoExecutionException, MojoFailureException {
        String execution = "execution " + mojoExecution.getExecutionId();
        if (skip) {
            getLog().info("ccigen: skipped (ccigen.skip), " + execution);
            return;
        }
        InputSpec spec = resolveInputSpec();
        ApiModel model;
        try {
            model = new Generator(ContextMojo.class.getClassLoader()).model(config(spec.file()), new Problems());
        } catch (GenerationException e) {
            throw new MojoFailureException("ccigen: " + execution + ": " + e.getMessage());
        }
        try {
            int files = new ContextWriter().write(model, folder);
            String of = spec.present() ? spec.label() : "the CRDs of " + crdDirectory;
            getLog().info("ccigen: wrote the template context of " + of + " (" + execution + ", " + files
                    + " files) to " + folder);
        } catch (IOException e) {
            throw new MojoExecutionException("ccigen: cannot write " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The ids of this plugin's executions of {@code generate} in the project's POM, in POM order. */
    private List<String> generateExecutions() {
        List<String> ids = new ArrayList<>();
        Plugin plugin = project.getPlugin(
                mojoExecution.getMojoDescriptor().getPluginDescriptor().getPluginLookupKey());
        if (plugin != null) {
            for (PluginExecution e : plugin.getExecutions()) {
                if (e.getGoals().contains(GENERATE)) {
                    ids.add(e.getId());
                }
            }
        }
        return ids;
    }

    /**
     * This goal, configured as Maven configures the POM's execution {@code id}: its {@code <configuration>} (the
     * plugin-level one merged in), then each parameter's property and default.
     */
    private MojoExecution configuredAs(String id) {
        MojoDescriptor descriptor = mojoExecution.getMojoDescriptor();
        MojoExecution execution = new MojoExecution(descriptor, id, MojoExecution.Source.LIFECYCLE);
        configurator.configure(project, execution, true);
        Xpp3Dom given =
                execution.getConfiguration() != null ? execution.getConfiguration() : new Xpp3Dom("configuration");
        Xpp3Dom result = new Xpp3Dom("configuration");
        PlexusConfiguration defaults = descriptor.getMojoConfiguration();
        for (org.apache.maven.plugin.descriptor.Parameter p : descriptor.getParameters()) {
            Xpp3Dom value = given.getChild(p.getName());
            PlexusConfiguration d = defaults.getChild(p.getName(), false);
            Xpp3Dom fallback = null;
            if (d != null && (d.getValue(null) != null || d.getAttribute("default-value", null) != null)) {
                fallback = new Xpp3Dom(p.getName());
                fallback.setValue(d.getValue(null));
                if (d.getAttribute("default-value", null) != null) {
                    fallback.setAttribute("default-value", d.getAttribute("default-value", null));
                }
            }
            Xpp3Dom merged = Xpp3Dom.mergeXpp3Dom(value == null ? null : new Xpp3Dom(value), fallback, Boolean.TRUE);
            if (merged != null) {
                result.addChild(new Xpp3Dom(merged, p.getName()));
            }
        }
        execution.setConfiguration(result);
        return execution;
    }

    private ContextMojo configured(MojoExecution execution) throws MojoExecutionException {
        try {
            org.apache.maven.plugin.Mojo mojo =
                    pluginManager.getConfiguredMojo(org.apache.maven.plugin.Mojo.class, session, execution);
            mojo.setLog(getLog());
            return (ContextMojo) mojo;
        } catch (PluginConfigurationException | PluginContainerException e) {
            throw new MojoExecutionException(
                    "ccigen: cannot configure the context of execution " + execution.getExecutionId() + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
