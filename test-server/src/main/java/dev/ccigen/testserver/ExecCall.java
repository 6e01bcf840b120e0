package dev.ccigen.testserver;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One exec (or attach) as the scripted pod sees it: which pod, container and command, and the streams the client
 * opened. Without stdin, {@link #stdin()} is empty; with a terminal, {@link #stderr()} writes to stdout, as with a
 * real terminal. Output written reaches the client at once.
 */
public final class ExecCall {
    private final String namespace;
    private final String pod;
    private final String container;
    private final List<String> command;
    private final boolean tty;
    private final boolean attach;
    private final InputStream stdin;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private volatile int columns;
    private volatile int rows;

    ExecCall(
            String namespace,
            String pod,
            String container,
            List<String> command,
            boolean tty,
            boolean attach,
            InputStream stdin,
            PrintStream stdout,
            PrintStream stderr) {
        this.namespace = namespace;
        this.pod = pod;
        this.container = container;
        this.command = List.copyOf(command);
        this.tty = tty;
        this.attach = attach;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** A call whose output goes to {@code stdout} and {@code stderr}, for a test of a handler itself. */
    public static ExecCall of(List<String> command, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        return new ExecCall("default", "pod", "", command, false, false, stdin, stdout, stderr);
    }

    public String namespace() {
        return namespace;
    }

    public String pod() {
        return pod;
    }

    /** The container asked for, or "" when the client named none (the pod's only, or first, container). */
    public String container() {
        return container;
    }

    /** The command and its arguments ({@code command} query parameters); empty for an attach. */
    public List<String> command() {
        return command;
    }

    /** Whether the client asked for a terminal. */
    public boolean tty() {
        return tty;
    }

    /** Whether this is an attach (to the container's main process) rather than an exec. */
    public boolean attach() {
        return attach;
    }

    /** What the client sends; ends when it closes stdin (or the connection), or at once without stdin. */
    public InputStream stdin() {
        return stdin;
    }

    public PrintStream stdout() {
        return stdout;
    }

    public PrintStream stderr() {
        return stderr;
    }

    /** The terminal's width the client last sent (resize), 0 before any. */
    public int columns() {
        return columns;
    }

    /** The terminal's height the client last sent (resize), 0 before any. */
    public int rows() {
        return rows;
    }

    void resize(int columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * Runs the command as a pod with nothing scripted does: a minimal shell with {@code echo ARGS}, {@code cat}
     * (stdin to stdout), {@code true}, {@code false}, {@code sleep N}, {@code hostname} (the pod's name), {@code pwd},
     * {@code exit N}, {@code sh -c 'SCRIPT'} (commands joined by {@code ;}, {@code &&}, {@code ||}; {@code >&2} sends
     * a command's output to stderr) and {@code sh} alone, which reads commands from stdin. Anything else exits 127
     * with {@code <name>: command not found} on stderr. An attach, with nothing scripted, echoes stdin to stdout.
     *
     * @return the exit code
     */
    public int shell() throws Exception {
        return new MinimalShell(this).run(attach ? List.of("cat") : command);
    }

    static PrintStream print(java.io.OutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
