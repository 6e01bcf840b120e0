package dev.ccigen.generator;

import dev.ccigen.generator.link.LinkOptions;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Generates (and, when asked, compiles and loads) a small document written in a test. */
public final class SmallSpec {
    public final Path dir;
    public final Path spec;
    public final Path out;
    public Path templates;
    public GenerationResult result;
    private boolean inlineRuntime;
    private String basePackage = "com.example";

    public SmallSpec(Path dir, String json) throws IOException {
        this.dir = dir;
        this.spec = dir.resolve("spec.json");
        this.out = dir.resolve("out");
        Files.writeString(spec, json);
    }

    /** Adds a user template (relative name, e.g. {@code model.java.mustache}). */
    public SmallSpec template(String name, String text) throws IOException {
        templates = dir.resolve("templates");
        Path file = templates.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return this;
    }

    /** Generates with {@code runtime=inline}: the runtime's sources into {@code com.example.runtime}. */
    public SmallSpec inline() {
        inlineRuntime = true;
        return this;
    }

    /** Generates into another base package than {@code com.example}. */
    public SmallSpec basePackage(String name) {
        basePackage = name;
        return this;
    }

    public GenerationResult generate() {
        result = new Generator()
                .generate(new GeneratorConfig(
                        spec,
                        null,
                        out,
                        templates,
                        new LinkOptions(
                                        basePackage,
                                        "ExampleClient",
                                        java.util.List.of(),
                                        java.util.List.of(),
                                        false,
                                        Map.of("vendor", "Example & Co"))
                                .withInlineRuntime(inlineRuntime)));
        return result;
    }

    public String read(String relative) throws IOException {
        return Files.readString(out.resolve(relative));
    }

    /** Compiles the output and returns a loader for it; fails the test with javac's errors. */
    public ClassLoader compile() throws IOException {
        Path classes = dir.resolve("classes");
        Compiler.Result r = Compiler.compile(out, classes);
        if (!r.success() || !r.warnings().isEmpty()) {
            throw new AssertionError("javac: " + r.errors() + " " + r.warnings());
        }
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, SmallSpec.class.getClassLoader());
    }
}
