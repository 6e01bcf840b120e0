package dev.ccigen.runtime;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Options of delete and deletecollection, sent as a {@code DeleteOptions} JSON body (what CCI documents).
 * The one {@code DeleteOptions} of the client: the model uses it too (an {@code Eviction}'s {@code deleteOptions}), and
 * it reads and writes as the JSON object, keeping fields it has no method for. Immutable.
 */
public final class DeleteOptions {

    /** What happens to the dependents of a deleted object. */
    public enum PropagationPolicy {
        Foreground,
        Background,
        Orphan
    }

    private final PropagationPolicy propagationPolicy;
    private final Long gracePeriodSeconds;
    private final String preconditionUid;
    private final String preconditionResourceVersion;
    private final boolean dryRun;
    /** Fields read that the builder has no method for (e.g. the deprecated {@code orphanDependents}), written back as read. */
    private final ObjectNode other;

    private DeleteOptions(Builder b) {
        this.propagationPolicy = b.propagationPolicy;
        this.gracePeriodSeconds = b.gracePeriodSeconds;
        this.preconditionUid = b.preconditionUid;
        this.preconditionResourceVersion = b.preconditionResourceVersion;
        this.dryRun = b.dryRun;
        this.other = b.other;
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** No options: the server's defaults. */
    public static DeleteOptions none() {
        return builder().build();
    }

    /** Reads the JSON object, e.g. an {@code Eviction}'s {@code deleteOptions}. */
    @JsonCreator
    public static DeleteOptions fromBody(ObjectNode body) {
        Builder b = builder();
        ObjectNode other = body.deepCopy();
        JsonNode policy = other.remove("propagationPolicy");
        if (policy != null && policy.isTextual()) {
            try {
                b.propagationPolicy(PropagationPolicy.valueOf(policy.asText()));
            } catch (IllegalArgumentException unknown) {
                other.set("propagationPolicy", policy); // a newer server's policy: kept as read
            }
        }
        JsonNode grace = other.remove("gracePeriodSeconds");
        if (grace != null && grace.canConvertToLong()) {
            b.gracePeriodSeconds(grace.asLong());
        }
        JsonNode preconditions = other.remove("preconditions");
        if (preconditions != null) {
            b.preconditionUid(preconditions.path("uid").textValue());
            b.preconditionResourceVersion(preconditions.path("resourceVersion").textValue());
        }
        JsonNode dryRun = other.remove("dryRun");
        b.dryRun(dryRun != null && dryRun.isArray() && dryRun.size() > 0);
        b.other = other;
        return b.build();
    }

    /** {@code {"kind":"DeleteOptions","apiVersion":"v1",...}} with the options that are set. */
    @JsonValue
    public ObjectNode toBody() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("kind", "DeleteOptions");
        body.put("apiVersion", "v1");
        if (other != null) {
            body.setAll(other);
        }
        if (propagationPolicy != null) {
            body.put("propagationPolicy", propagationPolicy.name());
        }
        if (gracePeriodSeconds != null) {
            body.put("gracePeriodSeconds", gracePeriodSeconds);
        }
        if (preconditionUid != null || preconditionResourceVersion != null) {
            ObjectNode preconditions = body.putObject("preconditions");
            if (preconditionUid != null) {
                preconditions.put("uid", preconditionUid);
            }
            if (preconditionResourceVersion != null) {
                preconditions.put("resourceVersion", preconditionResourceVersion);
            }
        }
        if (dryRun) {
            body.putArray("dryRun").add("All");
        }
        return body;
    }

    /** Equal when they send the same body. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DeleteOptions other && toBody().equals(other.toBody());
    }

    @Override
    public int hashCode() {
        return toBody().hashCode();
    }

    @Override
    public String toString() {
        return "DeleteOptions" + toBody();
    }

    public static final class Builder {
        private PropagationPolicy propagationPolicy;
        private Long gracePeriodSeconds;
        private String preconditionUid;
        private String preconditionResourceVersion;
        private boolean dryRun;
        private ObjectNode other;

        private Builder() {}

        /** What happens to the deleted object's dependents. */
        public Builder propagationPolicy(PropagationPolicy policy) {
            this.propagationPolicy = policy;
            return this;
        }
        /** 0 deletes at once. */
        public Builder gracePeriodSeconds(long seconds) {
            this.gracePeriodSeconds = seconds;
            return this;
        }
        /** Delete only if the object still has this uid (not a re-created namesake). */
        public Builder preconditionUid(String uid) {
            this.preconditionUid = uid;
            return this;
        }
        /** Delete only if nobody changed the object since this version. */
        public Builder preconditionResourceVersion(String resourceVersion) {
            this.preconditionResourceVersion = resourceVersion;
            return this;
        }
        /** Validate, but delete nothing ({@code dryRun: [All]}). */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** The options set so far. */
        public DeleteOptions build() {
            return new DeleteOptions(this);
        }
    }
}
