package dev.ccigen.runtime;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;

/**
 * One handler of a {@link SharedInformer}: its calls waiting in order, and the thread that makes them, one at a time.
 * The informer queues calls under its lock (the same lock, so that what a queue holds and what the store holds always
 * agree); the thread takes them and calls the handler outside it. A handler added late starts with the store's objects
 * as adds, a resync queues the store's objects as updates at the end of the queue, so that a handler's calls, replayed,
 * always give the store as it was when the last of them was queued.
 *
 * <p>Nothing the handler does stops the thread: what it throws is logged, an interrupt it leaves is cleared, and only
 * {@link #close()} ends it.
 *
 * @param <T> the kind
 */
final class InformerListener<T extends KubernetesObject> {

    private static final System.Logger LOG = System.getLogger(InformerListener.class.getPackageName());

    final ResourceEventHandler<? super T> handler;
    private final SharedInformer<T> informer;
    private final Duration resyncPeriod;
    private final ArrayDeque<Runnable> calls = new ArrayDeque<>(); // guarded by informer.lock
    private final Condition notEmpty;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean synced;

    InformerListener(SharedInformer<T> informer, ResourceEventHandler<? super T> handler, Duration resyncPeriod) {
        this.informer = informer;
        this.handler = handler;
        this.resyncPeriod = resyncPeriod;
        this.notEmpty = informer.lock.newCondition();
        this.thread = new Thread(this::run, "ccigen-informer " + informer.path() + " handler");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    /** Whether the handler has had an add for each object of the store it started from. */
    boolean synced() {
        return synced;
    }

    // ---- queued under the informer's lock -----------------------------------------------------------------------

    void added(T object) {
        queue(() -> deliver(() -> handler.onAdd(object)));
    }

    void updated(T old, T object) {
        queue(() -> deliver(() -> handler.onUpdate(old, object)));
    }

    void deleted(T lastKnown, boolean finalStateUnknown) {
        queue(() -> deliver(() -> handler.onDelete(lastKnown, finalStateUnknown)));
    }

    /** Adds for {@code objects} (the store's when the handler came), then synced. */
    void replay(List<T> objects) {
        queue(() -> {
            for (T object : objects) {
                if (closed) {
                    return;
                }
                deliver(() -> handler.onAdd(object));
            }
        });
        markSynced();
    }

    /** Synced once the calls queued before this one are made. */
    void markSynced() {
        queue(() -> synced = true);
    }

    /** How many calls wait: the informer waits for room beyond {@link SharedInformer#MAX_PENDING}. */
    int pending() {
        return calls.size();
    }

    private void queue(Runnable call) {
        if (!closed) {
            calls.add(call);
            notEmpty.signal();
        }
    }

    /** Makes no more calls, drops those waiting, ends the thread once a call under way returns. */
    void close() {
        informer.lock.lock();
        try {
            closed = true;
            calls.clear();
            notEmpty.signal();
        } finally {
            informer.lock.unlock();
        }
    }

    // ---- the handler's thread -------------------------------------------------------------------------------------

    private void run() {
        long nextResync = resyncPeriod == null ? Long.MAX_VALUE : System.nanoTime() + resyncPeriod.toNanos();
        while (true) {
            Runnable call;
            informer.lock.lock();
            try {
                while (calls.isEmpty() && !closed) {
                    if (nextResync != Long.MAX_VALUE && System.nanoTime() - nextResync >= 0) {
                        nextResync = System.nanoTime() + resyncPeriod.toNanos();
                        resync();
                        continue;
                    }
                    await(nextResync);
                }
                if (closed) {
                    return;
                }
                call = calls.poll();
                if (calls.size() == SharedInformer.MAX_PENDING - 1) {
                    informer.room.signalAll();
                }
            } finally {
                informer.lock.unlock();
            }
            call.run();
        }
    }

    /** Queues the store's objects as {@code onUpdate(o, o)}: under the lock, so the queue and the store agree. */
    private void resync() {
        if (!synced) {
            return; // the first adds are still on their way
        }
        List<T> objects = informer.store.list();
        calls.add(() -> {
            for (T object : objects) {
                if (closed) {
                    return;
                }
                deliver(() -> handler.onUpdate(object, object));
            }
        });
    }

    private void await(long deadline) {
        try {
            if (deadline == Long.MAX_VALUE) {
                notEmpty.await();
            } else {
                notEmpty.awaitNanos(deadline - System.nanoTime());
            }
        } catch (InterruptedException e) {
            // not how a handler thread stops (close() signals): a handler's interrupt, cleared by the throw
        }
    }

    /** One call to the handler: whatever it throws is logged, and the informer goes on. */
    private void deliver(Runnable call) {
        try {
            call.run();
        } catch (Throwable e) { // the handler's bug (even a StackOverflowError) must not stop the informer
            try {
                LOG.log(System.Logger.Level.WARNING, "informer " + informer.path() + ": the handler threw", e);
            } catch (Throwable ignored) {
                // nothing left to tell it with
            }
        } finally {
            Thread.interrupted(); // a handler that interrupted its thread: its business, not the next call's
        }
    }

    @Override
    public String toString() {
        return "InformerListener[" + handler + (closed ? ", closed]" : "]");
    }
}
