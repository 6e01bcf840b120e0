package dev.ccigen.runtime;

import java.time.Duration;

/**
 * How an {@link Informer} selects, pages and resyncs. Immutable:
 * {@code InformerOptions.builder().labelSelector("app=web").resyncPeriod(Duration.ofMinutes(10)).build()}.
 */
public final class InformerOptions {

    private final String labelSelector;
    private final String fieldSelector;
    private final long pageSize;
    private final Duration resyncPeriod;

    private InformerOptions(Builder b) {
        this.labelSelector = b.labelSelector;
        this.fieldSelector = b.fieldSelector;
        this.pageSize = b.pageSize;
        this.resyncPeriod = b.resyncPeriod;
    }

    /** A builder with the defaults: every object, pages of 500, no resync. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults. */
    public static InformerOptions none() {
        return builder().build();
    }

    /** The label selector, or null. */
    public String labelSelector() {
        return labelSelector;
    }

    /** The field selector, or null. */
    public String fieldSelector() {
        return fieldSelector;
    }

    /** How many objects one page of a list holds. */
    public long pageSize() {
        return pageSize;
    }

    /** How often every cached object is handed to {@code onUpdate(o, o)} again; null for never. */
    public Duration resyncPeriod() {
        return resyncPeriod;
    }

    /** The list and watch options these stand for (no resourceVersion, no page). */
    ListOptions.Builder listOptions() {
        ListOptions.Builder b = ListOptions.builder();
        if (labelSelector != null) {
            b.labelSelector(labelSelector);
        }
        if (fieldSelector != null) {
            b.fieldSelector(fieldSelector);
        }
        return b;
    }

    @Override
    public String toString() {
        return "InformerOptions[labelSelector=" + labelSelector + ", fieldSelector=" + fieldSelector + ", pageSize="
                + pageSize + ", resyncPeriod=" + resyncPeriod + "]";
    }

    /** Builds {@link InformerOptions}. */
    public static final class Builder {
        private String labelSelector;
        private String fieldSelector;
        private long pageSize = 500;
        private Duration resyncPeriod;

        private Builder() {}

        /** Only objects with these labels, e.g. {@code app=web,tier!=db}. */
        public Builder labelSelector(String labelSelector) {
            this.labelSelector = labelSelector;
            return this;
        }

        /** Only objects with these fields, e.g. {@code status.phase=Running}. */
        public Builder fieldSelector(String fieldSelector) {
            this.fieldSelector = fieldSelector;
            return this;
        }

        /** Objects per page when listing (default 500). */
        public Builder pageSize(long pageSize) {
            if (pageSize < 1) {
                throw new IllegalArgumentException("pageSize must be at least 1, not " + pageSize);
            }
            this.pageSize = pageSize;
            return this;
        }

        /** Hands every cached object to {@code onUpdate(o, o)} this often (default: never); null turns it off. */
        public Builder resyncPeriod(Duration resyncPeriod) {
            if (resyncPeriod != null && (resyncPeriod.isNegative() || resyncPeriod.isZero())) {
                throw new IllegalArgumentException("resyncPeriod must be positive, not " + resyncPeriod);
            }
            this.resyncPeriod = resyncPeriod;
            return this;
        }

        /** The options set so far; the builder may go on. */
        public InformerOptions build() {
            return new InformerOptions(this);
        }
    }
}
