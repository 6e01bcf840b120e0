package dev.ccigen.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Query parameters of a pod's {@code log} subresource. Immutable. */
public final class LogOptions {

    private final String container;
    private final Boolean follow;
    private final Boolean previous;
    private final Long sinceSeconds;
    private final Long tailLines;
    private final Boolean timestamps;
    private final Long limitBytes;

    private LogOptions(Builder b) {
        this.container = b.container;
        this.follow = b.follow;
        this.previous = b.previous;
        this.sinceSeconds = b.sinceSeconds;
        this.tailLines = b.tailLines;
        this.timestamps = b.timestamps;
        this.limitBytes = b.limitBytes;
    }

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** No options: the whole log of the pod's only container. */
    public static LogOptions none() {
        return builder().build();
    }

    /** Whether the log is followed as it grows. */
    public boolean follow() {
        return Boolean.TRUE.equals(follow);
    }

    /** The query parameters these options send. */
    public Map<String, List<String>> toQuery() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        ListOptions.put(query, "container", container);
        ListOptions.put(query, "follow", follow);
        ListOptions.put(query, "previous", previous);
        ListOptions.put(query, "sinceSeconds", sinceSeconds);
        ListOptions.put(query, "tailLines", tailLines);
        ListOptions.put(query, "timestamps", timestamps);
        ListOptions.put(query, "limitBytes", limitBytes);
        return query;
    }

    @Override
    public String toString() {
        return "LogOptions" + toQuery();
    }

    public static final class Builder {
        private String container;
        private Boolean follow;
        private Boolean previous;
        private Long sinceSeconds;
        private Long tailLines;
        private Boolean timestamps;
        private Long limitBytes;

        private Builder() {}

        /** Required when the pod has more than one container. */
        public Builder container(String container) {
            this.container = container;
            return this;
        }
        /** Keep the stream open for new lines (use {@code logStream}). */
        public Builder follow(boolean follow) {
            this.follow = follow;
            return this;
        }
        /** The log of the previous, terminated instance of the container. */
        public Builder previous(boolean previous) {
            this.previous = previous;
            return this;
        }
        /** Only lines newer than this many seconds. */
        public Builder sinceSeconds(long sinceSeconds) {
            this.sinceSeconds = sinceSeconds;
            return this;
        }
        /** Only the last lines, this many. */
        public Builder tailLines(long tailLines) {
            this.tailLines = tailLines;
            return this;
        }
        /** Prefix each line with its RFC 3339 time. */
        public Builder timestamps(boolean timestamps) {
            this.timestamps = timestamps;
            return this;
        }
        /** Stop after this many bytes. */
        public Builder limitBytes(long limitBytes) {
            this.limitBytes = limitBytes;
            return this;
        }

        /** The options set so far. */
        public LogOptions build() {
            return new LogOptions(this);
        }
    }
}
