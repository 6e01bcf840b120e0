package dev.ccigen.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccigen.generator.GenerationResult;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.TestDocs;
import dev.ccigen.generator.link.LinkOptions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identical inputs give identical bytes, and so does the same document with its keys in another order. */
class DeterminismTest {
    @TempDir
    Path dir;

    @Test
    void sameBytesTwiceAndWithKeysShuffled() throws Exception {
        Path first = dir.resolve("first");
        generate(TestDocs.kubernetes(), first);
        GenerationResult again = generate(TestDocs.kubernetes(), first);
        assertEquals(0, again.written(), "a second run changes no file");

        ObjectMapper mapper = new ObjectMapper();
        JsonNode doc;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(TestDocs.kubernetes()))) {
            doc = mapper.readTree(in);
        }
        Path shuffled = dir.resolve("shuffled.json");
        mapper.writeValue(shuffled.toFile(), shuffle(doc, new Random(42)));
        Path second = dir.resolve("second");
        generate(shuffled, second);
        assertEquals(contents(first), contents(second));
    }

    private static GenerationResult generate(Path spec, Path out) {
        return new Generator()
                .generate(new GeneratorConfig(
                        spec, TestDocs.kubernetesListings(), out, null, LinkOptions.defaults("io.example.k8s")));
    }

    /** Every object's keys in a random order (lists keep theirs: their order means something). */
    private static JsonNode shuffle(JsonNode node, Random random) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            node.fields().forEachRemaining(entries::add);
            Collections.shuffle(entries, random);
            ObjectNode copy = JsonNodeFactoryHolder.MAPPER.createObjectNode();
            entries.forEach(e -> copy.set(e.getKey(), shuffle(e.getValue(), random)));
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactoryHolder.MAPPER.createArrayNode();
            node.forEach(e -> copy.add(shuffle(e, random)));
            return copy;
        }
        return node;
    }

    private static final class JsonNodeFactoryHolder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static Map<String, String> contents(Path root) throws Exception {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                all.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return all;
    }
}
