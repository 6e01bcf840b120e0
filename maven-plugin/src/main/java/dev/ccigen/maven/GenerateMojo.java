package dev.ccigen.maven;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Generates a Java client from an OpenAPI v2 document and its API-groups listings. */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {
    @Override
    public void execute() {
        getLog().info("ccigen: not yet wired");
    }
}
