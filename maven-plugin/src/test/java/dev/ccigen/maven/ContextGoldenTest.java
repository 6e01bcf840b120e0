package dev.ccigen.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.link.LinkOptions;
import dev.ccigen.generator.problem.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What {@code ccigen:context} writes for the CCI and IAM documents (configured as it-tests/pom.xml's executions), byte
 * for byte, against the records in {@code src/test/resources/golden/}: one line {@code <sha256>  <file>} per JSON file
 * (the format of {@code sha256sum}). The template context is a contract with users' templates: a change that is meant
 * to change it rewrites the records with {@value #UPDATE_COMMAND}.
 */
class ContextGoldenTest {
    static final String UPDATE_COMMAND = "./mvnw -pl maven-plugin -am test -Dtest=ContextGoldenTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dccigen.golden.update=true";
    static final Path SPECS = Path.of(System.getProperty("ccigen.specs", "../specs"));

    @Test
    void cci() throws IOException {
        check(
                "cci",
                SPECS.resolve("cci/openapi-v2.json"),
                SPECS.resolve("cci/discovery"),
                "dev.ccigen.it.cci",
                "CciClient");
    }

    @Test
    void iam() throws IOException {
        check("iam", SPECS.resolve("iam/openapi-v2.json"), null, "dev.ccigen.it.iam", "IamClient");
    }

    private static void check(String name, Path document, Path listings, String basePackage, String clientName)
            throws IOException {
        Path folder = Path.of("target", "golden-context", name);
        LinkOptions link = new LinkOptions(basePackage, clientName, List.of(), List.of(), false, Map.of());
        GeneratorConfig config = new GeneratorConfig(document, listings, folder.resolve("unused"), null, link);
        new ContextWriter().write(new Generator().model(config, new Problems()), folder);
        StringBuilder actual = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                actual.append(sha256(Files.readAllBytes(file)))
                        .append("  ")
                        .append(file.getFileName())
                        .append('\n');
            }
        }
        Path record = Path.of("src", "test", "resources", "golden", name + "-context.sha256");
        if (Boolean.getBoolean("ccigen.golden.update")) {
            Files.createDirectories(record.getParent());
            Files.writeString(record, actual, StandardCharsets.UTF_8);
        }
        String expected = Files.isRegularFile(record) ? Files.readString(record, StandardCharsets.UTF_8) : "";
        assertEquals(
                expected,
                actual.toString(),
                "the template context of " + name + " (" + folder + ") differs from " + record
                        + "; if that is meant, rewrite the records with " + UPDATE_COMMAND + " and commit them");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
