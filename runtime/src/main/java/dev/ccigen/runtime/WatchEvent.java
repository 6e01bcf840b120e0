package dev.ccigen.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of a watch: its type, the object decoded, and the raw JSON.
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
     * @param raw the event's JSON, {@code {"type": ..., "object": {...}}}
     */
    public WatchEvent(Type type, T object, JsonNode raw) {
        this.type = type;
        this.object = object;
        this.raw = raw;
    }

    /** ADDED, MODIFIED, DELETED, BOOKMARK or ERROR. */
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

    @Override
    public String toString() {
        return "WatchEvent[" + type + " "
                + raw.path("object").path("metadata").path("name").asText("") + "]";
    }
}
