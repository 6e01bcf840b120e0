package dev.ccigen.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Query parameters of patch. Immutable. An {@link PatchType#APPLY} patch needs a field manager. */
public final class PatchOptions {

    private final boolean dryRun;
    private final String fieldManager;
    private final Boolean force;

    private PatchOptions(Builder b) {
        this.dryRun = b.dryRun;
        this.fieldManager = b.fieldManager;
        this.force = b.force;
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** No options: what {@code patch(name, type, body)} sends. */
    public static PatchOptions none() {
        return builder().build();
    }

    /** The field manager set, or null. */
    public String fieldManager() {
        return fieldManager;
    }

    /** The query parameters these options send. */
    public Map<String, List<String>> toQuery() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        ListOptions.put(query, "dryRun", dryRun ? "All" : null);
        ListOptions.put(query, "fieldManager", fieldManager);
        ListOptions.put(query, "force", force);
        return query;
    }

    @Override
    public String toString() {
        return "PatchOptions" + toQuery();
    }

    public static final class Builder {
        private boolean dryRun;
        private String fieldManager;
        private Boolean force;

        private Builder() {}

        /** Validate and admit, but persist nothing ({@code dryRun=All}). */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }
        /** The name the server records as the manager of the fields this patch sets (required for APPLY). */
        public Builder fieldManager(String fieldManager) {
            this.fieldManager = fieldManager;
            return this;
        }
        /** Server-side apply only: take ownership of fields other managers own. */
        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        /** The options set so far. */
        public PatchOptions build() {
            return new PatchOptions(this);
        }
    }
}
