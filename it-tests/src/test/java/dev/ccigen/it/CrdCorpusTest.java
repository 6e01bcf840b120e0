package dev.ccigen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ccigen.generator.GenerationResult;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.link.LinkOptions;
import dev.ccigen.generator.problem.Problem;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CustomResourceDefinitions of {@code specs/crds/}: each project's CRDs generate one client with exactly the CRDs,
 * models and warnings its README's table lists, every client compiles (two javac runs for all), and every object of
 * the project's own example manifests whose kind the client has decodes ({@code Kinds.decode}) and is written back
 * exactly as it was read (an explicit {@code null} field counts as absent, as it does for Kubernetes). Prints how long
 * generating, compiling and the round trips took.
 */
class CrdCorpusTest {
    private static final Path CORPUS = Path.of(System.getProperty("ccigen.specs", "../specs"), "crds");
    /** A row of the table: | `folder` | project | sources | CRDs | models | warnings | objects |. */
    private static final Pattern ROW =
            Pattern.compile("^\\| `([^`]+)` \\|.*\\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\|$");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    record Entry(String folder, int crds, int models, int warnings, int objects) {
        String packageName() {
            return "crds." + folder.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        }
    }

    static List<Entry> table() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                entries.add(new Entry(
                        m.group(1),
                        Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5))));
            }
        }
        return entries;
    }

    @Test
    void everyProjectGeneratesCompilesAndRoundTripsItsExamples() throws Exception {
        List<Entry> table = table();
        try (Stream<Path> folders = Files.list(CORPUS)) {
            assertEquals(
                    folders.filter(Files::isDirectory)
                            .map(f -> f.getFileName().toString())
                            .sorted()
                            .toList(),
                    table.stream().map(Entry::folder).sorted().toList(),
                    "every folder has a row, every row a folder");
        }
        Path out = Path.of("target", "crd-corpus");
        List<String> mismatches = new ArrayList<>();
        long start = System.nanoTime();
        int models = 0;
        int crds = 0;
        for (Entry e : table) {
            GenerationResult r = new Generator()
                    .generate(new GeneratorConfig(
                                    null, null, out.resolve(e.folder()), null, LinkOptions.defaults(e.packageName()))
                            .withCrds(CORPUS.resolve(e.folder()).resolve("crds")));
            List<Problem> warnings = r.warnings().stream()
                    .filter(p -> p.severity() == Problem.Severity.WARNING)
                    .toList();
            int defined = definitions(CORPUS.resolve(e.folder()).resolve("crds"));
            if (r.models() != e.models() || warnings.size() != e.warnings() || defined != e.crds()) {
                mismatches.add(e.folder() + ": " + defined + " CRDs, " + r.models() + " models, " + warnings.size()
                        + " warnings; the table says " + e.crds() + ", " + e.models() + " and " + e.warnings()
                        + "\n    "
                        + String.join(
                                "\n    ",
                                warnings.stream().map(Problem::toString).toList()));
            }
            models += r.models();
            crds += defined;
        }
        long generated = System.nanoTime();
        assertEquals(List.of(), mismatches, "specs/crds/README.md is out of date");

        Path classes = out.resolve("classes");
        assertEquals(
                "",
                TwoJavacRuns.compile(
                                table.stream().map(e -> out.resolve(e.folder())).toList(), classes)
                        .errors());
        long compiled = System.nanoTime();

        int objects = 0;
        List<String> failures = new ArrayList<>();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, CrdCorpusTest.class.getClassLoader())) {
            for (Entry e : table) {
                int decoded = roundTrips(e, loader, failures);
                if (decoded != e.objects()) {
                    mismatches.add(e.folder() + ": " + decoded + " objects of its examples decoded; the table says "
                            + e.objects());
                }
                objects += decoded;
            }
        }
        long done = System.nanoTime();
        assertEquals(List.of(), failures, "objects that do not read and write back as they were");
        assertEquals(List.of(), mismatches, "specs/crds/README.md is out of date");
        assertTrue(crds >= 25 && table.size() >= 8, crds + " CRDs in " + table.size() + " folders");
        System.out.printf(
                "crd corpus: %d CRDs in %d folders, %d models: generated in %d ms, compiled in %d ms;"
                        + " %d example objects read and written back in %d ms%n",
                crds,
                table.size(),
                models,
                (generated - start) / 1_000_000,
                (compiled - generated) / 1_000_000,
                objects,
                (done - compiled) / 1_000_000);
    }

    /** How many CustomResourceDefinitions the manifests of {@code folder} hold. */
    private static int definitions(Path folder) throws IOException {
        int count = 0;
        for (JsonNode doc : documents(folder)) {
            count += doc.path("kind").asText().equals("CustomResourceDefinition") ? 1 : 0;
        }
        return count;
    }

    /** Every document of every manifest of {@code folder}, in file order. */
    static List<JsonNode> documents(Path folder) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            try (var parser = YAML.getFactory().createParser(file.toFile())) {
                Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
                while (it.hasNext()) {
                    JsonNode doc = it.next();
                    if (doc != null && doc.isObject()) {
                        documents.add(doc);
                    }
                }
            }
        }
        return documents;
    }

    /**
     * Decodes each example object whose kind the project's client has and writes it back; returns how many were;
     * adds to {@code failures} each one that does not come back as it was.
     */
    private static int roundTrips(Entry e, ClassLoader loader, List<String> failures) throws Exception {
        Path examples = CORPUS.resolve(e.folder()).resolve("examples");
        if (!Files.isDirectory(examples)) {
            return 0;
        }
        Class<?> kinds = loader.loadClass(e.packageName() + ".Kinds");
        Method classFor = kinds.getMethod("classFor", String.class, String.class);
        Method decode = kinds.getMethod("decode", JsonNode.class);
        ObjectMapper mapper = dev.ccigen.runtime.Json.mapper();
        int decoded = 0;
        for (JsonNode doc : documents(examples)) {
            String apiVersion = doc.path("apiVersion").asText();
            String kind = doc.path("kind").asText();
            if (((Optional<?>) classFor.invoke(null, apiVersion, kind)).isEmpty()) {
                continue; // a Service, a Deployment, a kind of a CRD the corpus leaves out
            }
            String what = e.folder() + " " + apiVersion + " " + kind + " "
                    + doc.path("metadata").path("name").asText();
            try {
                Object object = decode.invoke(null, doc);
                if (object instanceof JsonNode) {
                    failures.add(what + ": decoded as JSON, not as its class");
                }
                JsonNode written = JSON.readTree(mapper.writeValueAsString(object));
                JsonNode expected = withoutNulls(doc);
                if (!expected.equals(written)) {
                    failures.add(what + ": " + difference(expected, written, ""));
                }
            } catch (java.lang.reflect.InvocationTargetException x) {
                failures.add(what + ": " + x.getCause());
            }
            decoded++;
        }
        return decoded;
    }

    /** {@code node} without the fields whose value is null (Kubernetes reads them as absent); nulls in lists stay. */
    static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.properties().forEach(f -> {
                if (!f.getValue().isNull()) {
                    copy.set(f.getKey(), withoutNulls(f.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(withoutNulls(item)));
            return copy;
        }
        return node;
    }

    /** Where two trees first differ, and how. */
    static String difference(JsonNode expected, JsonNode actual, String at) {
        if (expected.isObject() && actual.isObject()) {
            for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!actual.has(name)) {
                    return at + "/" + name + " is lost";
                }
                if (!expected.get(name).equals(actual.get(name))) {
                    return difference(expected.get(name), actual.get(name), at + "/" + name);
                }
            }
            for (Iterator<String> names = actual.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!expected.has(name)) {
                    return at + "/" + name + " is added: " + actual.get(name);
                }
            }
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                if (!expected.get(i).equals(actual.get(i))) {
                    return difference(expected.get(i), actual.get(i), at + "/" + i);
                }
            }
        }
        return at + ": " + expected + " became " + actual;
    }
}
