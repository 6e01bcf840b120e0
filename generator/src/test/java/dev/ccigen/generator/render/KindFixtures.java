package dev.ccigen.generator.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Objects of a document's kinds with every field set, made from the document's schemas the way Kubernetes makes the
 * round-trip fixtures of {@code k8s.io/api/testdata} (every field filled, a string with its name and
 * {@code Value}, a map with one {@code <name>Key} entry, a list with one item, an embedded object that is no kind):
 * written back by the client's classes, each must come out exactly as it went in. A kind inside another (an
 * Eviction's DeleteOptions) has no apiVersion or kind, as in Kubernetes' fixtures; enums get values no enum knows;
 * 64-bit integers need all their bits.
 */
final class KindFixtures {
    static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 12;

    private final JsonNode definitions;
    private final Deque<String> stack = new ArrayDeque<>();
    private int counter;

    KindFixtures(JsonNode definitions) {
        this.definitions = definitions;
    }

    /** An object of {@code definition}, the kind {@code apiVersion}/{@code kind}, with every field set. */
    ObjectNode fixture(String definition, String apiVersion, String kind) {
        counter = 0;
        ObjectNode object = JSON.objectNode();
        JsonNode schema = definitions.path(definition);
        if (schema.path("properties").has("apiVersion")) {
            object.put("apiVersion", apiVersion);
        }
        if (schema.path("properties").has("kind")) {
            object.put("kind", kind);
        }
        stack.push(definition);
        schema.path("properties").properties().forEach(p -> {
            if (!p.getKey().equals("apiVersion") && !p.getKey().equals("kind")) {
                JsonNode v = value(p.getValue(), p.getKey());
                if (v != null) {
                    object.set(p.getKey(), v);
                }
            }
        });
        stack.pop();
        return object;
    }

    /** A value of {@code schema} for the property {@code name}; null where a definition would recur. */
    private JsonNode value(JsonNode schema, String name) {
        counter++;
        if (stack.size() > MAX_DEPTH) {
            return null;
        }
        if (schema.has("$ref")) {
            return ref(schema.path("$ref").asText().substring("#/definitions/".length()), name);
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean()
                || "int-or-string".equals(schema.path("format").asText())) {
            return counter % 2 == 0 ? JSON.numberNode(counter) : JSON.textNode(name + "Value");
        }
        switch (schema.path("type").asText("")) {
            case "string":
                return switch (schema.path("format").asText("")) {
                    case "date-time" -> JSON.textNode("2008-01-01T01:01:01Z");
                    case "byte" -> JSON.textNode("AQID");
                    default -> JSON.textNode(name + "Value");
                };
            case "integer":
                return "int32".equals(schema.path("format").asText())
                        ? JSON.numberNode(counter)
                        : JSON.numberNode(9_007_199_254_740_993L + counter); // more bits than a double keeps
            case "number":
                return JSON.numberNode(counter + 0.5);
            case "boolean":
                return JSON.booleanNode(true);
            case "array":
                JsonNode item = value(schema.path("items"), name);
                ArrayNode list = JSON.arrayNode();
                return item == null ? list : list.add(item);
            case "object":
                return object(schema, name);
            default:
                return schema.path("x-kubernetes-preserve-unknown-fields").asBoolean() || schema.isEmpty()
                        ? any()
                        : object(schema, name);
        }
    }

    private JsonNode object(JsonNode schema, String name) {
        if (schema.has("properties")) {
            ObjectNode object = JSON.objectNode();
            schema.path("properties").properties().forEach(p -> {
                JsonNode v = value(p.getValue(), p.getKey());
                if (v != null) {
                    object.set(p.getKey(), v);
                }
            });
            return object;
        }
        JsonNode values = schema.path("additionalProperties");
        if (values.isObject() && !values.isEmpty()) {
            JsonNode v = value(values, name);
            ObjectNode map = JSON.objectNode();
            return v == null ? map : map.set(name + "Key", v);
        }
        return any();
    }

    /** A definition's value: the meta types as Kubernetes writes them, else its schema, unless it recurs. */
    private JsonNode ref(String definition, String name) {
        switch (definition) {
            case META + "Time":
                return JSON.textNode("2008-01-01T01:01:01Z");
            case META + "MicroTime":
                return JSON.textNode("2008-01-01T01:01:01.000001Z");
            case "io.k8s.apimachinery.pkg.api.resource.Quantity":
                return JSON.textNode(counter % 2 == 0 ? "1500m" : "0.5Gi");
            case "io.k8s.apimachinery.pkg.runtime.RawExtension":
                return any();
            default:
                break;
        }
        if (stack.contains(definition)) {
            return null; // JSONSchemaProps in JSONSchemaProps: one level is enough
        }
        JsonNode schema = definitions.path(definition);
        stack.push(definition);
        try {
            JsonNode value = value(schema, name);
            if (value instanceof ObjectNode object && schema.has("x-kubernetes-group-version-kind")) {
                object.remove("apiVersion"); // a kind inside another has no TypeMeta in Kubernetes' fixtures
                object.remove("kind");
            }
            return value;
        } finally {
            stack.pop();
        }
    }

    /** Any JSON, as an embedded object Kubernetes' fixtures hold: one of a kind the client does not know. */
    private static JsonNode any() {
        ObjectNode object = JSON.objectNode();
        object.put("apiVersion", "example.com/v1");
        object.put("kind", "CustomType");
        object.putObject("spec").put("replicas", 1);
        object.putObject("status").put("available", 1);
        return object;
    }
}
