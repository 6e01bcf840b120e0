package dev.ccigen.runtime;

import java.time.Duration;

/**
 * A {@link Sleeper} whose waits a {@link Cancel} ends at once: the default one, and tests' sleepers that wait for
 * real. A sleeper of the user's own (which records or advances a test clock) is not one: it is expected to return at
 * once.
 */
interface WakeableSleeper extends Sleeper {

    /** Waits {@code duration}, or until {@code cancel} fires. */
    void sleep(Duration duration, Cancel cancel);

    /** The default sleeper: a wait on the cancel signal itself, never a {@code Thread.sleep} to interrupt. */
    WakeableSleeper SYSTEM = new WakeableSleeper() {
        @Override
        public void sleep(Duration duration, Cancel cancel) {
            cancel.await(duration);
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }

        @Override
        public String toString() {
            return "Sleeper.SYSTEM";
        }
    };
}
