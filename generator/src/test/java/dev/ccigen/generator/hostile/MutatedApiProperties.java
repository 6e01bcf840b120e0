package dev.ccigen.generator.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Beyond {@code definitions}: mutates every text of a small Kubernetes-flavoured API and its listings — path keys,
 * tags, operationIds, parameter and header names, group-version-kinds, the listings' names, kinds and group-version,
 * the title and the base path — generates as a plugin run does (no JavaParser), and compiles what was generated with
 * javac. Each mutant either compiles or is refused with its place and nothing written; never "generated, then javac
 * fails". The seed is fixed, so a failure replays.
 */
class MutatedApiProperties {
    private static final List<String> NASTY = List.of(
            "*/",
            "/*",
            "\"",
            "\\",
            "\\u000a",
            "\\u002a/",
            "\n",
            "{",
            "}",
            "{{x}}",
            "<b>",
            "&amp;",
            "@see",
            "@",
            "class",
            "2x",
            " ",
            "",
            "..",
            "../x",
            "a/b",
            "~1",
            "#",
            "日本",
            "$",
            "null",
            "List",
            "String",
            "Transport",
            "%2F",
            "?x=1",
            "\t");

    /** One mutation: which text (an index into the texts of both documents), how, with what. */
    record Mutation(int slot, int how, String text) {}

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 100_000),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.of(NASTY))
                .as(Mutation::new);
    }

    @Property(tries = 40, seed = "20261202")
    void compilesOrIsRefusedWithItsPlace(
            @ForAll @Size(min = 1, max = 3) List<@net.jqwik.api.From("mutations") Mutation> mutations)
            throws IOException {
        SmallKubernetesApi seed = new SmallKubernetesApi();
        SmallKubernetesApi api = new SmallKubernetesApi(seed.document.deepCopy(), seed.listing.deepCopy());
        for (Mutation m : mutations) {
            List<Slot> slots = new ArrayList<>();
            collect(api.document, slots);
            collect(api.listing, slots);
            slots.get(m.slot() % slots.size()).change(m);
        }
        Path dir = Files.createTempDirectory("ccigen-api-mutants");
        try {
            api.check(dir, "mutations " + mutations);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** A text of a document: an object's key, or a text value in an object or a list. */
    private record Slot(JsonNode parent, String field, int index, boolean key) {
        void change(Mutation m) {
            String old = key || index < 0
                    ? (key ? field : parent.get(field).asText())
                    : parent.get(index).asText();
            String text = switch (m.how()) {
                case 0 -> m.text();
                case 1 -> old + m.text();
                default -> old.substring(0, old.length() / 2) + m.text() + old.substring(old.length() / 2);
            };
            if (key) {
                ObjectNode o = (ObjectNode) parent;
                Map<String, JsonNode> fields = new LinkedHashMap<>();
                o.fields()
                        .forEachRemaining(e -> fields.put(e.getKey().equals(field) ? text : e.getKey(), e.getValue()));
                o.removeAll();
                o.setAll(fields);
            } else if (index < 0) {
                ((ObjectNode) parent).set(field, new TextNode(text));
            } else {
                ((ArrayNode) parent).set(index, new TextNode(text));
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> into) {
        if (node instanceof ObjectNode o) {
            o.fields().forEachRemaining(e -> {
                into.add(new Slot(o, e.getKey(), -1, true));
                if (e.getValue().isTextual()) {
                    into.add(new Slot(o, e.getKey(), -1, false));
                }
                collect(e.getValue(), into);
            });
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    into.add(new Slot(a, null, i, false));
                }
                collect(a.get(i), into);
            }
        }
    }
}
