package dev.ccigen.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How an {@link Informer} selects, pages, decodes and resyncs, and whom it tells of failures. Immutable:
 * {@code InformerOptions.builder().labelSelector("app=web").resyncPeriod(Duration.ofMinutes(10)).build()}.
 *
 * <p>Informers of one client on the same resource, namespace and selectors, keeping managedFields alike and with the
 * same transform (the same instance), share one list, one watch and one store: the first one's page size applies to
 * them all; the resync period and the failure listener are each informer's own.
 */
public final class InformerOptions {

    private final String labelSelector;
    private final String fieldSelector;
    private final long pageSize;
    private final Duration resyncPeriod;
    private final boolean keepManagedFields;
    private final Class<?> transformKind;
    private final UnaryOperator<?> transform;
    private final Informer.FailureListener failureListener;

    private InformerOptions(Builder b) {
        this.labelSelector = b.labelSelector;
        this.fieldSelector = b.fieldSelector;
        this.pageSize = b.pageSize;
        this.resyncPeriod = b.resyncPeriod;
        this.keepManagedFields = b.keepManagedFields;
        this.transformKind = b.transformKind;
        this.transform = b.transform;
        this.failureListener = b.failureListener;
    }

    /**
     * A builder with the defaults: every object, pages of 500, no resync, {@code metadata.managedFields} dropped, no
     * transform, failures only logged.
     */
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

    /** Whether cached objects keep {@code metadata.managedFields} (default: dropped while decoding). */
    public boolean keepManagedFields() {
        return keepManagedFields;
    }

    /** Told of each failure of the informer's list or watch, or null. */
    public Informer.FailureListener failureListener() {
        return failureListener;
    }

    /**
     * The transform, as one of objects of {@code kind}, or null.
     *
     * @throws IllegalArgumentException when the transform is one of another kind
     */
    @SuppressWarnings("unchecked") // checked against the kind it was given for
    <T> UnaryOperator<T> transformFor(Class<T> kind) {
        if (transform == null) {
            return null;
        }
        if (!transformKind.isAssignableFrom(kind)) {
            throw new IllegalArgumentException("a transform of " + transformKind.getSimpleName()
                    + " objects cannot be used by an informer of " + kind.getSimpleName());
        }
        return (UnaryOperator<T>) transform;
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
                + pageSize + ", resyncPeriod=" + resyncPeriod + ", keepManagedFields=" + keepManagedFields
                + (transform == null ? "" : ", transform of " + transformKind.getSimpleName())
                + (failureListener == null ? "" : ", failureListener") + "]";
    }

    /** Builds {@link InformerOptions}. */
    public static final class Builder {
        private String labelSelector;
        private String fieldSelector;
        private long pageSize = 500;
        private Duration resyncPeriod;
        private boolean keepManagedFields;
        private Class<?> transformKind;
        private UnaryOperator<?> transform;
        private Informer.FailureListener failureListener;

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

        /**
         * Keeps {@code metadata.managedFields} in the cached objects. By default they are skipped while decoding, as
         * most controllers do with client-go's {@code SetTransform}: they are often most of an object's size, and only
         * server-side apply reads them.
         */
        public Builder keepManagedFields(boolean keepManagedFields) {
            this.keepManagedFields = keepManagedFields;
            return this;
        }

        /**
         * Makes every object into {@code transform}'s result before it enters the store and reaches the handlers,
         * e.g. to drop what the program never reads: {@code transform(Pod.class, pod -> pod.toBuilder()...build())}.
         * The transform gets each object as read and must not change it; it runs on the informer's watch thread. One
         * that throws or returns null leaves the object as read (logged). Null turns it off.
         *
         * @param kind the class of the objects (the informer's kind or a supertype), checked when the informer starts
         */
        public <T> Builder transform(Class<T> kind, UnaryOperator<T> transform) {
            this.transformKind = transform == null ? null : Objects.requireNonNull(kind, "kind");
            this.transform = transform;
            return this;
        }

        /**
         * Tells {@code listener} of each failure of the informer's list or watch (not of a 410, which only makes it
         * list again), with how many came in a row: the informer goes on trying, this lets an operator alert when it
         * keeps failing. It runs on the informer's watch thread; keep it short.
         */
        public Builder failureListener(Informer.FailureListener listener) {
            this.failureListener = listener;
            return this;
        }

        /** The options set so far; the builder may go on. */
        public InformerOptions build() {
            return new InformerOptions(this);
        }
    }
}
