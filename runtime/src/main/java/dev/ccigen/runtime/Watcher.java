package dev.ccigen.runtime;

/**
 * Hears the events of a watch opened with {@code watch(options, watcher)}: one call at a time, on the watch's own
 * thread, in the order the server sent them. A lambda will do when only the events matter:
 * {@code pods.watch(options, event -> System.out.println(event.type()))}. An exception thrown here is logged and the
 * watch goes on.
 *
 * @param <T> the watched kind
 */
@FunctionalInterface
public interface Watcher<T> {

    /** One event: ADDED, MODIFIED, DELETED, or BOOKMARK when the options ask for bookmarks. */
    void onEvent(WatchEvent<T> event);

    /**
     * The watch ended, and no event follows: {@code cause} is null when it was closed, or when the server ended a
     * watch that does not resume ({@link ListOptions.Builder#resumeWatch}); else what ended it, e.g. a
     * {@link GoneException} (list again, then watch from the list's resourceVersion) or the {@link TransportException}
     * of a resumed watch that gave up. Called once, last, on the same thread as {@link #onEvent}.
     */
    default void onClose(RuntimeException cause) {}
}
