package dev.ccigen.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to run a command in a container ({@code exec}) or join its main process ({@code attach}). Immutable.
 * By default: the pod's only container, no stdin, stdout and stderr kept apart, no terminal, no time limit, and at
 * most {@link #DEFAULT_MAX_OUTPUT_BYTES} of each output stream kept by the one-call form.
 */
public final class ExecOptions {

    /** What the one-call form keeps of each of stdout and stderr unless told otherwise: 16 MiB. */
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

    private final String container;
    private final boolean stdin;
    private final boolean stdout;
    private final boolean stderr;
    private final boolean tty;
    private final byte[] input;
    private final Duration timeout;
    private final int maxOutputBytes;

    private ExecOptions(Builder b) {
        this.container = b.container;
        this.input = b.input;
        this.stdin = b.stdin || b.input != null;
        this.stdout = b.stdout;
        this.tty = b.tty;
        this.stderr = b.stderr && !b.tty; // a terminal has one output stream: Kubernetes refuses stderr with tty
        this.timeout = b.timeout;
        this.maxOutputBytes = b.maxOutputBytes;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: the pod's only container, stdout and stderr, no stdin, no terminal, no time limit. */
    public static ExecOptions none() {
        return builder().build();
    }

    /** The container, or null for the pod's only one. */
    public String container() {
        return container;
    }

    /** Whether a stdin stream is opened. */
    public boolean stdin() {
        return stdin;
    }

    /** Whether stdout is read. */
    public boolean stdout() {
        return stdout;
    }

    /** Whether stderr is read apart from stdout (never with a terminal). */
    public boolean stderr() {
        return stderr;
    }

    /** Whether the process gets a terminal. */
    public boolean tty() {
        return tty;
    }

    /** What the one-call form writes to stdin before closing it, or null. */
    public byte[] input() {
        return input == null ? null : input.clone();
    }

    /** The longest the one-call form waits for the command to end, or null for no limit. */
    public Duration timeout() {
        return timeout;
    }

    /** What the one-call form keeps of each output stream; what comes beyond is read and dropped. */
    public int maxOutputBytes() {
        return maxOutputBytes;
    }

    /** The query parameters these options send with {@code command} (empty for attach): one {@code command=} per argument. */
    public Map<String, List<String>> toQuery(List<String> command) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (!command.isEmpty()) {
            query.put("command", List.copyOf(command));
        }
        ListOptions.put(query, "container", container);
        ListOptions.put(query, "stdin", stdin);
        ListOptions.put(query, "stdout", stdout);
        ListOptions.put(query, "stderr", stderr);
        ListOptions.put(query, "tty", tty);
        return query;
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.container = container;
        b.stdin = stdin;
        b.stdout = stdout;
        b.stderr = stderr;
        b.tty = tty;
        b.input = input;
        b.timeout = timeout;
        b.maxOutputBytes = maxOutputBytes;
        return b;
    }

    @Override
    public String toString() {
        return "ExecOptions" + toQuery(List.of()) + (timeout == null ? "" : " timeout " + timeout);
    }

    /** Builds {@link ExecOptions}. */
    public static final class Builder {
        private String container;
        private boolean stdin;
        private boolean stdout = true;
        private boolean stderr = true;
        private boolean tty;
        private byte[] input;
        private Duration timeout;
        private int maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES;

        private Builder() {}

        /** The container to run in; needed when the pod has more than one. */
        public Builder container(String container) {
            this.container = container;
            return this;
        }

        /** Opens stdin (for a session: {@link ExecSession#stdin()}). */
        public Builder stdin(boolean stdin) {
            this.stdin = stdin;
            return this;
        }

        /** Reads stdout (default true). */
        public Builder stdout(boolean stdout) {
            this.stdout = stdout;
            return this;
        }

        /** Reads stderr apart from stdout (default true; never with a terminal). */
        public Builder stderr(boolean stderr) {
            this.stderr = stderr;
            return this;
        }

        /** Gives the process a terminal: stderr comes on stdout, and {@link ExecSession#resize} works. */
        public Builder tty(boolean tty) {
            this.tty = tty;
            return this;
        }

        /**
         * What the one-call form writes to stdin, then closes it (opens stdin). The close reaches the process only over
         * {@code v5.channel.k8s.io}; an older server keeps stdin open, so a command reading to its end would wait.
         */
        public Builder input(byte[] input) {
            this.input = input == null ? null : input.clone();
            return this;
        }

        /** {@link #input(byte[])} of UTF-8 text. */
        public Builder input(String input) {
            return input(input == null ? null : input.getBytes(StandardCharsets.UTF_8));
        }

        /** The longest the one-call form waits; past it, the connection is closed and a {@code TransportException} raised. */
        public Builder timeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("timeout must be positive, not " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** What the one-call form keeps of each output stream (at least 0); the rest is read and dropped. */
        public Builder maxOutputBytes(int maxOutputBytes) {
            if (maxOutputBytes < 0) {
                throw new IllegalArgumentException("maxOutputBytes must be 0 or more, not " + maxOutputBytes);
            }
            this.maxOutputBytes = maxOutputBytes;
            return this;
        }

        /** The options. */
        public ExecOptions build() {
            return new ExecOptions(this);
        }
    }
}
