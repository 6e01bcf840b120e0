package dev.ccigen.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A credential fetched when first needed and kept until shortly before it expires: an IAM token, the temporary AK/SK
 * of an ECS instance. However many threads need it at once, one fetch is in flight; the others wait for it, each for as
 * long as its own call is wanted (a closed watch stops waiting at once, and the fetch goes on for the rest). During a
 * refresh ahead of expiry, the others go on with the still-valid value; when that refresh fails, the value is kept and
 * the fetch tried again a minute later.
 *
 * @param <T> the credential
 */
final class Refreshing<T> {

    private static final System.Logger LOG = System.getLogger(Refreshing.class.getPackageName());
    /** After a failed refresh ahead of expiry, wait this long before fetching again. */
    private static final Duration RETRY_REFRESH_AFTER = Duration.ofMinutes(1);

    /** A value with its expiry and when to fetch the next one. */
    record Held<T>(T value, Instant expiresAt, Instant refreshAt) {
        /** Never the value itself: it is a secret. */
        @Override
        public String toString() {
            return "Held[expiresAt=" + expiresAt + "]";
        }
    }

    /** Fetches a value (sending a request, perhaps) and says when it expires. */
    interface Fetch<T> {
        /** @param previous the value being replaced, or null */
        Fetched<T> fetch(T previous) throws Cancel.Cancelled;
    }

    /** A value just fetched and its expiry. */
    record Fetched<T>(T value, Instant expiresAt) {}

    private final Clock clock;
    private final Duration refreshBefore;
    private final String what;
    private final AtomicReference<Held<T>> held = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Held<T>>> inFlight = new AtomicReference<>();

    /**
     * @param refreshBefore how long before expiry to fetch again (never earlier than half-way through the lifetime)
     * @param what names the value in log lines, e.g. {@code IAM token}
     */
    Refreshing(Clock clock, Duration refreshBefore, String what) {
        this.clock = clock;
        this.refreshBefore = refreshBefore;
        this.what = what;
    }

    /** The value to use now: the one kept, or one fetched by this thread or another. */
    T get(Fetch<T> fetch, Cancel cancel) throws Cancel.Cancelled {
        while (true) {
            Held<T> current = held.get();
            Instant now = clock.instant();
            if (current != null && now.isBefore(current.refreshAt())) {
                return current.value();
            }
            CompletableFuture<Held<T>> mine = new CompletableFuture<>();
            CompletableFuture<Held<T>> running = inFlight.compareAndExchange(null, mine);
            if (running == null) {
                return fetchOnce(fetch, mine).value();
            }
            if (current != null && now.isBefore(current.expiresAt())) {
                return current.value(); // another thread is refreshing; this one is good until it expires
            }
            try {
                return cancel.await(running, Long.MAX_VALUE).value();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof Cancel.Cancelled)) {
                    throw e.getCause() instanceof RuntimeException runtime
                            ? runtime
                            : new IllegalStateException(e.getCause());
                }
                // the thread that fetched was cancelled: another fetch, perhaps by this thread
            } catch (TimeoutException e) {
                throw new IllegalStateException("cannot happen: no time limit", e);
            }
        }
    }

    /** Forgets the value if {@code rejected} says so: the next {@link #get} fetches another. */
    void invalidate(Predicate<T> rejected) {
        held.updateAndGet(h -> h != null && rejected.test(h.value()) ? null : h);
    }

    private Held<T> fetchOnce(Fetch<T> fetch, CompletableFuture<Held<T>> mine) throws Cancel.Cancelled {
        Held<T> result;
        try {
            Held<T> current = held.get();
            result = current != null && clock.instant().isBefore(current.refreshAt())
                    ? current // fetched by the thread that was in flight a moment ago
                    : refresh(current, fetch);
        } catch (Cancel.Cancelled | RuntimeException e) {
            inFlight.compareAndSet(mine, null); // first, so that a waiter that tries again is not handed this one
            mine.completeExceptionally(e);
            throw e;
        }
        inFlight.compareAndSet(mine, null);
        mine.complete(result);
        return result;
    }

    private Held<T> refresh(Held<T> previous, Fetch<T> fetch) throws Cancel.Cancelled {
        try {
            Fetched<T> fresh = fetch.fetch(previous == null ? null : previous.value());
            Duration lifetime = Duration.between(clock.instant(), fresh.expiresAt());
            // never refresh earlier than half-way through the lifetime, whatever refreshBefore says
            Duration margin =
                    lifetime.dividedBy(2).compareTo(refreshBefore) < 0 ? lifetime.dividedBy(2) : refreshBefore;
            Held<T> next = new Held<>(
                    fresh.value(), fresh.expiresAt(), fresh.expiresAt().minus(margin));
            held.set(next);
            LOG.log(System.Logger.Level.DEBUG, "{0} fetched, expires at {1}", what, fresh.expiresAt());
            return next;
        } catch (RuntimeException e) {
            if (previous == null || !clock.instant().isBefore(previous.expiresAt())) {
                throw e;
            }
            // the service failed but the value still works: keep it, and ask again a little later
            LOG.log(
                    System.Logger.Level.WARNING,
                    "{0} refresh failed, keeping the current one: {1}",
                    what,
                    e.getMessage());
            Held<T> kept = new Held<>(
                    previous.value(), previous.expiresAt(), clock.instant().plus(RETRY_REFRESH_AFTER));
            held.set(kept);
            return kept;
        }
    }
}
