package dev.ccigen.generator.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The vendor extensions ({@code x-...}) of one object of the document, kept verbatim and in order so
 * that every later stage (and every template) can reach them.
 */
public record Extensions(Map<String, JsonNode> values) {
    public static final Extensions NONE = new Extensions(Map.of());

    public Extensions {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Collects the {@code x-} keys of {@code node}. */
    static Extensions of(JsonNode node) {
        Map<String, JsonNode> found = null;
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().startsWith("x-")) {
                if (found == null) {
                    found = new LinkedHashMap<>();
                }
                found.put(e.getKey(), e.getValue());
            }
        }
        return found == null ? NONE : new Extensions(found);
    }

    public JsonNode get(String name) {
        return values.get(name);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public boolean isTrue(String name) {
        JsonNode v = values.get(name);
        return v != null && (v.asBoolean(false) || "true".equals(v.asText()));
    }

    public String text(String name) {
        JsonNode v = values.get(name);
        return v == null || !v.isValueNode() ? null : v.asText();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
