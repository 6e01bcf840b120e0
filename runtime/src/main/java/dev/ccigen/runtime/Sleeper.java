package dev.ccigen.runtime;

import java.time.Duration;

/** How the transport waits between retries; replaceable so that tests need not wait. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    /** Waits {@code duration}, or less if interrupted. */
    void sleep(Duration duration) throws InterruptedException;
}
