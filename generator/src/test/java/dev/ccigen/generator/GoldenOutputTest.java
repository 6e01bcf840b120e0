package dev.ccigen.generator;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ccigen.generator.link.LinkOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The output of three real documents, byte for byte, against the records in {@code src/test/resources/golden/}: one
 * line {@code <sha256>  <main|test>/<path>} per generated file (the format of {@code sha256sum}), in path order. A
 * change of the engine that is meant to change no output keeps them; one that is meant to, rewrites them with
 * {@value #UPDATE_COMMAND} and the diff of the records says which files changed.
 */
class GoldenOutputTest {
    static final String UPDATE = "ccigen.golden.update";
    static final String UPDATE_COMMAND = "./mvnw -pl generator -am test -Dtest=GoldenOutputTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dccigen.golden.update=true";
    static final Path RECORDS = Path.of("src", "test", "resources", "golden");
    static final Path OUTPUT = Path.of("target", "golden");

    /** CCI with its listings and the test server, configured as it-tests/pom.xml's execution {@code cci}. */
    @Test
    void cci() throws IOException {
        Path cci = TestDocs.specs().resolve("cci");
        check(
                "cci",
                cci.resolve("openapi-v2.json"),
                cci.resolve("discovery"),
                new LinkOptions("dev.ccigen.it.cci", "CciClient", List.of(), List.of(), false, Map.of()),
                true);
    }

    /** IAM, a plain Swagger 2.0 document without listings, configured as it-tests/pom.xml's execution {@code iam}. */
    @Test
    void iam() throws IOException {
        check(
                "iam",
                TestDocs.specs().resolve("iam/openapi-v2.json"),
                null,
                new LinkOptions("dev.ccigen.it.iam", "IamClient", List.of(), List.of(), false, Map.of()),
                false);
    }

    /** Kubernetes 1.20 with its listings and the test server, as {@link GeneratedKubernetes} generates it. */
    @Test
    void kubernetes() throws IOException {
        check(
                "kubernetes-1.20",
                TestDocs.kubernetes(),
                TestDocs.kubernetesListings(),
                LinkOptions.defaults(GeneratedKubernetes.BASE),
                true);
    }

    private static void check(String name, Path document, Path listings, LinkOptions link, boolean testServer)
            throws IOException {
        Path root = OUTPUT.resolve(name);
        GeneratorConfig config = new GeneratorConfig(document, listings, root.resolve("main"), null, link);
        new Generator().generate(testServer ? config.withTestServer(root.resolve("test")) : config);
        Map<String, String> actual = digests(root);
        Path record = RECORDS.resolve(name + ".sha256");
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(RECORDS);
            Files.writeString(record, format(actual), StandardCharsets.UTF_8);
            return;
        }
        if (!Files.isRegularFile(record)) {
            fail("no record " + record + ": make it with " + UPDATE_COMMAND);
        }
        List<String> differences = differences(parse(Files.readAllLines(record, StandardCharsets.UTF_8)), actual);
        if (!differences.isEmpty()) {
            fail(differences.size() + " generated files of " + name + " differ from " + record + ":\n  "
                    + String.join("\n  ", differences.subList(0, Math.min(differences.size(), 40)))
                    + (differences.size() > 40 ? "\n  ..." : "")
                    + "\nIf the change of output is meant, rewrite the records with " + UPDATE_COMMAND
                    + " and commit them.");
        }
    }

    /** Every file under {@code root} by its path relative to it ({@code main/...}, {@code test/...}), in order. */
    static Map<String, String> digests(Path root) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                digests.put(root.relativize(file).toString().replace('\\', '/'), sha256(Files.readAllBytes(file)));
            }
        }
        return digests;
    }

    static String format(Map<String, String> digests) {
        StringBuilder b = new StringBuilder();
        digests.forEach(
                (path, digest) -> b.append(digest).append("  ").append(path).append('\n'));
        return b.toString();
    }

    static Map<String, String> parse(List<String> lines) {
        Map<String, String> digests = new TreeMap<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                int gap = line.indexOf("  ");
                digests.put(line.substring(gap + 2), line.substring(0, gap));
            }
        }
        return digests;
    }

    /** {@code changed: path}, {@code missing: path} (in the record, not generated), {@code extra: path}. */
    static List<String> differences(Map<String, String> expected, Map<String, String> actual) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(expected.keySet());
        paths.addAll(actual.keySet());
        for (String path : paths) {
            String was = expected.get(path);
            String is = actual.get(path);
            if (was == null) {
                differences.add("extra: " + path);
            } else if (is == null) {
                differences.add("missing: " + path);
            } else if (!was.equals(is)) {
                differences.add("changed: " + path);
            }
        }
        return differences;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
