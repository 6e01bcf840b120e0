package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code scale} subresource: an {@code autoscaling/v1} {@code Scale} read from, and written into, the object's
 * {@code spec.replicas} (as for Deployments, StatefulSets and ReplicaSets).
 */
final class Scales {
    private Scales() {}

    /** The Scale of {@code object}. */
    static ObjectNode of(ObjectNode object) {
        ObjectNode scale =
                object.objectNode().put("apiVersion", "autoscaling/v1").put("kind", "Scale");
        ObjectNode meta = scale.putObject("metadata");
        for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            JsonNode v = object.path("metadata").get(field);
            if (v != null) {
                meta.set(field, v);
            }
        }
        scale.putObject("spec")
                .put("replicas", object.path("spec").path("replicas").asInt(0));
        scale.putObject("status")
                .put("replicas", object.path("status").path("replicas").asInt(0));
        return scale;
    }

    /** {@code object} with the replicas of {@code scale}, and its resourceVersion (so a stale Scale is a conflict). */
    static ObjectNode apply(ObjectNode object, JsonNode scale) {
        ObjectNode next = object.deepCopy();
        ObjectStore.child(next, "spec")
                .put("replicas", scale.path("spec").path("replicas").asInt(0));
        String version = scale.path("metadata").path("resourceVersion").asText("");
        if (!version.isEmpty()) {
            ObjectStore.child(next, "metadata").put("resourceVersion", version);
        }
        return next;
    }
}
