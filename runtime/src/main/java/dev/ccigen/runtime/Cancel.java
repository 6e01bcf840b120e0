package dev.ccigen.runtime;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The signal that a call, a watch, an informer or a session is no longer wanted. {@link #fire()} may come from any
 * thread; every wait of the chain (for a response, between retries, for a token another thread fetches) and every
 * wait between reconnects watches it and ends at once, so that {@code close()} never needs {@link Thread#interrupt()}.
 * A child fires with its parent (a watch with its informer) and can fire alone.
 */
final class Cancel {

    /** Thrown by a wait that the signal ended: an attempt that got no response because nobody wants it any more. */
    static final class Cancelled extends IOException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("cancelled: closed while waiting");
        }
    }

    /** An action to run when the signal fires, until it is removed (closing it removes it). */
    interface Registration extends AutoCloseable {
        void remove();

        @Override
        default void close() {
            remove();
        }
    }

    /** A signal nobody fires: for calls that nothing but their timeout ends. Never a parent. */
    static final Cancel NEVER = new Cancel();

    private final CompletableFuture<Void> fired = new CompletableFuture<>();
    private final Set<Runnable> actions = ConcurrentHashMap.newKeySet();

    /** A signal of its own, fired by nobody else. */
    Cancel() {}

    /** A signal that fires with this one, or alone; it stops listening to this one once it fired. */
    Cancel child() {
        Cancel child = new Cancel();
        Registration link = onFire(child::fire);
        child.onFire(link::remove);
        return child;
    }

    /** Fires the signal: the actions run on this thread, the waits end. Any number of times, from any thread. */
    void fire() {
        if (fired.complete(null)) {
            for (Runnable action : actions) {
                if (actions.remove(action)) {
                    action.run();
                }
            }
        }
    }

    boolean fired() {
        return fired.isDone();
    }

    /** Runs {@code action} when the signal fires (at once if it has); remove it when it is no longer needed. */
    Registration onFire(Runnable action) {
        actions.add(action);
        if (fired.isDone() && actions.remove(action)) {
            action.run();
        }
        return () -> actions.remove(action);
    }

    /** @throws Cancelled when the signal has fired */
    void check() throws Cancelled {
        if (fired()) {
            throw new Cancelled();
        }
    }

    /**
     * Waits at most {@code timeout} for the signal.
     *
     * @return true when it fired
     */
    boolean await(Duration timeout) {
        try {
            fired.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller's own interrupt: kept, and the wait ends
            return fired();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot happen: the signal completes normally", e);
        }
    }

    /**
     * Waits {@code duration} with {@code sleeper}, or less when the signal fires: the wait of the default sleeper ends
     * at once; a test's sleeper that records or advances a clock returns at once anyway.
     *
     * @return false when the signal has fired (before or during the wait)
     */
    boolean sleep(Sleeper sleeper, Duration duration) {
        if (fired()) {
            return false;
        }
        if (sleeper instanceof WakeableSleeper wakeable) {
            wakeable.sleep(duration, this);
        } else {
            try {
                sleeper.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !fired();
    }

    /**
     * Waits for {@code pending} within {@code timeoutNanos}, unless the signal fires first. {@code pending} itself is
     * left as it is: other threads may be waiting for it too (a token being fetched).
     *
     * @throws Cancelled when the signal fired
     * @throws TimeoutException when the time ran out
     * @throws ExecutionException when {@code pending} failed (its own exception as the cause)
     */
    <T> T await(CompletableFuture<T> pending, long timeoutNanos)
            throws Cancelled, TimeoutException, ExecutionException {
        CompletableFuture<T> mine = pending.copy();
        Registration registration = onFire(() -> mine.completeExceptionally(new Cancelled()));
        try {
            return mine.get(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller's own interrupt: kept, and the wait ends
            throw new Cancelled();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause()
                    : e.getCause();
            if (cause instanceof Cancelled || cause instanceof CancellationException) {
                throw new Cancelled();
            }
            throw new ExecutionException(cause);
        } finally {
            registration.remove();
        }
    }

    @Override
    public String toString() {
        return fired() ? "Cancel[fired]" : "Cancel[]";
    }
}
