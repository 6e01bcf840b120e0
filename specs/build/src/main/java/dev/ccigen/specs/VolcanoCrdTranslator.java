package dev.ccigen.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Translates the Volcano job CRD's OpenAPI v3 schema into OpenAPI v2 definitions named like Kubernetes' own.
 *
 * <p>v3 -> v2: `nullable` has no v2 form and is dropped; `anyOf: [integer, string]` (int-or-string) becomes
 * `type: string, format: int-or-string` with `x-kubernetes-int-or-string: true`, as Kubernetes' v2 documents write
 * IntOrString; `x-kubernetes-*` and descriptions are kept. Any other keyword stops the build, so that a new
 * Volcano version with a construct this translation does not know is noticed rather than mistranslated.
 */
final class VolcanoCrdTranslator {
    private static final Set<String> COPIED = Set.of(
            "description",
            "type",
            "format",
            "required",
            "pattern",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "uniqueItems",
            "enum",
            "default");

    private final JsonNode config;
    private final JsonNode kubernetesDefinitions;
    private final String prefix;
    private final Map<String, JsonNode> definitions = new TreeMap<>();
    private int droppedNullable;

    VolcanoCrdTranslator(JsonNode config, JsonNode kubernetesDefinitions) {
        this.config = config;
        this.kubernetesDefinitions = kubernetesDefinitions;
        this.prefix = config.get("prefix").asText();
    }

    /** Definition name -> v2 schema, including the list type, which the CRD only names. */
    Map<String, JsonNode> translate(JsonNode crd) {
        JsonNode spec = crd.get("spec");
        String group = spec.get("group").asText();
        String version = config.get("version").asText();
        JsonNode schema = null;
        for (JsonNode v : spec.get("versions")) {
            if (v.get("name").asText().equals(version)) {
                schema = v.get("schema").get("openAPIV3Schema");
            }
        }
        if (schema == null) {
            throw new IllegalStateException("the CRD has no version " + version);
        }
        String kind = spec.get("names").get("kind").asText();
        String listKind = spec.get("names").get("listKind").asText();
        walk(schema, "");
        ObjectNode root = (ObjectNode) definitions.get(prefix + kind);
        root.set("x-kubernetes-group-version-kind", gvk(group, kind, version));
        definitions.put(prefix + listKind, list(root, group, listKind, version, kind));
        return definitions;
    }

    int droppedNullable() {
        return droppedNullable;
    }

    /** Translates the schema at a location; returns what the parent holds there (inline schema or $ref). */
    private JsonNode walk(JsonNode schema, String location) {
        JsonNode embedded = config.get("kubernetesTypes").get(location);
        if (embedded != null) {
            return embeddedKubernetesType(schema, location, embedded);
        }
        ObjectNode translated = convert(schema, location);
        JsonNode name = config.get("names").get(location);
        if (name == null) {
            return translated;
        }
        String definition = prefix + name.asText();
        JsonNode previous = definitions.putIfAbsent(definition, translated);
        if (previous != null && !previous.equals(translated)) {
            throw new IllegalStateException(definition + " has two different schemas (second at " + location + ")");
        }
        ObjectNode ref = Json.NODES.objectNode().put("$ref", "#/definitions/" + definition);
        // A property keeps its own description next to the $ref; array items and map values do not have one.
        if (!location.endsWith("[]") && !location.endsWith("{}") && schema.has("description")) {
            ref.set("description", schema.get("description"));
        }
        return ref;
    }

    private JsonNode embeddedKubernetesType(JsonNode schema, String location, JsonNode embedded) {
        String definition = embedded.get("definition").asText();
        JsonNode kubernetes = kubernetesDefinitions.get(definition);
        if (kubernetes == null) {
            throw new IllegalStateException("no Kubernetes definition " + definition + " for " + location);
        }
        if (embedded.get("checkProperties").asBoolean()) {
            Set<String> crd = names(schema.get("properties"));
            Set<String> k8s = names(kubernetes.get("properties"));
            if (!crd.equals(k8s)) {
                throw new IllegalStateException(location + " is not " + definition + ": " + crd + " vs " + k8s);
            }
        }
        ObjectNode ref = Json.NODES.objectNode().put("$ref", "#/definitions/" + definition);
        if (schema.has("description")) {
            ref.set("description", schema.get("description"));
        }
        return ref;
    }

    private ObjectNode convert(JsonNode schema, String location) {
        ObjectNode out = Json.NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals("properties")) {
                ObjectNode properties = out.putObject("properties");
                value.fields()
                        .forEachRemaining(p ->
                                properties.set(p.getKey(), walk(p.getValue(), child(location, p.getKey()))));
            } else if (key.equals("items")) {
                out.set("items", walk(value, location + "[]"));
            } else if (key.equals("additionalProperties")) {
                out.set("additionalProperties", value.isObject() ? walk(value, location + "{}") : value);
            } else if (key.equals("anyOf")) {
                requireIntOrString(value, location);
                out.put("type", "string");
                out.put("format", "int-or-string");
                out.put("x-kubernetes-int-or-string", true);
            } else if (key.equals("nullable")) {
                droppedNullable++;
            } else if (COPIED.contains(key) || key.startsWith("x-kubernetes-")) {
                out.set(key, value.deepCopy());
            } else {
                throw new IllegalStateException("no OpenAPI v2 translation for '" + key + "' at " + location);
            }
        }
        return out;
    }

    private static void requireIntOrString(JsonNode anyOf, String location) {
        Set<String> types = new TreeSet<>();
        anyOf.forEach(t -> types.add(t.path("type").asText()));
        if (!types.equals(Set.of("integer", "string"))) {
            throw new IllegalStateException("anyOf other than int-or-string at " + location + ": " + anyOf);
        }
    }

    /** The list type in Kubernetes' shape (apiVersion, items, kind, metadata), as every CRD list is served. */
    private JsonNode list(JsonNode root, String group, String listKind, String version, String kind) {
        ObjectNode list = Json.NODES.objectNode();
        list.put("description", config.get("listDescription").asText());
        ObjectNode properties = list.putObject("properties");
        properties.set("apiVersion", root.get("properties").get("apiVersion").deepCopy());
        ObjectNode items = properties.putObject("items");
        items.put("description", "The " + kind + " objects.");
        items.putObject("items").put("$ref", "#/definitions/" + prefix + kind);
        items.put("type", "array");
        properties.set("kind", root.get("properties").get("kind").deepCopy());
        properties
                .putObject("metadata")
                .put("$ref", "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta")
                .put("description", "Standard list metadata.");
        list.set("required", Json.array(List.of("items")));
        list.put("type", "object");
        list.set("x-kubernetes-group-version-kind", gvk(group, listKind, version));
        return list;
    }

    private static JsonNode gvk(String group, String kind, String version) {
        ObjectNode gvk =
                Json.NODES.objectNode().put("group", group).put("kind", kind).put("version", version);
        return Json.NODES.arrayNode().add(gvk);
    }

    private static String child(String location, String property) {
        return location.isEmpty() ? property : location + "." + property;
    }

    private static Set<String> names(JsonNode properties) {
        Set<String> out = new TreeSet<>();
        if (properties != null) {
            properties.fieldNames().forEachRemaining(out::add);
        }
        return out;
    }
}
