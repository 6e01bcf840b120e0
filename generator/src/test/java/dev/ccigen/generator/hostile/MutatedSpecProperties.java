package dev.ccigen.generator.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.TestDocs;
import dev.ccigen.generator.link.ApiModel;
import dev.ccigen.generator.link.LinkOptions;
import dev.ccigen.generator.problem.GenerationException;
import dev.ccigen.generator.problem.Problems;
import dev.ccigen.generator.render.Renderer;
import dev.ccigen.generator.render.TemplateSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Mutates a real document (the Kubernetes definitions a Service and a ConfigMap reach, with their paths) and
 * checks the generator's promise on every mutant: either every file renders and parses as Java, or a
 * {@link GenerationException} whose message says where the problem is. Nothing else: no other exception,
 * no invalid Java from the default templates, no hang.
 */
class MutatedSpecProperties {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> NASTY = List.of(
            "class",
            "default",
            "*/",
            "\\u000a",
            "<script>",
            "{{x}}",
            "}}",
            "",
            " ",
            "2x",
            "a$b",
            "日本",
            "apiVersion",
            "APIVERSION",
            "get",
            "hashCode",
            "../x",
            "a/b",
            "~",
            "#",
            "x-kubernetes-int-or-string",
            "java.lang",
            "null",
            "\"",
            "\\",
            "\n",
            "Builder",
            "List",
            "String");
    private static ObjectNode seed;
    private static Path dir;

    @BeforeContainer
    static void seed() throws IOException {
        JsonNode k8s;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(TestDocs.kubernetes()))) {
            k8s = MAPPER.readTree(in);
        }
        Set<String> keep = reachable(
                k8s,
                List.of(
                        "io.k8s.api.core.v1.Service",
                        "io.k8s.api.core.v1.ConfigMap",
                        "io.k8s.api.core.v1.ServiceList"));
        ObjectNode doc = MAPPER.createObjectNode().put("swagger", "2.0");
        ObjectNode defs = doc.putObject("definitions");
        keep.forEach(name -> defs.set(name, k8s.path("definitions").path(name)));
        ObjectNode paths = doc.putObject("paths");
        k8s.path("paths").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("/api/v1/namespaces/{namespace}/services")) {
                paths.set(e.getKey(), e.getValue());
            }
        });
        doc.set("parameters", k8s.path("parameters"));
        seed = doc;
        dir = Files.createTempDirectory("ccigen-mutants");
    }

    /** One mutation: what to do, where (an index into the document's objects), with which text. */
    record Mutation(int kind, int where, String text) {}

    @Provide
    Arbitrary<Mutation> mutations() {
        Arbitrary<String> text =
                Arbitraries.oneOf(Arbitraries.of(NASTY), Arbitraries.strings().ofMaxLength(12));
        return Combinators.combine(
                        Arbitraries.integers().between(0, 9),
                        Arbitraries.integers().between(0, 100_000),
                        text)
                .as(Mutation::new);
    }

    @Property(tries = 2000, seed = "20261127")
    void generatesParsableJavaOrSaysWhere(
            @ForAll @Size(min = 1, max = 4) List<@net.jqwik.api.From("mutations") Mutation> mutations)
            throws IOException {
        ObjectNode doc = seed.deepCopy();
        for (Mutation m : mutations) {
            apply(doc, m);
        }
        Path spec = Files.createTempFile(dir, "mutant", ".json");
        MAPPER.writeValue(spec.toFile(), doc);
        try {
            GeneratorConfig config = new GeneratorConfig(
                    spec, null, dir.resolve("unused"), null, LinkOptions.defaults("com.example"), true);
            ApiModel model = new Generator().model(config, new Problems());
            new Renderer(new TemplateSet(null, getClass().getClassLoader()), true).render(model);
        } catch (GenerationException e) {
            boolean located = e.problems().stream().anyMatch(p -> p.line() > 0 || p.pointer() != null)
                    || e.getMessage().contains(spec.getFileName().toString());
            if (!located || e.getMessage().contains("rendered invalid Java")) {
                throw new AssertionError("mutations " + mutations + " gave: " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(spec);
        }
    }

    /** Applies one mutation to the {@code where}-th object of the document (in document order). */
    private static void apply(ObjectNode doc, Mutation m) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(doc.path("definitions"), objects);
        ObjectNode target = objects.get(m.where() % objects.size());
        List<String> keys = new ArrayList<>();
        target.fieldNames().forEachRemaining(keys::add);
        String key = keys.isEmpty() ? "x" : keys.get(m.where() % keys.size());
        switch (m.kind()) {
            case 0 -> { // rename a key (a property, a definition, a schema keyword)
                JsonNode v = target.remove(key);
                target.set(m.text(), v);
            }
            case 1 -> target.put("type", m.text());
            case 2 -> target.put("description", m.text() + "*/" + m.text());
            case 3 -> target.set(key, new TextNode(m.text())); // a string where an object may belong
            case 4 ->
                target.putArray("enum")
                        .add(m.text())
                        .add(m.text().toUpperCase())
                        .add(m.text().toLowerCase());
            case 5 -> target.put("$ref", "#/definitions/" + m.text());
            case 6 -> target.putObject("properties").putObject(m.text()).put("type", "string");
            case 7 -> target.remove(key);
            case 8 ->
                target.put(
                        "format",
                        List.of("int-or-string", "date-time", "byte", "int32", "int64", m.text())
                                .get(m.where() % 6));
            default ->
                target.putObject("additionalProperties")
                        .put(
                                "$ref",
                                "#/definitions/"
                                        + doc.path("definitions").fieldNames().next());
        }
    }

    private static void collect(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode o) {
            into.add(o);
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collect(child, into));
        }
    }

    private static Set<String> reachable(JsonNode doc, List<String> roots) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (seen.add(name)) {
                refs(doc.path("definitions").path(name), todo);
            }
        }
        return seen;
    }

    private static void refs(JsonNode node, Deque<String> into) {
        if (node.has("$ref")) {
            into.add(node.get("$ref").asText().substring("#/definitions/".length()));
        }
        if (node.isContainerNode()) {
            node.forEach(child -> refs(child, into));
        }
    }
}
