package dev.ccigen.runtime;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event of a watch: its type, the object decoded, and the raw JSON. It is written as Kubernetes writes a
 * {@code WatchEvent}: {@code {"type": ..., "object": {...}}}.
 *
 * @param <T> the watched kind
 */
public final class WatchEvent<T> {

    public enum Type {
        ADDED,
        MODIFIED,
        DELETED,
        BOOKMARK,
        ERROR
    }

    private final Type type;
    private final T object;
    private final JsonNode raw;

    /**
     * An event as a watch yields it (also for tests of code that handles events).
     *
     * @param type null for a type this client does not know, which {@code raw} then holds (as
     *             {@code Kinds.decode} reads a manifest of one)
     * @param raw the event's JSON, {@code {"type": ..., "object": {...}}}
     */
    public WatchEvent(Type type, T object, JsonNode raw) {
        this.type = type;
        this.object = object;
        this.raw = raw;
    }

    /** ADDED, MODIFIED, DELETED, BOOKMARK or ERROR (a watch raises its Status); null for a type not one of these. */
    public Type type() {
        return type;
    }

    /** The object; for a BOOKMARK only its {@code metadata.resourceVersion} is set. */
    public T object() {
        return object;
    }

    /** The whole event as received: {@code {"type": ..., "object": {...}}}. */
    public JsonNode raw() {
        return raw;
    }

    /** {@code {"type": ..., "object": {...}}}: the type as received, and the object as it is now. */
    @JsonValue
    public ObjectNode toJson() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("type", type != null ? type.name() : raw.path("type").asText());
        JsonNode written = object == null ? raw.get("object") : Json.mapper().valueToTree(object);
        if (written != null) {
            json.set("object", written);
        }
        return json;
    }

    @Override
    public String toString() {
        return "WatchEvent[" + type + " "
                + raw.path("object").path("metadata").path("name").asText("") + "]";
    }
}
