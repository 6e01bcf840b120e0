package dev.ccigen.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A client's shared informers: one {@link SharedInformer} per resource, namespace, selectors and transform, however
 * many {@link Informer}s use it, stopped when the last of them is closed, or when the client is.
 */
final class Informers {

    /** What makes two informers one: the same objects, decoded and transformed the same way. */
    record Key(
            String path,
            Class<?> type,
            String labelSelector,
            String fieldSelector,
            boolean keepManagedFields,
            Object transform) {}

    private final Map<Key, SharedInformer<?>> running = new HashMap<>();
    private boolean closed;

    /** An informer of {@code calls}' objects telling {@code handler}: a new one, or one more user of a running one. */
    <T extends KubernetesObject> Informer<T> inform(
            ResourceCalls<T, ? extends KubernetesList<T>> calls,
            ResourceEventHandler<? super T> handler,
            InformerOptions options,
            Sleeper sleeper) {
        UnaryOperator<T> transform = options.transformFor(calls.type());
        Key key = new Key(
                calls.path(),
                calls.type(),
                options.labelSelector(),
                options.fieldSelector(),
                options.keepManagedFields(),
                transform);
        while (true) {
            SharedInformer<T> shared;
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("the client is closed");
                }
                @SuppressWarnings("unchecked") // the key holds the type
                SharedInformer<T> existing = (SharedInformer<T>) running.get(key);
                shared = existing;
                if (shared == null) {
                    shared = new SharedInformer<>(this, key, calls, options, transform, sleeper);
                    running.put(key, shared);
                }
                shared.users++;
            }
            Informer<T> informer = new Informer<>(shared, this, options);
            try {
                if (informer.listen(handler, true)) {
                    return informer;
                }
            } catch (RuntimeException e) {
                informer.close();
                throw e;
            }
            informer.close(); // it failed to start in another thread: take a new one
        }
    }

    /** No longer hands out {@code shared} (it failed to start). */
    synchronized void forget(SharedInformer<?> shared) {
        running.remove(shared.key, shared);
    }

    /** One user fewer; true when it was the last, and {@code shared} is to be closed. */
    synchronized boolean release(SharedInformer<?> shared) {
        if (--shared.users > 0) {
            return false;
        }
        running.remove(shared.key, shared);
        return true;
    }

    /** Closes every informer (the client is closing); returns their threads. */
    List<Thread> close() {
        List<SharedInformer<?>> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(running.values());
            running.clear();
        }
        List<Thread> threads = new ArrayList<>();
        for (SharedInformer<?> shared : all) {
            threads.addAll(shared.close());
        }
        return threads;
    }

    @Override
    public synchronized String toString() {
        return "Informers[" + running.values() + "]";
    }
}
