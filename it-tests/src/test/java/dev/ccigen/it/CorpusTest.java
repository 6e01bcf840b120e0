package dev.ccigen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.GenerationResult;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.link.LinkOptions;
import dev.ccigen.generator.problem.Problem;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published documents of {@code specs/corpus/}: each one generates a client with exactly the models and warnings
 * its README's table lists, and every client compiles (one javac run for all, as a build with several executions).
 * Prints how long generating and compiling took.
 */
class CorpusTest {
    private static final Path CORPUS = Path.of(System.getProperty("ccigen.specs", "../specs"), "corpus");
    /** A row of the table: | `document` | project | source | exercises | models | warnings |. */
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|.*\\| (\\d+) \\| (\\d+) \\|$");

    record Entry(String document, int models, int warnings) {}

    static List<Entry> table() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                entries.add(new Entry(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
            }
        }
        return entries;
    }

    @Test
    void everyDocumentGeneratesAsTheTableSaysAndCompiles() throws Exception {
        List<Entry> table = table();
        try (Stream<Path> files = Files.list(CORPUS)) {
            List<String> documents = files.map(f -> f.getFileName().toString())
                    .filter(n -> !n.equals("README.md"))
                    .sorted()
                    .toList();
            assertEquals(
                    documents,
                    table.stream().map(Entry::document).sorted().toList(),
                    "every document has a row, every row a document");
        }
        assertTrue(table.size() >= 15, "documents: " + table.size());

        Path out = Path.of("target", "corpus");
        List<String> mismatches = new ArrayList<>();
        List<Path> roots = new ArrayList<>();
        long start = System.nanoTime();
        int models = 0;
        for (Entry e : table) {
            String name = e.document()
                    .replaceAll("\\..*", "")
                    .replaceAll("[^A-Za-z0-9]", "")
                    .toLowerCase(Locale.ROOT);
            Path root = out.resolve(name);
            GenerationResult r = new Generator()
                    .generate(new GeneratorConfig(
                            CORPUS.resolve(e.document()), null, root, null, LinkOptions.defaults("corpus." + name)));
            long warnings = r.warnings().stream()
                    .filter(p -> p.severity() == Problem.Severity.WARNING)
                    .count();
            if (r.models() != e.models() || warnings != e.warnings()) {
                mismatches.add(e.document() + ": " + r.models() + " models, " + warnings + " warnings; the table says "
                        + e.models() + " and " + e.warnings() + "\n    "
                        + String.join(
                                "\n    ",
                                r.warnings().stream().map(Problem::toString).toList()));
            }
            models += r.models();
            roots.add(root);
        }
        long generated = System.nanoTime();
        assertEquals(List.of(), mismatches, "specs/corpus/README.md is out of date");

        Path classes = out.resolve("classes");
        TwoJavacRuns.Result compiled = TwoJavacRuns.compile(roots, classes);
        long done = System.nanoTime();
        assertEquals("", compiled.errors());
        System.out.printf(
                "corpus: %d documents, %d models: generated in %d ms, %d Java files compiled in %d ms%n",
                table.size(),
                models,
                (generated - start) / 1_000_000,
                compiled.sources(),
                (done - generated) / 1_000_000);
        assertTrue(new File(classes.toFile(), "corpus/kubevirt/ApiClient.class").exists());
        assertFalse(new File(classes.toFile(), "corpus/kubevirt/runtime").exists(), "the runtime is the library's");
    }
}
