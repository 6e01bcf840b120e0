package dev.ccigen.generator.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccigen.generator.problem.Problems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An extension's text for templates is what {@code JsonNode.toString} writes, without an ObjectMapper. */
class ExtensionsTest {
    @TempDir
    Path dir;

    @Test
    void jsonTextIsJacksonsOwn() throws Exception {
        Path file = dir.resolve("values.json");
        Files.writeString(file, """
                {"x-keys": ["name", "port"], "x-empty": [], "x-object": {"a": {"b": [1, 2.5, null]}, "c": {}},
                 "x-int": 7, "x-long": 12345678901, "x-big": 123456789012345678901234567890, "x-negative": -3,
                 "x-doubles": [0.1, 1e300, -0.0, 1E-7, 100.0, 3.14159265358979], "x-true": true, "x-null": null,
                 "x-text": "plain", "x-escapes": ["quote \\" backslash \\\\ tab \\t newline \\n", "\\u0001\\u001f\\u007f",
                 "日本 é €", "</script>", "\\ud83d\\ude00"]}
                """);
        JsonNode root = new DocumentLoader().load(file, new Problems());
        Map<String, JsonNode> values = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
        Map<String, String> expected = new LinkedHashMap<>();
        values.forEach((k, v) -> expected.put(k, v.isTextual() ? v.asText() : v.toString()));
        assertEquals(expected, new Extensions(values).texts());
    }
}
