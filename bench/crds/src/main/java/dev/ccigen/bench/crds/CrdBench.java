package dev.ccigen.bench.crds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.link.LinkOptions;
import io.fabric8.java.generator.Config;
import io.fabric8.java.generator.FileJavaGenerator;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * ccigen's CRD input and fabric8's java-generator (what {@code io.fabric8:java-generator-maven-plugin} runs, with the
 * plugin's defaults) on each folder of {@code specs/crds/}, in this one JVM: each folder's CRDs generated together,
 * {@code runs} times, the two alternating (the first run of each counts as cold, the median of the others as warm);
 * the output's files and lines; one javac run per folder and contender (a folder that fails is generated and compiled
 * again CRD by CRD, to count the CRDs that compile); every example object whose kind the folder's CRDs define read into
 * the contender's class and written back, compared with what was read (an explicit {@code null} counts as absent).
 *
 * <p>Usage: {@code CrdBench <specs/crds> <output folder> <runs>}; prints a Markdown table per measure.
 */
public final class CrdBench {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CONTENDERS = {"ccigen", "fabric8"};

    /** What one contender did with one folder. */
    static final class Outcome {
        final List<Long> nanos = new ArrayList<>();
        String generateError;
        int files;
        long lines;
        long modelLines;
        int compileErrors;
        String firstCompileError = "";
        int crdsGenerating;
        int crdsCompiling;
        int objects;
        final List<String> failures = new ArrayList<>();
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        List<Path> folders;
        try (Stream<Path> list = Files.list(corpus)) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        }
        double loadAtStart = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Map<String, Map<String, Outcome>> outcomes = new LinkedHashMap<>();
        for (Path folder : folders) {
            Map<String, Outcome> byContender = new LinkedHashMap<>();
            for (String c : CONTENDERS) {
                byContender.put(c, new Outcome());
            }
            outcomes.put(folder.getFileName().toString(), byContender);
        }
        // Generation: the folders in turn, every run of both contenders alternating who goes first.
        for (int run = 0; run < runs; run++) {
            for (Path folder : folders) {
                for (int i = 0; i < CONTENDERS.length; i++) {
                    String c = CONTENDERS[(i + run) % CONTENDERS.length];
                    Outcome o = outcomes.get(folder.getFileName().toString()).get(c);
                    Path target = out.resolve(c).resolve(folder.getFileName());
                    delete(target);
                    long start = System.nanoTime();
                    try {
                        generate(c, folder.resolve("crds"), target, packageName(folder));
                        o.nanos.add(System.nanoTime() - start);
                    } catch (Exception | StackOverflowError x) {
                        o.generateError = String.valueOf(x);
                    }
                }
            }
        }
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            List<Path> crdFiles = manifests(folder.resolve("crds"));
            for (String c : CONTENDERS) {
                Outcome o = outcomes.get(name).get(c);
                Path generated = out.resolve(c).resolve(name);
                Path classes = out.resolve(c + "-classes").resolve(name);
                for (Path f : sources(generated)) {
                    o.files++;
                    int n = Files.readAllLines(f).size();
                    o.lines += n;
                    // ccigen's model classes (its API classes, Kinds and client are beside them); fabric8 writes
                    // models only
                    o.modelLines += c.equals("fabric8") || generated.relativize(f).toString().contains("/model/")
                            ? n
                            : 0;
                }
                List<String> errors = o.generateError == null ? compile(generated, classes) : List.of("not generated");
                o.compileErrors = errors.size();
                o.firstCompileError = errors.isEmpty() ? "" : errors.get(0);
                if (o.generateError == null && errors.isEmpty()) {
                    o.crdsGenerating = crdFiles.size();
                    o.crdsCompiling = crdFiles.size();
                } else {
                    // one CRD at a time, each alone
                    for (Path crd : crdFiles) {
                        Path single = out.resolve(c + "-single").resolve(name).resolve(crd.getFileName().toString());
                        delete(single);
                        try {
                            generate(c, crd, single, packageName(folder));
                        } catch (Exception | StackOverflowError x) {
                            continue;
                        }
                        o.crdsGenerating++;
                        if (compile(single, single.resolveSibling(single.getFileName() + "-classes")).isEmpty()) {
                            o.crdsCompiling++;
                        }
                    }
                }
                roundTrips(c, folder, classes, o);
            }
        }
        System.out.printf(
                "%s vs %s; Java %s, %d cores, load average %.1f at the start, %.1f at"
                        + " the end%n%n",
                jar(Generator.class),
                jar(FileJavaGenerator.class),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                loadAtStart,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        print(outcomes, runs);
    }

    /** The file name of the jar {@code type} was loaded from (its version with it). */
    static String jar(Class<?> type) {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath())
                .getFileName()
                .toString();
    }

    static String packageName(Path folder) {
        return "crds." + folder.getFileName().toString().replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    static void generate(String contender, Path crds, Path target, String packageName) throws Exception {
        if (contender.equals("ccigen")) {
            new Generator()
                    .generate(new GeneratorConfig(null, null, target, null, LinkOptions.defaults(packageName))
                            .withCrds(crds));
        } else {
            // the plugin's defaults (no extra annotations, @Generated, enums as written)
            Files.createDirectories(target);
            new FileJavaGenerator(Config.builder().build(), crds.toFile()).run(target.toFile());
        }
    }

    /** The manifest files of {@code folder} that hold a CustomResourceDefinition. */
    static List<Path> manifests(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (documents(f).stream().anyMatch(d -> d.path("kind").asText().equals("CustomResourceDefinition"))) {
                    files.add(f);
                }
            }
        }
        return files;
    }

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            for (Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode d = it.next();
                if (d != null && d.isObject()) {
                    docs.add(d);
                }
            }
        }
        return docs;
    }

    static List<Path> sources(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** javac over every source below {@code root}, on this JVM's class path; the errors, one line each. */
    static List<String> compile(Path root, Path classes) throws IOException {
        delete(classes);
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<File> sources = sources(root).stream().map(Path::toFile).toList();
            if (sources.isEmpty()) {
                return List.of("no sources");
            }
            List<String> options = List.of(
                    "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none", "-nowarn",
                    "-Xmaxerrs", "100000", "-J-Xss8m");
            javac.getTask(
                            new StringWriter(),
                            files,
                            diagnostics,
                            options.stream().filter(o -> !o.startsWith("-J")).toList(),
                            null,
                            files.getJavaFileObjectsFromFiles(sources))
                    .call();
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                .map(d -> (d.getSource() == null ? "" : root.relativize(Path.of(d.getSource().toUri())) + ":"
                                + d.getLineNumber() + ": ")
                        + d.getMessage(Locale.ROOT).lines().findFirst().orElse(""))
                .toList();
    }

    /** Reads each example object of a kind the folder's CRDs define into the contender's class and writes it back. */
    static void roundTrips(String contender, Path folder, Path classes, Outcome o) throws Exception {
        Path examples = folder.resolve("examples");
        if (!Files.isDirectory(examples)) {
            return;
        }
        Map<String, String> kinds = new TreeMap<>(); // "group/version Kind" of every served version
        for (Path f : manifests(folder.resolve("crds"))) {
            for (JsonNode crd : documents(f)) {
                JsonNode spec = crd.path("spec");
                List<JsonNode> versions = new ArrayList<>();
                spec.path("versions").forEach(versions::add);
                if (versions.isEmpty()) {
                    versions.add(JSON.createObjectNode().put("name", spec.path("version").asText()));
                }
                for (JsonNode v : versions) {
                    kinds.put(spec.path("group").asText() + "/" + v.path("name").asText() + " "
                            + spec.path("names").path("kind").asText(), "");
                }
            }
        }
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, CrdBench.class.getClassLoader())) {
            Map<String, Class<?>> fabric8Classes =
                    contender.equals("fabric8") ? fabric8Kinds(classes, loader) : Map.of();
            KubernetesSerialization fabric8 = new KubernetesSerialization();
            for (Path f : yamlFiles(examples)) {
                for (JsonNode doc : documents(f)) {
                    String key = doc.path("apiVersion").asText() + " " + doc.path("kind").asText();
                    if (!kinds.containsKey(key)) {
                        continue;
                    }
                    o.objects++;
                    String what = key + " " + doc.path("metadata").path("name").asText();
                    try {
                        String written;
                        if (contender.equals("ccigen")) {
                            Class<?> k = loader.loadClass(packageName(folder) + ".Kinds");
                            Method decode = k.getMethod("decode", JsonNode.class);
                            written = dev.ccigen.runtime.Json.mapper().writeValueAsString(decode.invoke(null, doc));
                        } else {
                            Class<?> type = fabric8Classes.get(key);
                            if (type == null) {
                                o.failures.add(what + ": no class");
                                continue;
                            }
                            written = fabric8.asJson(fabric8.unmarshal(JSON.writeValueAsString(doc), type));
                        }
                        JsonNode expected = withoutNulls(doc);
                        JsonNode actual = JSON.readTree(written);
                        if (!expected.equals(actual)) {
                            o.failures.add(what + ": " + firstDifference(expected, actual, ""));
                        }
                    } catch (Exception | LinkageError x) {
                        Throwable cause = x;
                        while (cause.getCause() != null) {
                            cause = cause.getCause();
                        }
                        o.failures.add(what + ": " + cause.toString().lines().findFirst().orElse(""));
                    }
                }
            }
        }
    }

    static List<Path> yamlFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** fabric8's custom resource classes below {@code classes}, by "group/version Kind". */
    static Map<String, Class<?>> fabric8Kinds(Path classes, ClassLoader loader) throws IOException {
        Map<String, Class<?>> byKind = new TreeMap<>();
        if (!Files.isDirectory(classes)) {
            return byKind;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$")).toList();
        }
        for (Path p : files) {
            String name = classes.relativize(p).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
            try {
                Class<?> type = loader.loadClass(name);
                Group group = type.getAnnotation(Group.class);
                Version version = type.getAnnotation(Version.class);
                if (group != null && version != null) {
                    Kind kind = type.getAnnotation(Kind.class);
                    byKind.put(
                            group.value() + "/" + version.value() + " "
                                    + (kind != null ? kind.value() : type.getSimpleName()),
                            type);
                }
            } catch (ClassNotFoundException | LinkageError x) {
                // a class that does not load is not a kind we can use
            }
        }
        return byKind;
    }

    /** The tree without fields whose value is null: Kubernetes reads them as absent. */
    static JsonNode withoutNulls(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> nulls = new ArrayList<>();
            object.properties().forEach(e -> {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                } else {
                    strip(e.getValue());
                }
            });
            object.remove(nulls);
        } else if (node.isArray()) {
            node.forEach(CrdBench::strip);
        }
    }

    /** The first place two trees differ: a path and what became of it. */
    static String firstDifference(JsonNode expected, JsonNode actual, String path) {
        if (expected.isObject() && actual.isObject()) {
            Iterator<String> names = expected.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!actual.has(n)) {
                    return path + "/" + n + " lost";
                }
                if (!expected.get(n).equals(actual.get(n))) {
                    return firstDifference(expected.get(n), actual.get(n), path + "/" + n);
                }
            }
            Iterator<String> added = actual.fieldNames();
            while (added.hasNext()) {
                String n = added.next();
                if (!expected.has(n)) {
                    return path + "/" + n + " added (" + abbreviate(actual.get(n)) + ")";
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                if (!expected.get(i).equals(actual.get(i))) {
                    return firstDifference(expected.get(i), actual.get(i), path + "/" + i);
                }
            }
        }
        return path + ": " + abbreviate(expected) + " became " + abbreviate(actual);
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The median of the runs after the first (the first when there is only one). */
    static long warm(Outcome o) {
        return o.nanos.isEmpty() ? 0 : median(o.nanos.subList(o.nanos.size() > 1 ? 1 : 0, o.nanos.size()));
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    static void print(Map<String, Map<String, Outcome>> outcomes, int runs) {
        System.out.println("| folder | CRDs | CRDs generating+compiling (ccigen / fabric8) | first run ms | warm ms"
                + " (median of " + (runs - 1) + ") | warm ratio | files | lines: ccigen (its models) / fabric8"
                + " | model lines ratio | objects | round-trip failures |");
        System.out.println("|---|---:|---|---|---|---:|---|---|---:|---:|---|");
        long[] cold = new long[2];
        long[] warm = new long[2];
        long[] lines = new long[2];
        long[] modelLines = new long[2];
        int[] files = new int[2];
        int[] generating = new int[2];
        int[] compiling = new int[2];
        int[] failures = new int[2];
        int crds = 0;
        int objects = 0;
        for (var e : outcomes.entrySet()) {
            Outcome a = e.getValue().get("ccigen");
            Outcome b = e.getValue().get("fabric8");
            Outcome[] both = {a, b};
            int n = Math.max(a.crdsGenerating, b.crdsGenerating);
            for (int i = 0; i < 2; i++) {
                Outcome o = both[i];
                if (!a.nanos.isEmpty() && !b.nanos.isEmpty()) { // times of the folders both generate
                    cold[i] += o.nanos.get(0);
                    warm[i] += warm(o);
                }
                lines[i] += o.lines;
                modelLines[i] += o.modelLines;
                files[i] += o.files;
                generating[i] += o.crdsGenerating;
                compiling[i] += o.crdsCompiling;
                failures[i] += o.failures.size();
            }
            crds += n;
            objects += a.objects;
            System.out.printf(
                    "| `%s` | %d | %d+%d / %d+%d | %d / %d | %d / %d | %.2f | %d / %d | %d (%d) / %d | %.2f | %d | %d / %d |%n",
                    e.getKey(),
                    n,
                    a.crdsGenerating,
                    a.crdsCompiling,
                    b.crdsGenerating,
                    b.crdsCompiling,
                    a.nanos.isEmpty() ? 0 : a.nanos.get(0) / 1_000_000,
                    b.nanos.isEmpty() ? 0 : b.nanos.get(0) / 1_000_000,
                    warm(a) / 1_000_000,
                    warm(b) / 1_000_000,
                    ratio(warm(a), warm(b)),
                    a.files,
                    b.files,
                    a.lines,
                    a.modelLines,
                    b.lines,
                    ratio(a.modelLines, b.lines),
                    a.objects,
                    a.failures.size(),
                    b.failures.size());
        }
        System.out.printf(
                "| all | %d | %d+%d / %d+%d | %d / %d | %d / %d | %.2f | %d / %d | %d (%d) / %d | %.2f | %d | %d / %d |%n",
                crds,
                generating[0],
                compiling[0],
                generating[1],
                compiling[1],
                cold[0] / 1_000_000,
                cold[1] / 1_000_000,
                warm[0] / 1_000_000,
                warm[1] / 1_000_000,
                ratio(warm[0], warm[1]),
                files[0],
                files[1],
                lines[0],
                modelLines[0],
                lines[1],
                ratio(modelLines[0], lines[1]),
                objects,
                failures[0],
                failures[1]);
        System.out.println();
        System.out.println("Times of `all`: the folders both contenders generate.");
        System.out.println();
        for (var e : outcomes.entrySet()) {
            for (String c : CONTENDERS) {
                Outcome o = e.getValue().get(c);
                if (o.generateError != null) {
                    System.out.println("- " + e.getKey() + ", " + c + ": generation failed: " + o.generateError);
                }
                if (o.compileErrors > 0 && o.generateError == null) {
                    System.out.println("- " + e.getKey() + ", " + c + ": " + o.compileErrors + " javac errors, first: "
                            + o.firstCompileError);
                }
                for (String f : o.failures) {
                    System.out.println("- " + e.getKey() + ", " + c + ": " + f);
                }
            }
        }
    }

    static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
