package dev.ccigen.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A patch and its kind, what {@code patch(name, patch)} sends:
 *
 * <pre>{@code
 * pods.patch("web", Patch.merge(Pod.builder().metadata(m -> m.putLabelsItem("tier", "frontend")).build()));
 * pods.patch("web", Patch.json().test("/metadata/resourceVersion", "42").remove("/metadata/labels/tier"));
 * deployments.patchScale("web", Patch.merge(Map.of("spec", Map.of("replicas", 3))));
 * }</pre>
 *
 * A merge patch (RFC 7386) is a partial object: what it sets is set, a map merges key by key, a list is replaced
 * whole; a model or a builder's object leaves its null fields out, so it removes nothing ({@link #json()}'s
 * {@code remove} does). A JSON Patch (RFC 6902) is a list of operations applied in order, all or none; its
 * {@code test} makes it conditional. Server-side apply is the resource's own {@code apply(object, fieldManager)}.
 * Immutable.
 */
public abstract sealed class Patch permits JsonPatch, Patch.Body {

    Patch() {}

    /**
     * A JSON merge patch ({@code application/merge-patch+json}) of {@code partial}: a model or a builder's object
     * (its null fields left out), a {@code Map}, a {@link JsonNode} (whose {@code null}s remove fields), or JSON
     * text.
     */
    public static Patch merge(Object partial) {
        return new Body(PatchType.MERGE, tree(partial));
    }

    /**
     * A strategic merge patch ({@code application/strategic-merge-patch+json}): a merge patch in which lists of
     * Kubernetes' built-in kinds merge by key (containers by {@code name}) instead of being replaced.
     */
    public static Patch strategicMerge(Object partial) {
        return new Body(PatchType.STRATEGIC_MERGE, tree(partial));
    }

    /** An empty JSON Patch ({@code application/json-patch+json}) to add operations to. */
    public static JsonPatch json() {
        return JsonPatch.EMPTY;
    }

    /**
     * A patch of {@code type} whose body is given as it is (JSON text, a {@link JsonNode}, any object), e.g. one read
     * from a file. {@link PatchType#APPLY} needs {@code PatchOptions.fieldManager}.
     */
    public static Patch of(PatchType type, Object body) {
        return new Body(Objects.requireNonNull(type, "type"), tree(body));
    }

    /** Its kind, which decides the {@code Content-Type}. */
    public abstract PatchType type();

    /** What is sent, as JSON. */
    public abstract JsonNode body();

    @Override
    public final boolean equals(Object o) {
        return o instanceof Patch other && type() == other.type() && body().equals(other.body());
    }

    @Override
    public final int hashCode() {
        return type().hashCode() * 31 + body().hashCode();
    }

    @Override
    public final String toString() {
        return "Patch[" + type() + " " + body() + "]";
    }

    private static JsonNode tree(Object value) {
        Objects.requireNonNull(value, "patch body");
        if (value instanceof String text) {
            try {
                return Json.mapper().readTree(text);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the patch is not JSON: " + e.getOriginalMessage(), e);
            }
        }
        if (value instanceof JsonNode node) {
            return node.deepCopy();
        }
        return Json.mapper().valueToTree(value);
    }

    /** A patch given as one body: merge, strategic merge, or any kind given as it is. */
    static final class Body extends Patch {
        private final PatchType type;
        private final JsonNode body;

        Body(PatchType type, JsonNode body) {
            this.type = type;
            this.body = body;
        }

        @Override
        public PatchType type() {
            return type;
        }

        @Override
        public JsonNode body() {
            return body.deepCopy();
        }
    }
}
