package dev.ccigen.runtime;

import java.time.Duration;

/**
 * How the client waits between retries and between a watch's or an informer's reconnects; replaceable so that tests
 * need not wait. The default waits in a way that {@code close()} of a watch, an informer or a session ends at once. A
 * sleeper of your own replaces the wait altogether: make it return promptly (record the duration, advance a test
 * clock), since nothing can cut it short.
 */
@FunctionalInterface
public interface Sleeper {

    /** Really waits; a close ends the wait at once. */
    Sleeper SYSTEM = WakeableSleeper.SYSTEM;

    /** Waits {@code duration}, or less if interrupted. */
    void sleep(Duration duration) throws InterruptedException;
}
