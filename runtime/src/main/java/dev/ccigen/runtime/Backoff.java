package dev.ccigen.runtime;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The waits between reconnects of a watch or an informer: exponential, with jitter so that many clients cut off
 * together do not come back together. Each wait lies within [step/2, step]; the step starts at {@link #FIRST_STEP},
 * doubles after each wait up to {@link #MAX_STEP}, and goes back to the start on {@link #reset()} (progress).
 */
final class Backoff {

    static final Duration FIRST_STEP = Duration.ofMillis(200);
    static final Duration MAX_STEP = Duration.ofSeconds(5);

    private long step = FIRST_STEP.toMillis();

    /** The next wait; the one after it will be longer, up to the cap. */
    Duration next() {
        long current = step;
        step = Math.min(MAX_STEP.toMillis(), current * 2);
        return Duration.ofMillis(current / 2 + ThreadLocalRandom.current().nextLong(current - current / 2 + 1));
    }

    /** Progress was made: the next wait is short again. */
    void reset() {
        step = FIRST_STEP.toMillis();
    }
}
