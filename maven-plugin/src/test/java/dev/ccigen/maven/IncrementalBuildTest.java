package dev.ccigen.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.link.LinkOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generate goal's up-to-date logic on its own, without Maven: a first run generates and records; a second is up to
 * date; a generated file edited or deleted, a changed input or another configuration generates again; an input only
 * touched (same bytes) does not.
 */
class IncrementalBuildTest {
    @TempDir
    Path dir;

    private Path spec;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void project() throws IOException {
        spec = dir.resolve("src/main/ccigen/openapi-v2.json");
        Files.createDirectories(spec.getParent());
        Files.copy(Path.of(System.getProperty("ccigen.specs", "../specs"), "iam/openapi-v2.json"), spec);
    }

    private IncrementalBuild build(String basePackage) {
        GeneratorConfig config = new GeneratorConfig(
                spec, null, dir.resolve("target/generated-sources/ccigen"), null, LinkOptions.defaults(basePackage));
        return new IncrementalBuild(
                "default",
                new IncrementalBuild.Plugin("dev.ccigen:ccigen-maven-plugin:1", List.of()),
                new InputSpec(spec, "src/main/ccigen/openapi-v2.json", null),
                config,
                new IncrementalBuild.Folders(dir, dir.resolve("target"), dir, dir.resolve("target/ccigen")),
                new IncrementalBuild.Log() {
                    @Override
                    public void info(String line) {
                        log.add(line);
                    }

                    @Override
                    public boolean isDebugEnabled() {
                        return false;
                    }

                    @Override
                    public void debug(String line) {}
                });
    }

    /** Runs the build as the goal does; returns whether it generated. */
    private boolean run(String basePackage) throws IOException {
        IncrementalBuild build = build(basePackage);
        if (build.upToDate()) {
            return false;
        }
        build.generate(new Generator());
        return true;
    }

    @Test
    void generatesOnlyWhenSomethingItDependsOnChanged() throws IOException {
        assertTrue(run("com.example.iam"), "first run");
        assertTrue(Files.isRegularFile(dir.resolve("target/ccigen/default.checksum")));
        assertFalse(run("com.example.iam"), "nothing changed");

        Path client = dir.resolve("target/generated-sources/ccigen/com/example/iam/ApiClient.java");
        Files.writeString(client, "// edited\n", java.nio.file.StandardOpenOption.APPEND);
        assertTrue(run("com.example.iam"), "a generated file edited");
        assertEquals(
                List.of("ccigen: target/generated-sources/ccigen is not as the last run left it: generating again"),
                log);
        assertFalse(run("com.example.iam"));

        Files.delete(client);
        assertTrue(run("com.example.iam"), "a generated file deleted");
        assertTrue(Files.isRegularFile(client));

        Files.setLastModifiedTime(
                spec, FileTime.fromMillis(Files.getLastModifiedTime(spec).toMillis() + 60_000));
        assertFalse(run("com.example.iam"), "the document touched, its bytes the same");
        assertFalse(run("com.example.iam"), "and its new time recorded");

        Files.writeString(spec, Files.readString(spec).replace("\"title\"", "\"title\" "));
        assertTrue(run("com.example.iam"), "the document changed");
        assertTrue(run("com.example.other"), "another configuration");
        assertFalse(run("com.example.other"));
    }
}
