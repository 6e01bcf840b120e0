package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What strategic merge patch needs to know of a resource's schema, read from the OpenAPI document: which lists merge
 * ({@code x-kubernetes-patch-strategy: merge}) and by which key ({@code x-kubernetes-patch-merge-key}). Without a
 * document every list is replaced whole, as in a JSON merge patch.
 */
final class PatchSchema {
    private final Supplier<JsonNode> document;
    private volatile Map<String, JsonNode> byKind;
    private volatile JsonNode definitions;

    /** @param document the OpenAPI v2 document, read when first needed (null inside: none) */
    PatchSchema(Supplier<JsonNode> document) {
        this.document = document;
    }

    /** The shape of {@code type}'s objects, or {@link Shape#NONE} when the document does not describe them. */
    Shape of(ResourceType type) {
        Map<String, JsonNode> kinds = byKind;
        if (kinds == null) {
            kinds = index();
        }
        JsonNode schema = kinds.get(type.group() + "/" + type.version() + "/" + type.kind());
        return schema == null ? Shape.NONE : new Shape(this, schema);
    }

    private synchronized Map<String, JsonNode> index() {
        if (byKind != null) {
            return byKind;
        }
        JsonNode doc = document.get();
        Map<String, JsonNode> kinds = new HashMap<>();
        definitions =
                doc == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : doc.path("definitions");
        definitions.fields().forEachRemaining(e -> {
            for (JsonNode gvk : e.getValue().path("x-kubernetes-group-version-kind")) {
                kinds.putIfAbsent(
                        gvk.path("group").asText("") + "/" + gvk.path("version").asText() + "/"
                                + gvk.path("kind").asText(),
                        e.getValue());
            }
        });
        byKind = kinds;
        return kinds;
    }

    /** One place in a schema: a map's fields, a list's items, and how a list merges. */
    static final class Shape {
        static final Shape NONE = new Shape(null, com.fasterxml.jackson.databind.node.MissingNode.getInstance());

        private final PatchSchema owner;
        private final JsonNode schema;

        private Shape(PatchSchema owner, JsonNode schema) {
            this.owner = owner;
            this.schema = owner == null ? schema : owner.resolve(schema);
        }

        /** The shape of field {@code name} of this map. */
        Shape field(String name) {
            if (owner == null) {
                return NONE;
            }
            JsonNode property = schema.path("properties").path(name);
            if (property.isMissingNode()) {
                property = schema.path("additionalProperties");
            }
            return property.isMissingNode() || !property.isObject() ? NONE : new Shape(owner, property);
        }

        /** The shape of this list's items. */
        Shape items() {
            return owner == null || !schema.path("items").isObject() ? NONE : new Shape(owner, schema.path("items"));
        }

        /** Whether this list merges with the patch's (rather than being replaced). */
        boolean merges() {
            return schema.path("x-kubernetes-patch-strategy").asText("").contains("merge");
        }

        /** Whether this map keeps only the patch's keys ({@code retainKeys}). */
        boolean retainsKeys() {
            return schema.path("x-kubernetes-patch-strategy").asText("").contains("retainKeys");
        }

        /** The key this list's items merge by, or null (a list of scalars, or one that does not merge). */
        String mergeKey() {
            String key = schema.path("x-kubernetes-patch-merge-key").asText("");
            return key.isEmpty() ? null : key;
        }
    }

    /** Follows {@code $ref}s to the schema they name (and an {@code allOf} of one). */
    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int hops = 0; hops < 16; hops++) {
            String ref = s.path("$ref").asText("");
            if (ref.startsWith("#/definitions/")) {
                JsonNode target = definitions.path(ref.substring("#/definitions/".length()));
                if (target.isMissingNode()) {
                    return s;
                }
                s = mergeExtensions(s, target);
            } else if (s.path("allOf").size() == 1 && !s.has("properties")) {
                s = mergeExtensions(s, s.path("allOf").get(0));
            } else {
                return s;
            }
        }
        return s;
    }

    /** The referenced schema, with the patch extensions the referring schema sets (they are on the property). */
    private static JsonNode mergeExtensions(JsonNode referring, JsonNode target) {
        if (!referring.has("x-kubernetes-patch-strategy") && !referring.has("x-kubernetes-patch-merge-key")) {
            return target;
        }
        com.fasterxml.jackson.databind.node.ObjectNode merged =
                ((com.fasterxml.jackson.databind.node.ObjectNode) target).deepCopy();
        for (String ext : new String[] {"x-kubernetes-patch-strategy", "x-kubernetes-patch-merge-key"}) {
            if (referring.has(ext)) {
                merged.set(ext, referring.get(ext));
            }
        }
        return merged;
    }
}
