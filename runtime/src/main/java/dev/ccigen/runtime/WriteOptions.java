package dev.ccigen.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query parameters of create and replace: Kubernetes gives both the same two ({@code dryRun}, {@code fieldManager}),
 * so one class serves both. Immutable.
 */
public final class WriteOptions {

    private static final WriteOptions NONE = new WriteOptions(false, null);

    private final boolean dryRun;
    private final String fieldManager;

    private WriteOptions(boolean dryRun, String fieldManager) {
        this.dryRun = dryRun;
        this.fieldManager = fieldManager;
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** No options: what {@code create(object)} and {@code replace(object)} send. */
    public static WriteOptions none() {
        return NONE;
    }

    /** {@code dryRun=All} when set, and {@code fieldManager}. */
    public Map<String, List<String>> toQuery() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        ListOptions.put(query, "dryRun", dryRun ? "All" : null);
        ListOptions.put(query, "fieldManager", fieldManager);
        return query;
    }

    @Override
    public String toString() {
        return "WriteOptions" + toQuery();
    }

    /** Builds {@link WriteOptions}; each {@link #build()} returns a new, independent object. */
    public static final class Builder {
        private boolean dryRun;
        private String fieldManager;

        private Builder() {}

        /** Validate and admit, but persist nothing ({@code dryRun=All}). */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }
        /** The name the server records as the manager of the fields this request sets. */
        public Builder fieldManager(String fieldManager) {
            this.fieldManager = fieldManager;
            return this;
        }

        /** The options set so far. */
        public WriteOptions build() {
            return new WriteOptions(dryRun, fieldManager);
        }
    }
}
