package dev.ccigen.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Query parameters of list, watch and deletecollection. Immutable; unset options are not sent. */
public final class ListOptions {

    private final String labelSelector;
    private final String fieldSelector;
    private final Long limit;
    private final String continueToken;
    private final String resourceVersion;
    private final String resourceVersionMatch;
    private final Integer timeoutSeconds;
    private final Boolean allowWatchBookmarks;
    private final boolean resumeWatch;
    private final int maxWatchResumes;

    private ListOptions(Builder b) {
        this.labelSelector = b.labelSelector;
        this.fieldSelector = b.fieldSelector;
        this.limit = b.limit;
        this.continueToken = b.continueToken;
        this.resourceVersion = b.resourceVersion;
        this.resourceVersionMatch = b.resourceVersionMatch;
        this.timeoutSeconds = b.timeoutSeconds;
        this.allowWatchBookmarks = b.allowWatchBookmarks;
        this.resumeWatch = b.resumeWatch;
        this.maxWatchResumes = b.maxWatchResumes;
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** No options: everything, in one page. */
    public static ListOptions none() {
        return builder().build();
    }

    /** A builder holding these options, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.labelSelector = labelSelector;
        b.fieldSelector = fieldSelector;
        b.limit = limit;
        b.continueToken = continueToken;
        b.resourceVersion = resourceVersion;
        b.resourceVersionMatch = resourceVersionMatch;
        b.timeoutSeconds = timeoutSeconds;
        b.allowWatchBookmarks = allowWatchBookmarks;
        b.resumeWatch = resumeWatch;
        b.maxWatchResumes = maxWatchResumes;
        return b;
    }

    /** The resourceVersion set, or null. */
    public String resourceVersion() {
        return resourceVersion;
    }

    /** Whether a watch goes on, from the last resourceVersion it saw, when its stream ends or is cut. */
    public boolean resumeWatch() {
        return resumeWatch;
    }

    /** How many failed streams or reconnects in a row, without progress in between, a resumed watch tries. */
    public int maxWatchResumes() {
        return maxWatchResumes;
    }

    /** The query parameters, in Kubernetes' spelling. */
    public Map<String, List<String>> toQuery() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        put(query, "labelSelector", labelSelector);
        put(query, "fieldSelector", fieldSelector);
        put(query, "limit", limit);
        put(query, "continue", continueToken);
        put(query, "resourceVersion", resourceVersion);
        put(query, "resourceVersionMatch", resourceVersionMatch);
        put(query, "timeoutSeconds", timeoutSeconds);
        put(query, "allowWatchBookmarks", allowWatchBookmarks);
        return query;
    }

    static void put(Map<String, List<String>> query, String name, Object value) {
        if (value != null) {
            query.put(name, List.of(String.valueOf(value)));
        }
    }

    @Override
    public String toString() {
        return "ListOptions" + toQuery();
    }

    public static final class Builder {
        private String labelSelector;
        private String fieldSelector;
        private Long limit;
        private String continueToken;
        private String resourceVersion;
        private String resourceVersionMatch;
        private Integer timeoutSeconds;
        private Boolean allowWatchBookmarks;
        private boolean resumeWatch;
        private int maxWatchResumes = 5;

        private Builder() {}

        /** E.g. {@code app=web,tier!=db}. */
        public Builder labelSelector(String labelSelector) {
            this.labelSelector = labelSelector;
            return this;
        }
        /** E.g. {@code metadata.name=web-0}. */
        public Builder fieldSelector(String fieldSelector) {
            this.fieldSelector = fieldSelector;
            return this;
        }
        /** Page size; {@link ResourceCalls#listAll} follows the continue tokens. */
        public Builder limit(long limit) {
            this.limit = limit;
            return this;
        }
        /** The page to start at: the previous page's {@code metadata.continue}. */
        public Builder continueToken(String continueToken) {
            this.continueToken = continueToken;
            return this;
        }
        /** Where a list or watch starts: {@code 0} for any cached version, or a version seen before. */
        public Builder resourceVersion(String resourceVersion) {
            this.resourceVersion = resourceVersion;
            return this;
        }
        /** {@code Exact} or {@code NotOlderThan}. */
        public Builder resourceVersionMatch(String resourceVersionMatch) {
            this.resourceVersionMatch = resourceVersionMatch;
            return this;
        }
        /** How long the server keeps a watch open before it ends it. */
        public Builder timeoutSeconds(int timeoutSeconds) {
            this.timeoutSeconds = timeoutSeconds;
            return this;
        }
        /** Ask for BOOKMARK events, which carry only a newer resourceVersion. */
        public Builder allowWatchBookmarks(boolean allowWatchBookmarks) {
            this.allowWatchBookmarks = allowWatchBookmarks;
            return this;
        }
        /**
         * Go on after the server ends the stream or it is cut, from the last resourceVersion seen, with a growing
         * wait between reconnects (default off: the iteration ends with the stream). Not sent.
         */
        public Builder resumeWatch(boolean resumeWatch) {
            this.resumeWatch = resumeWatch;
            return this;
        }
        /** Bound on failures in a row (cut streams, failed reconnects) of a resumed watch (default 5). Not sent. */
        public Builder maxWatchResumes(int maxWatchResumes) {
            this.maxWatchResumes = maxWatchResumes;
            return this;
        }

        /** The options set so far; the builder may go on. */
        public ListOptions build() {
            return new ListOptions(this);
        }
    }
}
