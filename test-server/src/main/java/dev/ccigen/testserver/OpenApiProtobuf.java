package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * An OpenAPI v2 document in the protobuf form kubectl downloads to validate manifests
 * ({@code Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf}: the {@code openapi_v2.Document} message
 * of gnostic's {@code OpenAPIv2.proto}). Written are the parts kubectl reads: {@code swagger}, {@code info} and the
 * {@code definitions} with every schema field and vendor extension ({@code x-kubernetes-group-version-kind} tells
 * kubectl which definition describes a kind); paths are left out.
 */
final class OpenApiProtobuf {
    private OpenApiProtobuf() {}

    static byte[] encode(JsonNode document) {
        Message doc = new Message();
        doc.string(1, document.path("swagger").asText("2.0"));
        JsonNode info = document.path("info");
        if (info.isObject()) {
            Message i = new Message();
            i.string(1, info.path("title").asText(""));
            i.string(2, info.path("version").asText(""));
            i.string(3, info.path("description").asText(""));
            doc.message(2, i);
        }
        Message definitions = new Message();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        document.path("definitions").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            definitions.message(1, named(e.getKey(), schema(e.getValue())));
        }
        doc.message(9, definitions);
        return doc.bytes();
    }

    /** {@code NamedSchema}: name 1, value 2. */
    private static Message named(String name, Message value) {
        Message m = new Message();
        m.string(1, name);
        m.message(2, value);
        return m;
    }

    /** {@code Schema}, field by field (numbers from {@code OpenAPIv2.proto}). */
    private static Message schema(JsonNode s) {
        Message m = new Message();
        if (!s.isObject()) {
            return m;
        }
        m.string(1, s.path("$ref").asText(""));
        m.string(2, s.path("format").asText(""));
        m.string(3, s.path("title").asText(""));
        m.string(4, s.path("description").asText(""));
        any(m, 5, s.get("default"));
        m.number(6, s.get("multipleOf"));
        m.number(7, s.get("maximum"));
        m.bool(8, s.path("exclusiveMaximum").asBoolean(false));
        m.number(9, s.get("minimum"));
        m.bool(10, s.path("exclusiveMinimum").asBoolean(false));
        m.integer(11, s.get("maxLength"));
        m.integer(12, s.get("minLength"));
        m.string(13, s.path("pattern").asText(""));
        m.integer(14, s.get("maxItems"));
        m.integer(15, s.get("minItems"));
        m.bool(16, s.path("uniqueItems").asBoolean(false));
        m.integer(17, s.get("maxProperties"));
        m.integer(18, s.get("minProperties"));
        s.path("required").forEach(r -> m.string(19, r.asText()));
        s.path("enum").forEach(v -> any(m, 20, v));
        nested(m, s);
        m.string(26, s.path("discriminator").asText(""));
        m.bool(27, s.path("readOnly").asBoolean(false));
        any(m, 30, s.get("example"));
        s.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("x-")) {
                Message named = new Message(); // NamedAny: name 1, value 2
                named.string(1, e.getKey());
                named.message(2, anyValue(e.getValue()));
                m.message(31, named);
            }
        });
        return m;
    }

    /** The schema's schemas: {@code additionalProperties} (21), {@code type} (22), items (23), allOf (24), properties (25). */
    private static void nested(Message m, JsonNode s) {
        JsonNode additional = s.get("additionalProperties");
        if (additional != null) {
            Message item = new Message(); // AdditionalPropertiesItem: schema 1 | boolean 2
            if (additional.isBoolean()) {
                item.boolAlways(2, additional.asBoolean());
            } else {
                item.message(1, schema(additional));
            }
            m.message(21, item);
        }
        JsonNode type = s.get("type");
        if (type != null) {
            Message t = new Message(); // TypeItem: repeated string value 1
            if (type.isArray()) {
                type.forEach(v -> t.string(1, v.asText()));
            } else {
                t.string(1, type.asText());
            }
            m.message(22, t);
        }
        JsonNode items = s.get("items");
        if (items != null) {
            Message i = new Message(); // ItemsItem: repeated Schema schema 1
            if (items.isArray()) {
                items.forEach(v -> i.message(1, schema(v)));
            } else {
                i.message(1, schema(items));
            }
            m.message(23, i);
        }
        s.path("allOf").forEach(v -> m.message(24, schema(v)));
        JsonNode properties = s.get("properties");
        if (properties != null) {
            Message p = new Message(); // Properties: repeated NamedSchema additional_properties 1
            properties.fields().forEachRemaining(e -> p.message(1, named(e.getKey(), schema(e.getValue()))));
            m.message(25, p);
        }
    }

    /** {@code Any}: its {@code yaml} (2) holds the value as JSON, which is YAML; kubectl reads that field. */
    private static Message anyValue(JsonNode value) {
        Message a = new Message();
        a.string(2, value.toString());
        return a;
    }

    private static void any(Message m, int field, JsonNode value) {
        if (value != null) {
            m.message(field, anyValue(value));
        }
    }

    /** Protobuf's wire format, written as it goes; default values (empty, zero, false) are left out. */
    private static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void string(int field, String value) {
            if (!value.isEmpty()) {
                bytes(field, value.getBytes(StandardCharsets.UTF_8));
            }
        }

        void message(int field, Message value) {
            bytes(field, value.bytes());
        }

        void bool(int field, boolean value) {
            if (value) {
                boolAlways(field, true);
            }
        }

        void boolAlways(int field, boolean value) {
            varint((long) field << 3);
            varint(value ? 1 : 0);
        }

        void integer(int field, JsonNode value) {
            if (value != null && value.isNumber()) {
                varint((long) field << 3);
                varint(value.asLong());
            }
        }

        void number(int field, JsonNode value) {
            if (value != null && value.isNumber()) {
                varint((long) field << 3 | 1);
                long bits = Double.doubleToLongBits(value.asDouble());
                for (int i = 0; i < 8; i++) {
                    out.write((int) (bits >>> (8 * i)));
                }
            }
        }

        private void bytes(int field, byte[] value) {
            varint((long) field << 3 | 2);
            varint(value.length);
            out.write(value, 0, value.length);
        }

        private void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
