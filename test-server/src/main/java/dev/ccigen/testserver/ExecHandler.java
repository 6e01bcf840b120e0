package dev.ccigen.testserver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What a scripted pod does when a client execs a command in it (or attaches to it): reads the call's stdin, writes
 * its stdout and stderr, and returns the exit code. It runs on a thread of its own for each call, so it may block and
 * sleep; what it writes reaches the client as it is written. An exception it throws ends the call with a
 * {@code Failure} Status carrying its message, as a command that could not run at all.
 *
 * <pre>{@code
 * server.pod("my-namespace", "web")
 *         .exec(List.of("date"), ExecHandler.reply("Mon Jan  1 00:00:00 UTC 2024\n", "", 0))
 *         .exec(List.of("migrate"), call -> {
 *             call.stdout().println("migrating");
 *             Thread.sleep(200);
 *             return 3;
 *         });
 * }</pre>
 */
@FunctionalInterface
public interface ExecHandler {
    /**
     * Runs one call.
     *
     * @return the exit code: 0 answers {@code Success}, another a {@code NonZeroExitCode} failure with that code
     */
    int run(ExecCall call) throws Exception;

    /** Prints {@code stdout} and {@code stderr}, then exits with {@code exitCode}. */
    static ExecHandler reply(String stdout, String stderr, int exitCode) {
        return call -> {
            call.stdout().write(stdout.getBytes(StandardCharsets.UTF_8));
            call.stderr().write(stderr.getBytes(StandardCharsets.UTF_8));
            return exitCode;
        };
    }

    /** What a pod answers with nothing scripted: a minimal shell (see {@link ExecCall#shell()}). */
    static ExecHandler shell() {
        return ExecCall::shell;
    }

    /** This handler, started {@code delay} later. */
    default ExecHandler after(Duration delay) {
        return call -> {
            Thread.sleep(delay.toMillis());
            return run(call);
        };
    }
}
