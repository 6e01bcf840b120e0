package dev.ccigen.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A watch whose events go to a {@link Watcher} on a thread of the client's, what {@code watch(options, watcher)}
 * returns once the server has accepted the watch (a refusal, a 403 or a 410, is thrown there). The thread reads the
 * events and hands them to the watcher one at a time, in order, until the watch ends or {@link #close()} is called;
 * then it calls {@link Watcher#onClose} and stops.
 *
 * <pre>{@code
 * try (WatchHandle handle = pods.watch(options, event -> System.out.println(event.type()))) {
 *     // events arrive on the watch's thread while this runs
 * }
 * }</pre>
 */
public final class WatchHandle implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WatchHandle.class.getPackageName());
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final Watch<?> watch;
    private final Thread thread;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final String name;
    private volatile boolean closed;

    private <T> WatchHandle(Watch<T> watch, Watcher<T> watcher, String name) {
        this.watch = watch;
        this.name = name;
        this.thread = new Thread(() -> deliver(watch, watcher), "ccigen-watch " + name);
        thread.setDaemon(true);
    }

    /** Hands the events of {@code watch}, already open, to {@code watcher} on a new thread named after {@code name}. */
    static <T> WatchHandle start(Watch<T> watch, Watcher<T> watcher, String name) {
        Objects.requireNonNull(watcher, "watcher");
        WatchHandle handle = new WatchHandle(watch, watcher, name);
        handle.thread.start();
        return handle;
    }

    /** The last resourceVersion the watch saw, bookmarks included: where a new watch would go on from. */
    public String resourceVersion() {
        return watch.resourceVersion();
    }

    /** Whether events may still come: false once {@link Watcher#onClose} has returned. */
    public boolean isOpen() {
        return ended.getCount() > 0;
    }

    /**
     * Waits until the watch has ended (the server ended it, it failed, or it was closed) and {@link Watcher#onClose}
     * has returned, at most {@code timeout}.
     *
     * @return whether it ended within {@code timeout}
     */
    public boolean awaitClose(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Ends the watch and its connection: no event is handed over after this is called, except by a call under way.
     * Waits up to 2 s for the watch's thread to call {@link Watcher#onClose} and end (not when called from that
     * thread, by the watcher itself). Safe from any thread, any number of times.
     */
    @Override
    public void close() {
        closed = true;
        watch.close();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            if (!ended.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "watch {0}: the watcher is still busy after {1}",
                        name,
                        CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "WatchHandle[" + name + (isOpen() ? "]" : ", ended]");
    }

    private <T> void deliver(Watch<T> events, Watcher<T> watcher) {
        RuntimeException cause = null;
        try {
            while (!closed && events.hasNext()) {
                WatchEvent<T> event = events.next();
                if (closed) {
                    break;
                }
                try {
                    watcher.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "watch " + name + ": the watcher failed on " + event, e);
                }
            }
        } catch (RuntimeException e) {
            cause = e;
        } finally {
            events.close();
            try {
                watcher.onClose(closed ? null : cause);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "watch " + name + ": the watcher failed on close", e);
            } finally {
                ended.countDown();
            }
        }
    }
}
