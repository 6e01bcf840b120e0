package dev.ccigen.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A JSON Patch (RFC 6902, {@code application/json-patch+json}): operations the server applies in order, all or
 * none. Each method returns a new patch with one more operation, so a patch can be shared and extended:
 *
 * <pre>{@code
 * pods.patch("web", Patch.json()
 *         .test("/metadata/resourceVersion", "42")    // only if nobody changed it since
 *         .add("/metadata/labels/tier", "frontend")
 *         .remove("/metadata/annotations/" + JsonPatch.escape("example.com/note")));
 * }</pre>
 *
 * A path is a JSON Pointer (RFC 6901): {@code /spec/containers/0/image}; {@code -} as the last segment appends to a
 * list; {@link #escape} writes a key that holds {@code /} or {@code ~}. A value is any object (a model, a
 * {@code Map}, a {@link JsonNode}, a String…), written as the client writes JSON.
 */
public final class JsonPatch extends Patch {

    static final JsonPatch EMPTY = new JsonPatch(Json.mapper().createArrayNode());

    private final ArrayNode operations;

    private JsonPatch(ArrayNode operations) {
        this.operations = operations;
    }

    /** Adds {@code value} at {@code path}: a new field or map entry, a list item inserted, or a field replaced. */
    public JsonPatch add(String path, Object value) {
        return with("add", path, "value", value);
    }

    /** Replaces the value at {@code path}, which must exist. */
    public JsonPatch replace(String path, Object value) {
        return with("replace", path, "value", value);
    }

    /** Removes the value at {@code path}, which must exist. */
    public JsonPatch remove(String path) {
        return with("remove", path, null, null);
    }

    /** Fails the whole patch (422, nothing changed) unless the value at {@code path} equals {@code value}. */
    public JsonPatch test(String path, Object value) {
        return with("test", path, "value", value);
    }

    /** Moves the value at {@code from} to {@code path}. */
    public JsonPatch move(String from, String path) {
        return with("move", path, "from", from);
    }

    /** Copies the value at {@code from} to {@code path}. */
    public JsonPatch copy(String from, String path) {
        return with("copy", path, "from", from);
    }

    /**
     * One key as a JSON Pointer segment: {@code ~} becomes {@code ~0} and {@code /} becomes {@code ~1}, so that
     * {@code "/metadata/labels/" + escape("app.kubernetes.io/name")} points at that label.
     */
    public static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** How many operations the patch has. */
    public int size() {
        return operations.size();
    }

    @Override
    public PatchType type() {
        return PatchType.JSON;
    }

    /** The list of operations, {@code [{"op": "add", "path": …, "value": …}, …]}. */
    @Override
    public JsonNode body() {
        return operations.deepCopy();
    }

    private JsonPatch with(String op, String path, String argument, Object value) {
        Objects.requireNonNull(path, "path");
        if (!path.isEmpty() && !path.startsWith("/")) {
            throw new IllegalArgumentException(
                    "a JSON Patch path is a JSON Pointer, starting with /: \"" + path + "\"");
        }
        ArrayNode copy = operations.deepCopy();
        ObjectNode operation = copy.addObject();
        operation.put("op", op);
        if ("from".equals(argument)) {
            operation.put("from", Objects.requireNonNull((String) value, "from"));
        }
        operation.put("path", path);
        if ("value".equals(argument)) {
            operation.set(
                    "value",
                    value == null ? NullNode.getInstance() : Json.mapper().valueToTree(value));
        }
        return new JsonPatch(copy);
    }
}
