package dev.ccigen.generator.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccigen.generator.problem.Problems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Reads values out of a document's tree: a value of the wrong shape is reported at its place (file and JSON pointer)
 * and read as missing, so that reading goes on and one run reports every problem. What published documents get away
 * with is a {@link #deviation}: a warning, or an error when strict.
 */
final class NodeReader {
    private final Problems problems;
    private final boolean strict;

    NodeReader(Problems problems, boolean strict) {
        this.problems = problems;
        this.strict = strict;
    }

    Problems problems() {
        return problems;
    }

    /** What published documents get away with: a warning where it is, an error when strict. */
    void deviation(Path inFile, String pointer, String message) {
        if (strict) {
            problems.error(inFile, pointer, message);
        } else {
            problems.warning(inFile, pointer, message);
        }
    }

    /**
     * {@code node.key} when it is there and of the right shape; null when it is missing, and null with an error naming
     * its place when it has another shape ({@code expected} says which, e.g. "a list of schemas").
     */
    JsonNode field(JsonNode node, String key, Predicate<JsonNode> shape, String expected, String pointer, Path inFile) {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!shape.test(value)) {
            problems.error(inFile, pointer + "/" + escape(key), "expected " + expected + ", found " + kind(value));
            return null;
        }
        return value;
    }

    /** {@code node.field} as text: null when missing or null, and null with an error when it is no value. */
    String text(JsonNode node, String field, String pointer, Path inFile) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            problems.error(inFile, pointer + "/" + escape(field), "expected a string, found " + kind(v));
            return null;
        }
        return v.asText();
    }

    /** A list of strings; an item that is no string is reported and left out. */
    List<String> strings(JsonNode node, String pointer, Path inFile) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.error(inFile, pointer, "expected a list of strings, found " + kind(node));
            return List.of();
        }
        List<String> result = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                problems.error(inFile, pointer + "/" + i, "expected a string, found " + kind(node.get(i)));
            } else {
                result.add(node.get(i).asText());
            }
        }
        return result;
    }

    /** {@code node.field} as text, null when it is missing or not a value: for what is only ever shown. */
    static String plainText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isValueNode() || v.isNull() ? null : v.asText();
    }

    /** What a node is, for a message: "a string", "a list", "an object", "nothing". */
    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** JSON pointer escaping (RFC 6901). */
    static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
