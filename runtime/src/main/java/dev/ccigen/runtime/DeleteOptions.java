package dev.ccigen.runtime;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of delete and deletecollection, sent as a {@code DeleteOptions} JSON body (what CCI documents).
 * The one {@code DeleteOptions} of the client: the model uses it too (an {@code Eviction}'s {@code deleteOptions}).
 * It is the JSON object itself: one read is written back exactly as it came (fields it has no method for, a
 * {@code dryRun} other than {@code All}, no {@code kind} or {@code apiVersion} where there were none), and one built
 * starts from {@code {"kind": "DeleteOptions", "apiVersion": "v1"}}, as Kubernetes' clients send it. Immutable.
 */
public final class DeleteOptions {

    /** What happens to the dependents of a deleted object. */
    public enum PropagationPolicy {
        Foreground,
        Background,
        Orphan
    }

    private final ObjectNode body;

    private DeleteOptions(ObjectNode body) {
        this.body = body;
    }

    /** A builder with nothing set but {@code kind} and {@code apiVersion}. */
    public static Builder builder() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("kind", "DeleteOptions");
        body.put("apiVersion", "v1");
        return new Builder(body);
    }

    /** No options: the server's defaults. */
    public static DeleteOptions none() {
        return builder().build();
    }

    /** Reads the JSON object, e.g. an {@code Eviction}'s {@code deleteOptions}: kept exactly as it is. */
    @JsonCreator
    public static DeleteOptions fromBody(ObjectNode body) {
        return new DeleteOptions(body.deepCopy());
    }

    /** A builder that starts from these options (a copy: this object never changes). */
    public Builder toBuilder() {
        return new Builder(body.deepCopy());
    }

    /** The JSON object these options are (a copy). */
    @JsonValue
    public ObjectNode toBody() {
        return body.deepCopy();
    }

    /** {@code propagationPolicy}, or null when not set or not one of {@link PropagationPolicy}'s. */
    public PropagationPolicy propagationPolicy() {
        JsonNode policy = body.get("propagationPolicy");
        if (policy == null || !policy.isTextual()) {
            return null;
        }
        for (PropagationPolicy p : PropagationPolicy.values()) {
            if (p.name().equals(policy.textValue())) {
                return p;
            }
        }
        return null;
    }

    /** {@code gracePeriodSeconds}, or null. */
    public Long gracePeriodSeconds() {
        JsonNode grace = body.get("gracePeriodSeconds");
        return grace != null && grace.canConvertToLong() ? grace.longValue() : null;
    }

    /** {@code dryRun}'s values (Kubernetes knows {@code All}); empty when not set. */
    public List<String> dryRun() {
        List<String> values = new ArrayList<>();
        body.path("dryRun").forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }

    /** Equal when they are the same JSON object. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DeleteOptions other && body.equals(other.body);
    }

    @Override
    public int hashCode() {
        return body.hashCode();
    }

    @Override
    public String toString() {
        return "DeleteOptions" + body;
    }

    /** Sets fields of a copy; {@link #build()} makes each time a new {@link DeleteOptions}. */
    public static final class Builder {
        private final ObjectNode body;

        private Builder(ObjectNode body) {
            this.body = body;
        }

        /** What happens to the deleted object's dependents. */
        public Builder propagationPolicy(PropagationPolicy policy) {
            if (policy == null) {
                body.remove("propagationPolicy");
            } else {
                body.put("propagationPolicy", policy.name());
            }
            return this;
        }

        /** 0 deletes at once. */
        public Builder gracePeriodSeconds(long seconds) {
            if (seconds == (int) seconds) {
                body.put("gracePeriodSeconds", (int) seconds); // as JSON reads it back, so equal objects are equal
            } else {
                body.put("gracePeriodSeconds", seconds);
            }
            return this;
        }

        /** Delete only if the object still has this uid (not a re-created namesake). */
        public Builder preconditionUid(String uid) {
            return precondition("uid", uid);
        }

        /** Delete only if nobody changed the object since this version. */
        public Builder preconditionResourceVersion(String resourceVersion) {
            return precondition("resourceVersion", resourceVersion);
        }

        /** Validate, but delete nothing ({@code dryRun: [All]}); false sends no {@code dryRun}. */
        public Builder dryRun(boolean dryRun) {
            if (dryRun) {
                ArrayNode all = body.putArray("dryRun");
                all.add("All");
            } else {
                body.remove("dryRun");
            }
            return this;
        }

        private Builder precondition(String name, String value) {
            JsonNode existing = body.get("preconditions");
            ObjectNode preconditions = existing instanceof ObjectNode object ? object : body.putObject("preconditions");
            if (value == null) {
                preconditions.remove(name);
            } else {
                preconditions.put(name, value);
            }
            return this;
        }

        /** The options set so far. */
        public DeleteOptions build() {
            return new DeleteOptions(body.deepCopy());
        }
    }
}
