package dev.ccigen.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps a {@link Store} of a resource's objects in step with the server and tells a {@link ResourceEventHandler}
 * what changed: it lists (page by page), then watches from the list's resourceVersion.
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
 *       there. {@link #hasSynced()} turns true once the handler has had an {@code onAdd} for each object of it.</li>
 *   <li>The watch goes on from the last resourceVersion seen (bookmarks included) after the server ends it, and
 *       after cuts and failures, waiting between reconnects (exponential backoff with jitter, at most 5 s), for as
 *       long as the informer is open: it survives server restarts.</li>
 *   <li>On 410 Gone it lists again and tells the difference with the store: {@code onAdd} for new objects,
 *       {@code onUpdate} for changed ones (another resourceVersion), {@code onDelete(o, true)} for those gone.</li>
 *   <li>With {@link InformerOptions.Builder#resyncPeriod} it hands every cached object to {@code onUpdate(o, o)}
 *       that often.</li>
 *   <li>The handler runs on one thread of the informer's, one call at a time, in the order of the events; the
 *       store is written before the handler hears of a change. A handler that throws is logged (WARNING, to the
 *       {@code System.Logger} named after this package) and the informer goes on. At most {@value #MAX_PENDING}
 *       calls wait for a slow handler; beyond, the watch waits too.</li>
 *   <li>{@link #close()} stops both of its threads and closes its connection at once, whatever they wait for (a
 *       list, a reconnect, the wait between reconnects, room for handler calls); it waits only for a handler call
 *       under way to return. Nothing is interrupted.</li>
 * </ul>
 *
 * @param <T> the kind
 */
public final class Informer<T extends KubernetesObject> implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Informer.class.getPackageName());
    /** Handler calls that may wait for the handler thread. */
    static final int MAX_PENDING = 1024;

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final ResourceCalls<T, ? extends KubernetesList<T>> calls;
    private final ResourceEventHandler<? super T> handler;
    private final InformerOptions options;
    private final Sleeper sleeper;
    private final Store<T> store = new Store<>();
    private final Pending pending = new Pending(MAX_PENDING);
    /** Fired by {@link #close()}: ends every wait of the informer's threads, and its watch with it. */
    private final Cancel cancel = new Cancel();

    private final Thread watcher;
    private final Thread dispatcher;
    private volatile boolean closed;
    private volatile boolean synced;
    private String resourceVersion; // where the next watch starts; null: list first (the watcher thread's)

    private Informer(
            ResourceCalls<T, ? extends KubernetesList<T>> calls,
            ResourceEventHandler<? super T> handler,
            InformerOptions options,
            Sleeper sleeper) {
        this.calls = calls;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.options = Objects.requireNonNull(options, "options");
        this.sleeper = sleeper;
        this.dispatcher = daemon("ccigen-informer " + calls.path() + " handler", this::dispatch);
        this.watcher = daemon("ccigen-informer " + calls.path() + " watch", this::watchLoop);
    }

    /** Lists on the caller's thread, then starts watching: an informer in step with the server. */
    static <T extends KubernetesObject> Informer<T> start(
            ResourceCalls<T, ? extends KubernetesList<T>> calls,
            ResourceEventHandler<? super T> handler,
            InformerOptions options,
            Sleeper sleeper) {
        Informer<T> informer = new Informer<>(calls, handler, options, sleeper);
        informer.dispatcher.start();
        try {
            informer.resourceVersion = informer.relist();
            informer.enqueue(() -> informer.synced = true);
        } catch (RuntimeException e) {
            informer.close();
            throw e;
        }
        informer.watcher.start();
        return informer;
    }

    /** The objects as the informer knows them now. */
    public Store<T> store() {
        return store;
    }

    /** Whether the first list is in the store and the handler has had an {@code onAdd} for each of its objects. */
    public boolean hasSynced() {
        return synced;
    }

    /**
     * Stops watching (closing the connection) and calling the handler, at once; waits up to 2 s for a handler call
     * under way to return. Calls not yet made are dropped. Safe from any thread, a handler's included, any number of
     * times.
     */
    @Override
    public void close() {
        closed = true;
        cancel.fire();
        pending.close();
        join(watcher);
        join(dispatcher);
    }

    @Override
    public String toString() {
        return "Informer[" + calls.path() + ", " + store.size() + " objects" + (closed ? ", closed]" : "]");
    }

    // ---- the watcher thread (and the caller's, for the first list) ----------------------------------------------

    private void watchLoop() {
        Backoff backoff = new Backoff();
        while (!closed) {
            try {
                if (resourceVersion == null) {
                    resourceVersion = relist();
                }
                watchFrom(backoff);
            } catch (GoneException e) {
                LOG.log(System.Logger.Level.DEBUG, "informer {0}: {1}; listing again", calls.path(), e.getMessage());
                resourceVersion = null;
            } catch (CancellationException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "informer {0}: {1}; trying again", calls.path(), e.toString());
            }
            if (!cancel.sleep(sleeper, backoff.next())) { // a server in trouble is not hammered
                return; // closed
            }
        }
    }

    /** Watches from {@code resourceVersion} until the watch gives up or the informer is closed. */
    private void watchFrom(Backoff backoff) {
        ListOptions watchOptions = options.listOptions()
                .resourceVersion(resourceVersion)
                .allowWatchBookmarks(true)
                .resumeWatch(true)
                .build();
        try (Watch<T> current = calls.watch(watchOptions, cancel)) {
            try {
                while (!closed && current.hasNext()) {
                    apply(current.next());
                    backoff.reset();
                }
            } finally {
                resourceVersion = current.resourceVersion();
            }
        }
    }

    private void apply(WatchEvent<T> event) {
        T object = event.object();
        switch (event.type()) {
            case ADDED, MODIFIED -> {
                T old = store.put(object);
                enqueue(old == null ? () -> handler.onAdd(object) : () -> handler.onUpdate(old, object));
            }
            case DELETED -> {
                store.remove(object);
                enqueue(() -> handler.onDelete(object, false));
            }
            default -> {} // BOOKMARK: only a resourceVersion, which the watch keeps
        }
    }

    /** Lists everything, brings the store in line and queues the handler calls; returns the list's resourceVersion. */
    private String relist() {
        Map<String, T> fresh = new LinkedHashMap<>();
        String version;
        try {
            version = listInto(fresh, options.pageSize());
        } catch (GoneException e) { // a continue token expired between two pages: everything in one answer
            fresh.clear();
            version = listInto(fresh, 0);
        }
        for (T object : fresh.values()) {
            T old = store.put(object);
            if (old == null) {
                enqueue(() -> handler.onAdd(object));
            } else if (!Objects.equals(old.objectResourceVersion(), object.objectResourceVersion())) {
                enqueue(() -> handler.onUpdate(old, object));
            }
        }
        List<T> gone = new ArrayList<>();
        for (T old : store.list()) {
            if (!fresh.containsKey(Store.key(old))) {
                gone.add(old);
            }
        }
        gone.sort((a, b) -> Store.key(a).compareTo(Store.key(b)));
        for (T old : gone) {
            store.remove(old);
            enqueue(() -> handler.onDelete(old, true));
        }
        return version;
    }

    private String listInto(Map<String, T> fresh, long pageSize) {
        String continueToken = null;
        while (true) {
            ListOptions.Builder page = options.listOptions().continueToken(continueToken);
            if (pageSize > 0) {
                page.limit(pageSize);
            }
            KubernetesList<T> list = calls.list(page.build(), cancel);
            if (list.getItems() != null) {
                for (T item : list.getItems()) {
                    fresh.put(Store.key(item), item);
                }
            }
            continueToken = list.continueToken();
            if (continueToken == null || continueToken.isEmpty()) {
                return list.listResourceVersion();
            }
        }
    }

    /** Hands a call to the handler thread, waiting while {@value #MAX_PENDING} are pending. */
    private void enqueue(Runnable call) {
        if (!pending.put(call)) {
            throw new CancellationException("informer " + calls.path() + " closed");
        }
    }

    // ---- the handler thread -------------------------------------------------------------------------------------

    private void dispatch() {
        Duration period = options.resyncPeriod();
        long nextResync = period == null ? Long.MAX_VALUE : System.nanoTime() + period.toNanos();
        while (!closed) {
            Runnable call = pending.take(nextResync);
            if (call == Pending.CLOSED) {
                return;
            }
            if (call != null) {
                run(call);
                continue;
            }
            if (synced) {
                for (T object : store.list()) {
                    run(() -> handler.onUpdate(object, object));
                }
            }
            nextResync = System.nanoTime() + period.toNanos();
        }
    }

    private void run(Runnable call) {
        try {
            call.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) { // the handler's bug must not stop the informer
            LOG.log(System.Logger.Level.WARNING, "informer " + calls.path() + ": the handler threw", e);
        } finally {
            Thread.interrupted(); // a handler that interrupted its thread: its business, not the next call's
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void join(Thread thread) {
        if (thread == Thread.currentThread()) {
            return; // closed from a handler: this thread ends when the handler returns
        }
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The handler calls waiting for the handler thread, at most {@code capacity}: the watcher waits for room, the
     * handler thread for a call. {@link #close()} ends both waits at once and drops what is left.
     */
    private static final class Pending {
        /** What {@link #take} returns once closed. */
        static final Runnable CLOSED = () -> {};

        private final ReentrantLock lock = new ReentrantLock();
        private final Condition notEmpty = lock.newCondition();
        private final Condition notFull = lock.newCondition();
        private final ArrayDeque<Runnable> calls = new ArrayDeque<>();
        private final int capacity;
        private boolean closed;

        Pending(int capacity) {
            this.capacity = capacity;
        }

        /** Queues {@code call}, waiting for room; false when closed (the call is dropped). */
        boolean put(Runnable call) {
            lock.lock();
            try {
                while (calls.size() == capacity && !closed) {
                    notFull.awaitUninterruptibly();
                }
                if (closed) {
                    return false;
                }
                calls.add(call);
                notEmpty.signal();
                return true;
            } finally {
                lock.unlock();
            }
        }

        /**
         * The next call; null when none came by {@code deadline} (a {@link System#nanoTime()} value, or
         * {@code Long.MAX_VALUE} for none); {@link #CLOSED} once closed.
         */
        Runnable take(long deadline) {
            lock.lock();
            try {
                while (calls.isEmpty() && !closed) {
                    long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    try {
                        notEmpty.awaitNanos(left);
                    } catch (InterruptedException e) {
                        // not how an informer stops: close() signals
                    }
                }
                if (closed) {
                    return CLOSED;
                }
                Runnable call = calls.poll();
                notFull.signal();
                return call;
            } finally {
                lock.unlock();
            }
        }

        void close() {
            lock.lock();
            try {
                closed = true;
                calls.clear();
                notEmpty.signalAll();
                notFull.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
