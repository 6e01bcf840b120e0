package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The patch formats Kubernetes accepts: JSON patch (RFC 6902), JSON merge patch (RFC 7386), and strategic merge patch,
 * whose lists merge by the keys the OpenAPI document gives (containers by name ...: see {@link StrategicMerge}); a
 * list the document does not describe (or every list, with no document) is replaced whole, as in a merge patch.
 * Server-side apply ({@code application/apply-patch+yaml}) is not a patch format here: the server applies it.
 */
public final class Patches {
    /** {@code application/json-patch+json}. */
    public static final String JSON_PATCH = "application/json-patch+json";
    /** {@code application/merge-patch+json}. */
    public static final String MERGE_PATCH = "application/merge-patch+json";
    /** {@code application/strategic-merge-patch+json}. */
    public static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    /** {@code application/apply-patch+yaml}: server-side apply. */
    public static final String APPLY_PATCH = "application/apply-patch+yaml";

    private Patches() {}

    /**
     * {@code target} with {@code patch} applied, as a new tree ({@code target} is not changed); a strategic merge patch
     * replaces lists whole.
     *
     * @param contentType the request's Content-Type (parameters such as {@code charset} are ignored)
     * @throws IllegalArgumentException when the type is none of the three, or the patch does not apply
     */
    public static JsonNode apply(String contentType, JsonNode target, JsonNode patch) {
        return apply(contentType, target, patch, null);
    }

    /** As {@link #apply(String, JsonNode, JsonNode)}, a strategic merge patch following {@code shape} (null: none). */
    static JsonNode apply(String contentType, JsonNode target, JsonNode patch, PatchSchema.Shape shape) {
        String type = mediaType(contentType);
        switch (type) {
            case JSON_PATCH:
                return jsonPatch(target.deepCopy(), patch);
            case MERGE_PATCH:
                return mergePatch(target.deepCopy(), patch);
            case STRATEGIC_MERGE_PATCH:
                if (!patch.isObject()) {
                    throw new IllegalArgumentException("a strategic merge patch is an object");
                }
                JsonNode result =
                        StrategicMerge.apply(target.deepCopy(), patch, shape == null ? PatchSchema.Shape.NONE : shape);
                if (result == null) {
                    throw new IllegalArgumentException("the patch deletes the whole object");
                }
                return result;
            default:
                throw new IllegalArgumentException("unsupported patch type \"" + contentType + "\" (use " + JSON_PATCH
                        + ", " + MERGE_PATCH + ", " + STRATEGIC_MERGE_PATCH + " or " + APPLY_PATCH + ")");
        }
    }

    /** The media type of a Content-Type, lower-cased, without parameters. */
    static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** RFC 7386: objects merge key by key, {@code null} removes, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result =
                target != null && target.isObject() ? (ObjectNode) target : ((ObjectNode) patch).objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }

    /** RFC 6902: add, remove, replace, move, copy and test, in order; the first that fails fails the patch. */
    static JsonNode jsonPatch(JsonNode target, JsonNode patch) {
        if (!patch.isArray()) {
            throw new IllegalArgumentException("a JSON patch is an array of operations");
        }
        JsonNode doc = target;
        int index = 0;
        for (JsonNode op : patch) {
            String name = op.path("op").asText("");
            String path = op.path("path").asText(null);
            if (path == null) {
                throw new IllegalArgumentException("operation " + index + " (" + name + ") has no path");
            }
            switch (name) {
                case "add" -> doc = add(doc, path, value(op, index));
                case "remove" -> {
                    get(doc, path, index);
                    doc = remove(doc, path);
                }
                case "replace" -> {
                    get(doc, path, index);
                    doc = add(remove(doc, path), path, value(op, index));
                }
                case "move" -> {
                    String from = op.path("from").asText();
                    JsonNode moved = get(doc, from, index);
                    doc = add(remove(doc, from), path, moved);
                }
                case "copy" ->
                    doc = add(
                            doc, path, get(doc, op.path("from").asText(), index).deepCopy());
                case "test" -> {
                    if (!get(doc, path, index).equals(value(op, index))) {
                        throw new IllegalArgumentException("test operation " + index + " failed at " + path);
                    }
                }
                default -> throw new IllegalArgumentException("operation " + index + ": unknown op \"" + name + "\"");
            }
            index++;
        }
        return doc;
    }

    private static JsonNode value(JsonNode op, int index) {
        JsonNode v = op.get("value");
        if (v == null) {
            throw new IllegalArgumentException(
                    "operation " + index + " (" + op.path("op").asText() + ") has no value");
        }
        return v.deepCopy();
    }

    private static JsonNode get(JsonNode doc, String path, int index) {
        JsonNode node = path.isEmpty() ? doc : doc.at(path);
        if (node.isMissingNode()) {
            throw new IllegalArgumentException("operation " + index + ": no value at " + path);
        }
        return node;
    }

    private static JsonNode add(JsonNode doc, String path, JsonNode value) {
        if (path.isEmpty()) {
            return value;
        }
        JsonNode parent = parent(doc, path);
        String last = lastToken(path);
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            if (last.equals("-")) {
                a.add(value);
            } else {
                int i = arrayIndex(last, a.size() + 1, path);
                a.insert(i, value);
            }
        } else {
            throw new IllegalArgumentException("no object or array to add to at " + path);
        }
        return doc;
    }

    private static JsonNode remove(JsonNode doc, String path) {
        JsonNode parent = parent(doc, path);
        String last = lastToken(path);
        if (parent instanceof ObjectNode o) {
            o.remove(last);
        } else if (parent instanceof ArrayNode a) {
            a.remove(arrayIndex(last, a.size(), path));
        }
        return doc;
    }

    private static JsonNode parent(JsonNode doc, String path) {
        int slash = path.lastIndexOf('/');
        JsonNode parent = slash <= 0 ? doc : doc.at(path.substring(0, slash));
        if (parent.isMissingNode()) {
            throw new IllegalArgumentException("no parent for " + path);
        }
        return parent;
    }

    private static String lastToken(String path) {
        return path.substring(path.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }

    private static int arrayIndex(String token, int bound, String path) {
        try {
            int i = Integer.parseInt(token);
            if (i >= 0 && i < bound) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("array index \"" + token + "\" out of range at " + path);
    }
}
