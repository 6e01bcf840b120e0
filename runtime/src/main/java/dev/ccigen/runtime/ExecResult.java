package dev.ccigen.runtime;

import java.nio.charset.StandardCharsets;

/**
 * What a command run to its end left: its exit code and output. The output is what the one-call form kept, at most
 * {@link ExecOptions#maxOutputBytes()} of each stream (16 MiB unless set); {@link #truncated()} says when more came.
 */
public final class ExecResult {

    private final int exitCode;
    private final byte[] stdout;
    private final byte[] stderr;
    private final boolean truncated;

    /** @param truncated whether stdout or stderr had more than was kept */
    public ExecResult(int exitCode, byte[] stdout, byte[] stderr, boolean truncated) {
        this.exitCode = exitCode;
        this.stdout = stdout.clone();
        this.stderr = stderr.clone();
        this.truncated = truncated;
    }

    /** The command's exit code: 0 for success. */
    public int exitCode() {
        return exitCode;
    }

    /** Its standard output as UTF-8 text (with a terminal, everything it wrote). */
    public String stdout() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Its standard error as UTF-8 text (empty with a terminal). */
    public String stderr() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** Its standard output, the bytes as they came. */
    public byte[] stdoutBytes() {
        return stdout.clone();
    }

    /** Its standard error, the bytes as they came. */
    public byte[] stderrBytes() {
        return stderr.clone();
    }

    /** Whether stdout or stderr had more than {@link ExecOptions#maxOutputBytes()}: the rest was dropped. */
    public boolean truncated() {
        return truncated;
    }

    @Override
    public String toString() {
        return "ExecResult[exit code " + exitCode + ", " + stdout.length + " bytes of stdout, " + stderr.length
                + " of stderr" + (truncated ? ", truncated" : "") + "]";
    }
}
