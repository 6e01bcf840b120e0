package dev.ccigen.generator.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The vendor extensions ({@code x-...}) of one object of the document, kept verbatim and in order so
 * that every later stage (and every template) can reach them.
 */
public record Extensions(Map<String, JsonNode> values) {
    public static final Extensions NONE = new Extensions(Map.of());

    private static final JsonFactory WRITER = new JsonFactory();

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

    /** Every extension as text, by name: a text value as it is, any other as JSON ({@code ["name"]}, {@code true}). */
    public Map<String, String> texts() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : values.entrySet()) {
            JsonNode v = e.getValue();
            texts.put(e.getKey(), v.isTextual() ? v.asText() : json(v));
        }
        return texts;
    }

    /**
     * {@code node} as compact JSON, exactly as {@link JsonNode#toString()} writes it, but by Jackson's streaming writer
     * alone: {@code toString} sets up a whole {@code ObjectMapper} on its first call, a tenth of a second of a cold run.
     */
    static String json(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = WRITER.createGenerator(out)) {
            write(node, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** What each kind of node's own {@code serialize} writes (the nodes {@link DocumentLoader} makes). */
    private static void write(JsonNode node, JsonGenerator g) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (var it = node.fields(); it.hasNext(); ) {
                    var field = it.next();
                    g.writeFieldName(field.getKey());
                    write(field.getValue(), g);
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode item : node) {
                    write(item, g);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL -> g.writeNull();
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> g.writeNumber(node.intValue());
                    case LONG -> g.writeNumber(node.longValue());
                    case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
                    case FLOAT -> g.writeNumber(node.floatValue());
                    case BIG_DECIMAL -> g.writeNumber(node.decimalValue());
                    default -> g.writeNumber(node.doubleValue());
                }
            }
            default -> g.writeRawValue(node.toString()); // no other kind is read from a document
        }
    }
}
