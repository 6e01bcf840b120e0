package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' strategic merge patch: a merge patch in which the lists the schema marks {@code merge} merge with the
 * patch's, items matched by their merge key (containers by {@code name}, ports by {@code containerPort} ...), and
 * lists of scalars so marked take the union; and its directives: {@code $patch} ({@code replace}, {@code delete},
 * {@code merge}), {@code $retainKeys}, {@code $setElementOrder/<list>} and {@code $deleteFromPrimitiveList/<list>}.
 * What the schema does not describe is merged as a JSON merge patch merges it (lists replaced).
 */
final class StrategicMerge {
    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String ORDER = "$setElementOrder/";
    private static final String DELETE_FROM = "$deleteFromPrimitiveList/";

    private StrategicMerge() {}

    /** {@code target} (changed in place, or replaced) with {@code patch} applied; null when the patch deletes it. */
    static JsonNode apply(JsonNode target, JsonNode patch, PatchSchema.Shape shape) {
        if (!patch.isObject()) {
            return strip(patch);
        }
        String directive = patch.path(PATCH).asText("");
        if (directive.equals("delete")) {
            return null;
        }
        if (directive.equals("replace") || !(target instanceof ObjectNode)) {
            return strip(patch);
        }
        ObjectNode result = (ObjectNode) target;
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.startsWith("$")) {
                continue;
            }
            PatchSchema.Shape field = shape.field(key);
            if (value.isNull()) {
                result.remove(key);
            } else if (value.isArray() && field.merges()) {
                result.set(key, mergeList(result.get(key), (ArrayNode) value, field));
            } else if (value.isObject()) {
                JsonNode merged = apply(result.get(key), value, field);
                if (merged == null) {
                    result.remove(key);
                } else {
                    result.set(key, merged);
                }
            } else {
                result.set(key, strip(value));
            }
        }
        directives(result, patch, shape);
        return result;
    }

    /** The directives of a map's patch, applied after its fields: deletions from lists, orders, retained keys. */
    private static void directives(ObjectNode result, JsonNode patch, PatchSchema.Shape shape) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.startsWith(DELETE_FROM) && result.get(key.substring(DELETE_FROM.length())) instanceof ArrayNode a) {
                Set<JsonNode> gone = new HashSet<>();
                e.getValue().forEach(gone::add);
                ArrayNode kept = a.arrayNode();
                a.forEach(v -> {
                    if (!gone.contains(v)) {
                        kept.add(v);
                    }
                });
                result.set(key.substring(DELETE_FROM.length()), kept);
            } else if (key.startsWith(ORDER) && result.get(key.substring(ORDER.length())) instanceof ArrayNode a) {
                PatchSchema.Shape list = shape.field(key.substring(ORDER.length()));
                result.set(key.substring(ORDER.length()), order(a, e.getValue(), list.mergeKey()));
            }
        }
        if (patch.get(RETAIN_KEYS) instanceof ArrayNode retain) {
            Set<String> keep = new HashSet<>();
            retain.forEach(k -> keep.add(k.asText()));
            result.retain(keep);
        }
    }

    private static JsonNode mergeList(JsonNode current, ArrayNode patch, PatchSchema.Shape list) {
        String mergeKey = list.mergeKey();
        ArrayNode result = current instanceof ArrayNode a ? a.deepCopy() : patch.arrayNode();
        for (JsonNode item : patch) {
            if (item.isObject() && item.path(PATCH).asText("").equals("replace")) {
                ArrayNode replaced = patch.arrayNode();
                patch.forEach(i -> {
                    if (i != item) {
                        replaced.add(strip(i));
                    }
                });
                return replaced;
            }
        }
        for (JsonNode item : patch) {
            if (mergeKey == null || !item.isObject()) {
                if (!contains(result, item)) {
                    result.add(strip(item));
                }
                continue;
            }
            JsonNode key = item.get(mergeKey);
            int at = indexOf(result, mergeKey, key);
            boolean delete = item.path(PATCH).asText("").equals("delete");
            if (delete) {
                if (at >= 0) {
                    result.remove(at);
                }
            } else if (at >= 0) {
                JsonNode merged = apply(result.get(at), item, list.items());
                if (merged == null) {
                    result.remove(at);
                } else {
                    result.set(at, merged);
                }
            } else {
                result.add(strip(item));
            }
        }
        return result;
    }

    /** The list in the order {@code order} gives (items it does not name keep their places after those it does). */
    private static ArrayNode order(ArrayNode list, JsonNode order, String mergeKey) {
        List<JsonNode> named = new ArrayList<>();
        List<JsonNode> rest = new ArrayList<>();
        list.forEach(rest::add);
        for (JsonNode o : order) {
            for (Iterator<JsonNode> it = rest.iterator(); it.hasNext(); ) {
                JsonNode item = it.next();
                boolean same =
                        mergeKey == null ? item.equals(o) : item.path(mergeKey).equals(o.path(mergeKey));
                if (same) {
                    named.add(item);
                    it.remove();
                    break;
                }
            }
        }
        ArrayNode result = list.arrayNode();
        named.forEach(result::add);
        rest.forEach(result::add);
        return result;
    }

    private static boolean contains(ArrayNode list, JsonNode item) {
        for (JsonNode i : list) {
            if (i.equals(item)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(ArrayNode list, String mergeKey, JsonNode key) {
        for (int i = 0; i < list.size(); i++) {
            if (key != null && key.equals(list.get(i).get(mergeKey))) {
                return i;
            }
        }
        return -1;
    }

    /** A copy of {@code node} without directives. */
    private static JsonNode strip(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            node.fields().forEachRemaining(e -> {
                if (!e.getKey().startsWith("$")) {
                    copy.set(e.getKey(), strip(e.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(i -> {
                if (!(i.isObject() && i.has(PATCH) && i.size() == 1)) {
                    copy.add(strip(i));
                }
            });
            return copy;
        }
        return node;
    }
}
