package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Server-side apply and who manages which field, kept in {@code metadata.managedFields} ({@code FieldsV1}) as the API
 * server keeps it, simplified: a field is a path of map keys to a value that is not a map (or is an empty one); a list
 * is one field, owned whole (the API server tracks list items by their keys). An applier owns the fields of its last
 * applied configuration; a plain write (create, update, patch) by another manager takes over the fields it changes.
 */
final class FieldManagers {
    private static final Set<String> SYSTEM_METADATA = Set.of(
            "name",
            "namespace",
            "uid",
            "resourceVersion",
            "generation",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "managedFields",
            "selfLink");

    private FieldManagers() {}

    /** One entry of {@code managedFields}: a manager, its operation and the fields it owns. */
    private record Key(String manager, String operation, String subresource) {}

    /**
     * {@code current} with {@code applied} merged in by {@code manager}, as a new object (neither argument changes).
     *
     * @throws StatusError 409 {@code Conflict} when {@code applied} changes a field another manager owns, without
     *     {@code force}
     */
    static ObjectNode apply(
            ResourceType type,
            ObjectNode current,
            ObjectNode applied,
            String manager,
            boolean force,
            String apiVersion,
            String time) {
        Map<Key, Set<List<String>>> owners = read(current);
        Key me = new Key(manager, "Apply", "");
        Set<List<String>> fields = new LinkedHashSet<>();
        leaves(applied, new ArrayList<>(), fields, false);
        Set<List<String>> taken = new LinkedHashSet<>();
        List<StatusError.Cause> conflicts = conflicts(current, applied, fields, owners, me, apiVersion, taken);
        if (!conflicts.isEmpty() && !force) {
            List<String> lines =
                    conflicts.stream().map(c -> c.message() + ": " + c.field()).toList();
            String name = current.path("metadata").path("name").asText();
            throw new StatusError(
                    409,
                    "Conflict",
                    "Apply failed with " + conflicts.size() + " conflict" + (conflicts.size() == 1 ? "" : "s") + ": "
                            + String.join("\n", lines),
                    type,
                    name,
                    type.plural(),
                    conflicts);
        }
        for (Map.Entry<Key, Set<List<String>>> e : owners.entrySet()) {
            if (!e.getKey().equals(me)) {
                e.getValue().removeAll(taken);
            }
        }
        ObjectNode next = current.deepCopy();
        Set<List<String>> before = owners.getOrDefault(me, Set.of());
        for (List<String> field : before) {
            if (!fields.contains(field)
                    && owners.entrySet().stream()
                            .noneMatch(
                                    e -> !e.getKey().equals(me) && e.getValue().contains(field))) {
                removeAt(next, field);
            }
        }
        merge(next, applied, true);
        owners.put(me, fields);
        write(next, owners, apiVersion, time);
        return next;
    }

    /**
     * The fields of {@code applied} that another manager set to another value: a cause each, the fields into
     * {@code taken}.
     */
    private static List<StatusError.Cause> conflicts(
            ObjectNode current,
            ObjectNode applied,
            Set<List<String>> fields,
            Map<Key, Set<List<String>>> owners,
            Key me,
            String apiVersion,
            Set<List<String>> taken) {
        List<StatusError.Cause> conflicts = new ArrayList<>();
        for (List<String> field : fields) {
            JsonNode now = at(current, field);
            if (now.isMissingNode() || now.equals(at(applied, field))) {
                continue;
            }
            for (Map.Entry<Key, Set<List<String>>> e : owners.entrySet()) {
                if (!e.getKey().equals(me) && e.getValue().contains(field)) {
                    conflicts.add(new StatusError.Cause(
                            "FieldManagerConflict",
                            "conflict with \"" + e.getKey().manager() + "\" using " + apiVersion,
                            "." + String.join(".", field)));
                    taken.add(field);
                }
            }
        }
        return conflicts;
    }

    /** Records the fields of a created object as applied by {@code manager} (a create through apply). */
    static void recordApply(
            ObjectNode current, ObjectNode object, ObjectNode applied, String manager, String apiVersion, String time) {
        Map<Key, Set<List<String>>> owners = current == null ? new LinkedHashMap<>() : read(current);
        Set<List<String>> fields = new LinkedHashSet<>();
        leaves(applied, new ArrayList<>(), fields, false);
        owners.put(new Key(manager, "Apply", ""), fields);
        write(object, owners, apiVersion, time);
    }

    /**
     * A plain write by {@code manager} (null: "unknown") turned {@code current} into {@code next}: it takes over the
     * fields it changed, and removed fields are no one's. Changes {@code next}'s {@code managedFields}.
     */
    static void recordUpdate(
            ObjectNode current, ObjectNode next, String manager, boolean status, String apiVersion, String time) {
        Map<Key, Set<List<String>>> owners = read(next);
        Set<List<String>> changed = new LinkedHashSet<>();
        Set<List<String>> removed = new LinkedHashSet<>();
        diff(current, next, new ArrayList<>(), changed, removed, status);
        if (changed.isEmpty() && removed.isEmpty()) {
            return;
        }
        for (Set<List<String>> owned : owners.values()) {
            owned.removeAll(changed);
            owned.removeAll(removed);
        }
        if (!changed.isEmpty()) {
            Key key = new Key(manager == null ? "unknown" : manager, "Update", status ? "status" : "");
            owners.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(changed);
        }
        write(next, owners, apiVersion, time);
    }

    // ---- fields ----

    /** Whether a field belongs to the object's owners at all (not the server's metadata, not the status). */
    private static boolean owned(List<String> path, String key, boolean status) {
        if (path.isEmpty()) {
            return status
                    ? key.equals("status")
                    : !key.equals("apiVersion") && !key.equals("kind") && !key.equals("status");
        }
        return !(path.size() == 1 && path.get(0).equals("metadata") && SYSTEM_METADATA.contains(key));
    }

    /** The fields of {@code node} under {@code path}. */
    private static void leaves(JsonNode node, List<String> path, Set<List<String>> into, boolean status) {
        if (!node.isObject() || (node.isEmpty() && !path.isEmpty())) {
            into.add(List.copyOf(path));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (owned(path, e.getKey(), status)) {
                path.add(e.getKey());
                leaves(e.getValue(), path, into, status);
                path.remove(path.size() - 1);
            }
        }
    }

    /** The fields {@code after} has with another value than in {@code before}, and those it no longer has. */
    private static void diff(
            JsonNode before,
            JsonNode after,
            List<String> path,
            Set<List<String>> changed,
            Set<List<String>> removed,
            boolean status) {
        if (isMap(before, path) && isMap(after, path)) {
            Set<String> keys = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                if (owned(path, key, status)) {
                    path.add(key);
                    diff(before.path(key), after.path(key), path, changed, removed, status);
                    path.remove(path.size() - 1);
                }
            }
            return;
        }
        if (before.equals(after)) {
            return;
        }
        Set<List<String>> now = new LinkedHashSet<>();
        if (!after.isMissingNode()) {
            leaves(after, path, now, status);
            changed.addAll(now);
        }
        if (!before.isMissingNode()) {
            Set<List<String>> old = new LinkedHashSet<>();
            leaves(before, path, old, status);
            old.removeAll(now);
            removed.addAll(old);
        }
    }

    private static boolean isMap(JsonNode node, List<String> path) {
        return node.isObject() && (path.isEmpty() || !node.isEmpty());
    }

    private static JsonNode at(JsonNode node, List<String> path) {
        JsonNode n = node;
        for (String key : path) {
            n = n.path(key);
        }
        return n;
    }

    private static void removeAt(ObjectNode node, List<String> path) {
        JsonNode parent = at(node, path.subList(0, path.size() - 1));
        if (parent instanceof ObjectNode o) {
            o.remove(path.get(path.size() - 1));
        }
    }

    /** Merges {@code from} into {@code into}: maps key by key, anything else replaced, null removes. */
    static void merge(ObjectNode into, JsonNode from, boolean top) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (top && key.equals("status")) {
                continue;
            }
            if (value.isNull()) {
                into.remove(key);
            } else if (value.isObject() && into.get(key) instanceof ObjectNode child && !value.isEmpty()) {
                ObjectNode copy = child.deepCopy();
                merge(copy, value, false);
                into.set(key, copy);
            } else {
                into.set(key, value.deepCopy());
            }
        }
    }

    // ---- managedFields ----

    private static Map<Key, Set<List<String>>> read(ObjectNode object) {
        Map<Key, Set<List<String>>> owners = new LinkedHashMap<>();
        for (JsonNode entry : object.path("metadata").path("managedFields")) {
            Key key = new Key(
                    entry.path("manager").asText(""),
                    entry.path("operation").asText("Update"),
                    entry.path("subresource").asText(""));
            Set<List<String>> fields = owners.computeIfAbsent(key, k -> new LinkedHashSet<>());
            decode(entry.path("fieldsV1"), new ArrayList<>(), fields);
        }
        return owners;
    }

    /** FieldsV1 to paths: {@code f:<key>} descends; {@code .} or an empty node is a field; list items own their list. */
    private static void decode(JsonNode node, List<String> path, Set<List<String>> into) {
        if (node.isEmpty()) {
            if (!path.isEmpty()) {
                into.add(List.copyOf(path));
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals(".")) {
                into.add(List.copyOf(path));
            } else if (key.startsWith("f:")) {
                path.add(key.substring(2));
                decode(e.getValue(), path, into);
                path.remove(path.size() - 1);
            } else if (!path.isEmpty()) { // k:, v:, i: (a list's items): the list is the field
                into.add(List.copyOf(path));
            }
        }
    }

    private static void write(ObjectNode object, Map<Key, Set<List<String>>> owners, String apiVersion, String time) {
        ArrayNode entries = object.arrayNode();
        for (Map.Entry<Key, Set<List<String>>> e : owners.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            ObjectNode entry = entries.addObject()
                    .put("manager", e.getKey().manager())
                    .put("operation", e.getKey().operation())
                    .put("apiVersion", apiVersion)
                    .put("time", time)
                    .put("fieldsType", "FieldsV1");
            ObjectNode fields = entry.putObject("fieldsV1");
            List<List<String>> paths = new ArrayList<>(e.getValue());
            paths.sort((a, b) -> b.size() - a.size()); // deeper first: a field that also has fields below gets "."
            for (List<String> path : paths) {
                ObjectNode n = fields;
                for (String key : path) {
                    n = ObjectStore.child(n, "f:" + key);
                }
                if (!n.isEmpty()) {
                    n.putObject(".");
                }
            }
            if (!e.getKey().subresource().isEmpty()) {
                entry.put("subresource", e.getKey().subresource());
            }
        }
        ObjectStore.child(object, "metadata").set("managedFields", entries);
    }
}
