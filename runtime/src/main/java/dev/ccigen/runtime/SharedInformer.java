package dev.ccigen.runtime;

import com.fasterxml.jackson.databind.ObjectReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One list and one watch of a resource (with its selectors), a {@link Store} kept in step with them, and the
 * {@link InformerListener}s of every {@link Informer} sharing it: what {@link Informers} hands out, once per resource,
 * namespace, selectors and transform, for as long as one user is left.
 *
 * <p>Its lock guards the store's writes, the listeners and their queues together: a change is written to the store
 * and queued for every handler in one step, so that a handler added late, or a resync, starts from a store that agrees
 * with what the handler's queue holds. Handlers are called outside it, each on its own thread; the watcher waits when
 * one of them has {@value #MAX_PENDING} calls waiting.
 *
 * @param <T> the kind
 */
final class SharedInformer<T extends KubernetesObject> {

    private static final System.Logger LOG = System.getLogger(SharedInformer.class.getPackageName());
    /** Calls that may wait for one handler before the watcher waits too. */
    static final int MAX_PENDING = 1024;

    private enum State {
        NEW,
        STARTED,
        FAILED
    }

    final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a handler's queue falls below {@link #MAX_PENDING}, a handler leaves, or on close. */
    final Condition room = lock.newCondition();

    final Store<T> store = new Store<>();
    final Informers.Key key;
    private final Informers registry;
    private final ResourceCalls<T, ? extends KubernetesList<T>> calls;
    private final InformerOptions options;
    private final Sleeper sleeper;
    private final UnaryOperator<T> transform;
    private final ObjectReader reader;
    /** Fired by {@link #close()}: ends every wait of the watcher, and its list or watch with it. */
    private final Cancel cancel = new Cancel();

    private final List<InformerListener<T>> listeners = new ArrayList<>(); // guarded by lock
    private final List<Informer.FailureListener> failureListeners = new CopyOnWriteArrayList<>();
    private final Thread watcher;
    private final Object starting = new Object();
    private State state = State.NEW; // guarded by starting
    private volatile boolean listed;
    private volatile boolean closed;
    private volatile String lastSyncResourceVersion;
    private String resourceVersion; // where the next watch starts; null: list first (the watcher thread's)
    private int failuresInARow; // the watcher thread's
    /** How many {@link Informer}s use it: guarded by {@link #registry}. */
    int users;

    SharedInformer(
            Informers registry,
            Informers.Key key,
            ResourceCalls<T, ? extends KubernetesList<T>> calls,
            InformerOptions options,
            UnaryOperator<T> transform,
            Sleeper sleeper) {
        this.registry = registry;
        this.key = key;
        this.calls = calls;
        this.options = options;
        this.transform = transform;
        this.sleeper = sleeper;
        this.reader = CacheDecoding.reader(new Interner(), options.keepManagedFields());
        this.watcher = new Thread(this::watchLoop, "ccigen-informer " + calls.path() + " watch");
        watcher.setDaemon(true);
    }

    String path() {
        return calls.path();
    }

    // ---- users ------------------------------------------------------------------------------------------------------

    /**
     * A thread of {@code handler}'s, which gets the store's objects as adds first. The first user lists here, on its
     * own thread, so that a failure of the first list is thrown to it; a user that comes while it lists waits for the
     * list. Null when the informer failed to start in another thread or was closed: the caller takes a new one.
     */
    InformerListener<T> join(ResourceEventHandler<? super T> handler, Duration resyncPeriod) {
        synchronized (starting) {
            if (state == State.STARTED) {
                return listen(handler, resyncPeriod);
            }
            if (state == State.FAILED) {
                return null;
            }
            // its thread starts after the list, so that a failed list leaves no thread behind
            InformerListener<T> first = new InformerListener<>(this, handler, resyncPeriod);
            lock.lock();
            try {
                listeners.add(first);
            } finally {
                lock.unlock();
            }
            try {
                resourceVersion = relist();
            } catch (RuntimeException e) {
                state = State.FAILED;
                registry.forget(this);
                unlisten(first);
                throw e;
            }
            lock.lock();
            try {
                first.markSynced();
            } finally {
                lock.unlock();
            }
            listed = true;
            state = State.STARTED;
            first.start();
            watcher.start();
            return first;
        }
    }

    /** A handler added late: the store's objects as adds (by namespace and name), then every change. */
    InformerListener<T> listen(ResourceEventHandler<? super T> handler, Duration resyncPeriod) {
        InformerListener<T> listener = new InformerListener<>(this, handler, resyncPeriod);
        lock.lock();
        try {
            if (closed) {
                return null;
            }
            List<T> objects = store.list();
            objects.sort(Comparator.comparing((T o) -> Store.namespaceKey(o.objectNamespace()))
                    .thenComparing(KubernetesObject::objectName));
            listener.replay(objects);
            listeners.add(listener);
        } finally {
            lock.unlock();
        }
        listener.start();
        return listener;
    }

    /** Stops calling {@code listener}'s handler; its thread ends once a call under way returns. */
    void unlisten(InformerListener<T> listener) {
        lock.lock();
        try {
            listeners.remove(listener);
            room.signalAll();
        } finally {
            lock.unlock();
        }
        listener.close();
    }

    void addIndex(String name, Function<? super T, ? extends Collection<String>> keys) {
        lock.lock();
        try {
            store.addIndex(name, keys);
        } finally {
            lock.unlock();
        }
    }

    void addFailureListener(Informer.FailureListener listener) {
        failureListeners.add(listener);
    }

    void removeFailureListener(Informer.FailureListener listener) {
        failureListeners.remove(listener);
    }

    /** Whether the first list is in the store. */
    boolean listed() {
        return listed;
    }

    String lastSyncResourceVersion() {
        return lastSyncResourceVersion;
    }

    /**
     * Stops the watcher (closing its connection) and every handler thread at once; returns the threads to wait for.
     */
    List<Thread> close() {
        closed = true;
        cancel.fire();
        List<InformerListener<T>> all;
        lock.lock();
        try {
            all = new ArrayList<>(listeners);
            listeners.clear();
            room.signalAll();
        } finally {
            lock.unlock();
        }
        List<Thread> threads = new ArrayList<>();
        threads.add(watcher);
        for (InformerListener<T> listener : all) {
            listener.close();
            threads.add(listener.thread());
        }
        return threads;
    }

    @Override
    public String toString() {
        return "SharedInformer[" + calls.path() + ", " + store.size() + " objects, " + users + " users"
                + (closed ? ", closed]" : "]");
    }

    // ---- the watcher thread (and the first user's, for the first list) --------------------------------------------

    private void watchLoop() {
        Backoff backoff = new Backoff();
        while (!closed) {
            try {
                if (resourceVersion == null) {
                    resourceVersion = relist();
                    awaitRoom();
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
                failed(e);
            }
            if (!cancel.sleep(sleeper, backoff.next())) { // a server in trouble is not hammered
                return; // closed
            }
        }
    }

    /** Logs a failure of a list or a watch, and tells the failure listeners how many came in a row. */
    private void failed(RuntimeException failure) {
        failuresInARow++;
        LOG.log(
                System.Logger.Level.WARNING,
                "informer {0}: {1} ({2} in a row); trying again",
                calls.path(),
                failure.toString(),
                failuresInARow);
        for (Informer.FailureListener listener : failureListeners) {
            try {
                listener.onFailure(failure, failuresInARow);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "informer " + calls.path() + ": a failure listener threw", e);
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
        try (Watch<T> current = calls.watch(watchOptions, cancel, reader)) {
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
        String version = object == null ? null : object.objectResourceVersion();
        switch (event.type()) {
            case ADDED, MODIFIED -> {
                if (object != null && object.objectName() != null) {
                    T kept = transform(object);
                    lock.lock();
                    try {
                        T old = store.put(kept);
                        for (InformerListener<T> listener : listeners) {
                            if (old == null) {
                                listener.added(kept);
                            } else {
                                listener.updated(old, kept);
                            }
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            }
            case DELETED -> {
                if (object != null && object.objectName() != null) {
                    T last = transform(object);
                    lock.lock();
                    try {
                        store.remove(last);
                        for (InformerListener<T> listener : listeners) {
                            listener.deleted(last, false);
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            }
            default -> {} // BOOKMARK: only a resourceVersion, which the watch keeps
        }
        if (version != null) {
            lastSyncResourceVersion = version;
        }
        failuresInARow = 0;
        awaitRoom();
    }

    /**
     * Lists everything, brings the store in line and queues the handler calls: adds, updates for another
     * resourceVersion, deletes (final state unknown) for what is gone. An object listed at the version the store has
     * stays the store's object, the one the handlers know. Returns the list's resourceVersion.
     */
    private String relist() {
        Map<String, T> fresh = new LinkedHashMap<>();
        String version;
        try {
            version = listInto(fresh, options.pageSize());
        } catch (GoneException e) { // a continue token expired between two pages: everything in one answer
            fresh.clear();
            version = listInto(fresh, 0);
        }
        lock.lock();
        try {
            for (T object : fresh.values()) {
                T old = store.get(object.objectNamespace(), object.objectName());
                if (old == null || !Objects.equals(old.objectResourceVersion(), object.objectResourceVersion())) {
                    store.put(object);
                    for (InformerListener<T> listener : listeners) {
                        if (old == null) {
                            listener.added(object);
                        } else {
                            listener.updated(old, object);
                        }
                    }
                }
            }
            List<T> gone = new ArrayList<>();
            for (T old : store.list()) {
                if (!fresh.containsKey(key(old))) {
                    gone.add(old);
                }
            }
            gone.sort(Comparator.comparing(SharedInformer::key));
            for (T old : gone) {
                store.remove(old);
                for (InformerListener<T> listener : listeners) {
                    listener.deleted(old, true);
                }
            }
        } finally {
            lock.unlock();
        }
        lastSyncResourceVersion = version;
        failuresInARow = 0;
        return version;
    }

    private String listInto(Map<String, T> fresh, long pageSize) {
        String continueToken = null;
        while (true) {
            ListOptions.Builder page = options.listOptions().continueToken(continueToken);
            if (pageSize > 0) {
                page.limit(pageSize);
            }
            KubernetesList<T> list = calls.list(page.build(), cancel, reader);
            if (list.getItems() != null) {
                for (T item : list.getItems()) {
                    if (item != null && item.objectName() != null) {
                        fresh.put(key(item), transform(item));
                    }
                }
            }
            continueToken = list.continueToken();
            if (continueToken == null || continueToken.isEmpty()) {
                return list.listResourceVersion();
            }
        }
    }

    /** The object the user's transform makes of {@code object}; {@code object} itself when it fails (logged). */
    private T transform(T object) {
        if (transform == null) {
            return object;
        }
        try {
            T transformed = transform.apply(object);
            if (transformed != null) {
                return transformed;
            }
            LOG.log(System.Logger.Level.WARNING, "informer {0}: the transform returned null; kept as read", path());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "informer " + path() + ": the transform threw; kept as read", e);
        }
        return object;
    }

    /** Waits while a handler has {@value #MAX_PENDING} calls waiting: a slow handler slows the watch, not the heap. */
    private void awaitRoom() {
        lock.lock();
        try {
            while (!closed && full()) {
                room.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean full() {
        for (InformerListener<T> listener : listeners) {
            if (listener.pending() >= MAX_PENDING) {
                return true;
            }
        }
        return false;
    }

    private static String key(KubernetesObject object) {
        return Store.namespaceKey(object.objectNamespace()) + "/" + object.objectName();
    }
}
