package dev.ccigen.generator.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A custom resource's {@code openAPIV3Schema} as a server publishes it, prepared for {@link SchemaReader}: a copy
 * with what Kubernetes adds itself. The kind gets {@code apiVersion} and {@code kind} where the schema has none,
 * {@code metadata} is {@code ObjectMeta} (whatever the schema says of it: the server serves ObjectMeta), and the
 * definition carries {@code x-kubernetes-group-version-kind}. Inside, an {@code x-kubernetes-embedded-resource} with
 * properties gets {@code apiVersion}, {@code kind} and ObjectMeta {@code metadata} the same way, and a property
 * {@code metadata} that says only {@code type: object} (how controller-gen writes a Go {@code ObjectMeta} field, as
 * in a pod template) is ObjectMeta too. Every {@code $ref} put there is remembered: those are the only ones a CRD's
 * schema may hold ({@link Refs}).
 */
final class CrdSchemas {
    private static final Set<String> BARE_OBJECT_KEYS = Set.of("type", "description");

    private CrdSchemas() {}

    /** The {@code $ref}s of one prepared schema: those put there are read, any other is refused, as Kubernetes does. */
    static final class Refs implements References {
        private final NodeReader nodes;
        private final boolean trusted;
        private final Set<String> injected = new HashSet<>();

        /** @param trusted every {@code $ref} is one of ccigen's (the paths and list kinds it writes) */
        Refs(NodeReader nodes, boolean trusted) {
            this.nodes = nodes;
            this.trusted = trusted;
        }

        @Override
        public Reference resolve(String ref, String pointer, Source in, SchemaReader reader) {
            if ((trusted || injected.contains(pointer)) && ref.startsWith(CrdPaths.DEFINITIONS)) {
                return new Reference(ref.substring(CrdPaths.DEFINITIONS.length()), null);
            }
            nodes.problems()
                    .error(
                            in.file(),
                            pointer + "/$ref",
                            "a CustomResourceDefinition's schema cannot hold a $ref (Kubernetes refuses it);"
                                    + " the schema is read without it");
            return Reference.BROKEN;
        }
    }

    /**
     * The kind's schema, prepared: {@code schema} (null for a version without one: any object) copied, at
     * {@code pointer} in its manifest.
     */
    static ObjectNode kind(
            JsonNode schema,
            String pointer,
            CustomResourceDefinition.Names names,
            String group,
            CustomResourceDefinition.Version version,
            Refs refs) {
        ObjectNode root = schema != null && schema.isObject() ? schema.deepCopy() : anyObject();
        ObjectNode properties = properties(root);
        if (!properties.has("apiVersion")) {
            properties.set("apiVersion", CrdPaths.text(CrdPaths.API_VERSION_TEXT));
        }
        if (!properties.has("kind")) {
            properties.set("kind", CrdPaths.text(CrdPaths.KIND_TEXT));
        }
        JsonNode given = properties.get("metadata");
        String description = given != null && given.hasNonNull("description")
                ? given.get("description").asText()
                : CrdPaths.METADATA_TEXT;
        properties.set("metadata", CrdPaths.ref(CrdPaths.OBJECT_META, description));
        refs.injected.add(pointer + "/properties/metadata");
        root.putArray("x-kubernetes-group-version-kind").add(CrdPaths.gvk(group, version.name(), names.kind()));
        if (version.deprecated()) {
            root.put("x-deprecated", true);
        }
        for (Map.Entry<String, JsonNode> p : entries(properties)) {
            if (!p.getKey().equals("metadata")) {
                nested(p.getValue(), pointer + "/properties/" + NodeReader.escape(p.getKey()), refs, 0);
            }
        }
        return root;
    }

    /** {@code type: object} and {@code x-kubernetes-preserve-unknown-fields}: a version without a schema. */
    private static ObjectNode anyObject() {
        ObjectNode any = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        any.put("type", "object");
        any.put("x-kubernetes-preserve-unknown-fields", true);
        return any;
    }

    private static ObjectNode properties(ObjectNode schema) {
        JsonNode p = schema.get("properties");
        if (p instanceof ObjectNode o) {
            return o;
        }
        return schema.putObject("properties");
    }

    /** Embedded resources and {@code metadata} properties below the kind, everywhere a schema can hold a schema. */
    private static void nested(JsonNode schema, String pointer, Refs refs, int depth) {
        if (!(schema instanceof ObjectNode node) || depth > 256) {
            return;
        }
        if (node.get("properties") instanceof ObjectNode properties) {
            if (node.path("x-kubernetes-embedded-resource").asBoolean(false)) {
                embedded(properties, pointer, refs);
            }
            for (Map.Entry<String, JsonNode> p : entries(properties)) {
                String at = pointer + "/properties/" + NodeReader.escape(p.getKey());
                if (p.getKey().equals("metadata") && isBareObject(p.getValue())) {
                    properties.set("metadata", CrdPaths.ref(CrdPaths.OBJECT_META, description(p.getValue())));
                    refs.injected.add(at);
                } else {
                    nested(p.getValue(), at, refs, depth + 1);
                }
            }
        }
        nested(node.get("items"), pointer + "/items", refs, depth + 1);
        nested(node.get("additionalProperties"), pointer + "/additionalProperties", refs, depth + 1);
        for (String keyword : List.of("allOf", "anyOf", "oneOf")) {
            JsonNode branches = node.get(keyword);
            for (int i = 0; branches != null && i < branches.size(); i++) {
                nested(branches.get(i), pointer + "/" + keyword + "/" + i, refs, depth + 1);
            }
        }
    }

    /** An embedded resource with properties: {@code apiVersion}, {@code kind} and {@code metadata} as a kind's. */
    private static void embedded(ObjectNode properties, String pointer, Refs refs) {
        if (!properties.has("apiVersion")) {
            properties.set("apiVersion", CrdPaths.text(CrdPaths.API_VERSION_TEXT));
        }
        if (!properties.has("kind")) {
            properties.set("kind", CrdPaths.text(CrdPaths.KIND_TEXT));
        }
        if (!properties.has("metadata")) {
            properties.set("metadata", CrdPaths.ref(CrdPaths.OBJECT_META, CrdPaths.METADATA_TEXT));
            refs.injected.add(pointer + "/properties/metadata");
        }
    }

    /** {@code {type: object}}, perhaps with a description, and nothing else: any object, as a Go ObjectMeta is written. */
    private static boolean isBareObject(JsonNode schema) {
        if (!schema.isObject() || !"object".equals(schema.path("type").asText())) {
            return false;
        }
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            if (!BARE_OBJECT_KEYS.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    private static String description(JsonNode schema) {
        return schema.hasNonNull("description") ? schema.get("description").asText() : CrdPaths.METADATA_TEXT;
    }

    private static List<Map.Entry<String, JsonNode>> entries(ObjectNode node) {
        List<Map.Entry<String, JsonNode>> list = new java.util.ArrayList<>();
        node.fields().forEachRemaining(list::add);
        return list;
    }
}
