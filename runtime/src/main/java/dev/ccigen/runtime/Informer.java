package dev.ccigen.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Keeps a {@link Store} of a resource's objects in step with the server and tells {@link ResourceEventHandler}s what
 * changed: it lists (page by page), then watches from the list's resourceVersion.
 *
 * <pre>{@code
 * try (Informer<Pod> informer = client.coreV1().pods("ns").inform(new ResourceEventHandler<>() {
 *     public void onAdd(Pod pod) { ... }
 * })) {
 *     Pod web = informer.store().get("ns", "web");
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@code inform(...)} returns once the first list is in the store; its failure (a 403, no server) is thrown
 *       there. {@link #hasSynced()} turns true once the handlers have had an {@code onAdd} for each object of it.</li>
 *   <li>Shared: the informers of one client on the same resource, namespace and selectors (see
 *       {@link InformerOptions}) are one list, one watch and one store, however many parts of a program inform on
 *       it; each has its own handlers, and the watch stops when the last of them is closed (or the client is).</li>
 *   <li>The watch goes on from the last resourceVersion seen (bookmarks included) after the server ends it, and
 *       after cuts and failures, waiting between reconnects (exponential backoff with jitter, at most 5 s), for as
 *       long as the informer is open: it survives server restarts. Failures are logged and told to the
 *       {@link InformerOptions.Builder#failureListener failure listener}.</li>
 *   <li>On 410 Gone it lists again and tells the difference with the store: {@code onAdd} for new objects,
 *       {@code onUpdate} for changed ones (another resourceVersion), {@code onDelete(o, true)} for those gone.</li>
 *   <li>Objects are decoded for the cache: equal values shared, lists and maps compact and immutable,
 *       {@code metadata.managedFields} dropped unless {@link InformerOptions.Builder#keepManagedFields kept}, and an
 *       optional {@link InformerOptions.Builder#transform transform} applied before an object enters the store. The
 *       handlers and the store share the objects, which never change: see {@link Store}.</li>
 *   <li>Each handler runs on a thread of its own, one call at a time, in the order of the events; the store is
 *       written before the handlers hear of a change. A handler added late ({@link #addEventHandler}) first gets the
 *       store's objects as adds. With {@link InformerOptions.Builder#resyncPeriod} a handler gets every cached object
 *       as {@code onUpdate(o, o)} that often, from the store, without a request.</li>
 *   <li>Nothing a handler does stops the informer: what it throws is logged (WARNING, to the {@code System.Logger}
 *       named after this package), an interrupt it leaves on its thread is cleared. At most
 *       1,024 calls wait for a slow handler; beyond, the watch waits too.</li>
 *   <li>{@link #close()} stops its handlers at once and, for the last user, the watch and its connection, whatever
 *       they wait for (a list, a reconnect, the wait between reconnects, room for handler calls); it waits only for
 *       handler calls under way to return. Nothing is interrupted.</li>
 * </ul>
 *
 * @param <T> the kind
 */
public final class Informer<T extends KubernetesObject> implements AutoCloseable {

    /** How long {@link #close()} waits for handler calls under way. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    /** Told of the failures of an informer's list or watch; see {@link InformerOptions.Builder#failureListener}. */
    @FunctionalInterface
    public interface FailureListener {
        /**
         * @param failure what the list or the watch raised
         * @param failuresInARow how many failed since the last success (a list, an event): 1, 2, 3, ...
         */
        void onFailure(RuntimeException failure, int failuresInARow);
    }

    private final SharedInformer<T> shared;
    private final Informers registry;
    private final InformerOptions options;
    private final List<InformerListener<T>> listeners = new CopyOnWriteArrayList<>();
    private boolean closed; // guarded by this

    Informer(SharedInformer<T> shared, Informers registry, InformerOptions options) {
        this.shared = shared;
        this.registry = registry;
        this.options = options;
        if (options.failureListener() != null) {
            shared.addFailureListener(options.failureListener());
        }
    }

    /**
     * Adds {@code handler}: as the first user of its informer, listing first; else replaying the store to it. False
     * when the informer failed to start in another thread or was closed.
     */
    boolean listen(ResourceEventHandler<? super T> handler, boolean first) {
        InformerListener<T> listener =
                first ? shared.join(handler, options.resyncPeriod()) : shared.listen(handler, options.resyncPeriod());
        if (listener == null) {
            return false;
        }
        listeners.add(listener);
        return true;
    }

    /** The objects as the informer knows them now, shared by every informer on the same resource. */
    public Store<T> store() {
        return shared.store;
    }

    /**
     * Whether the first list is in the store and each handler of this informer has had an {@code onAdd} for each
     * object the store held when it was added.
     */
    public boolean hasSynced() {
        if (!shared.listed()) {
            return false;
        }
        for (InformerListener<T> listener : listeners) {
            if (!listener.synced()) {
                return false;
            }
        }
        return true;
    }

    /** The resourceVersion of the last list or event (bookmarks included) the store is in step with; null before. */
    public String lastSyncResourceVersion() {
        return shared.lastSyncResourceVersion();
    }

    /**
     * Adds a handler, which first gets the store's objects as adds (by namespace and name), then every change, on a
     * thread of its own, with this informer's resync period.
     *
     * @throws IllegalStateException when the informer is closed
     */
    public void addEventHandler(ResourceEventHandler<? super T> handler) {
        synchronized (this) {
            if (closed || !listen(handler, false)) {
                throw new IllegalStateException("the informer is closed");
            }
        }
    }

    /**
     * Removes a handler added to this informer (by {@code inform} or {@link #addEventHandler}): no call reaches it
     * after a call under way, which this waits for (up to 2 s) unless it is the handler itself removing itself.
     */
    public void removeEventHandler(ResourceEventHandler<? super T> handler) {
        for (InformerListener<T> listener : listeners) {
            if (listener.handler == handler && listeners.remove(listener)) {
                shared.unlisten(listener);
                join(List.of(listener.thread()));
                return;
            }
        }
    }

    /**
     * Adds an index to the store: every object filed under the keys {@code keys} gives for it (none for null or an
     * empty collection), e.g. {@code pod -> List.of(pod.getSpec().getNodeName())}; then
     * {@code store().byIndex(name, key)}. The function gets each object as it enters the store; it runs on the
     * informer's watch thread and should be quick. Shared informers share their indexes: adding the same function
     * under the same name again does nothing.
     *
     * @throws IllegalArgumentException when there is an index of that name with another function
     */
    public void addIndexer(String name, Function<? super T, ? extends Collection<String>> keys) {
        shared.addIndex(name, keys);
    }

    /**
     * Stops calling this informer's handlers, at once, and, if no other informer shares its watch, stops watching and
     * closes the connection; waits up to 2 s for handler calls under way to return. Calls not yet made are dropped.
     * Safe from any thread, a handler's included, any number of times.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (options.failureListener() != null) {
            shared.removeFailureListener(options.failureListener());
        }
        List<Thread> threads = new ArrayList<>();
        for (InformerListener<T> listener : listeners) {
            shared.unlisten(listener);
            threads.add(listener.thread());
        }
        listeners.clear();
        if (registry.release(shared)) {
            threads.addAll(shared.close());
        }
        join(threads);
    }

    @Override
    public String toString() {
        boolean ended;
        synchronized (this) {
            ended = closed;
        }
        return "Informer[" + shared.path() + ", " + shared.store.size() + " objects, " + listeners.size() + " handlers"
                + (ended ? ", closed]" : "]");
    }

    /** Waits for {@code threads} to end, up to {@link #CLOSE_WAIT} for all of them; never for the current one. */
    static void join(List<Thread> threads) {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        for (Thread thread : threads) {
            if (thread == Thread.currentThread()) {
                continue; // closed from a handler: this thread ends when the handler returns
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
