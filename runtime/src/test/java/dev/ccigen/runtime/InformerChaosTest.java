package dev.ccigen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.runtime.ChaosApiServer.StreamFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Informers against a server whose pods change all the time ({@link ChaosApiServer}: 20 to 60 pods, a change every 2
 * to 9 ms) while faults come at seeded random moments (every 8 to 30 ms): clean ends of the watch, connections cut in
 * the middle of an event, 410 in the stream and on reconnect, 429 and 5xx on lists, expired continue tokens, bookmarks,
 * restarts on the same port with and without the history, slow handlers, a second handler added late, and other
 * informers opened and closed at random moments. Times are a tenth to a hundredth of a real cluster's (the informer's
 * waits too: its sleeper waits a twentieth), so that a seed takes a fraction of a second and hundreds run in a build.
 *
 * <p>For each seed, once the faults and the changes stop: the store equals the server's pods within seconds; replaying
 * each handler's calls gives the store (an update starts from the version the handler had, a delete is of an object it
 * had); no object is added twice without a delete between; every deletion of an object a handler had reached it; the
 * lists completed are at most the 410s plus the restarts plus one; every {@code close()} returns within 3 s and leaves
 * no thread and no connection. The first seed is printed; {@code -Dccigen.chaos.informer.seed=S} runs seed S alone,
 * {@code -Dccigen.chaos.informer.seeds=N} runs N seeds (default 200).
 */
@Timeout(600)
@Execution(ExecutionMode.CONCURRENT) // waits on the chaos server's timers: the other classes run meanwhile
@ResourceLock(InformerThreads.LOCK)
class InformerChaosTest {

    private static final long CLOSE_BOUND_MILLIS = 3000;
    private static final long CHAOS_MILLIS = 200;
    private static final long CONVERGENCE_MILLIS = 10_000;
    private static final int LANES = 4;

    /** Waits a twentieth of the time asked, for real, and ends at once when the waiter is closed. */
    private static final class Compressed implements WakeableSleeper {
        @Override
        public void sleep(Duration duration, Cancel cancel) {
            cancel.await(duration.dividedBy(20));
        }

        @Override
        public void sleep(Duration duration) {
            throw new AssertionError("every wait of an informer can be woken");
        }
    }

    /** A handler that replays its calls into a model of the store, and writes down each call the model refutes. */
    private static final class Replay implements ResourceEventHandler<TestPod> {
        private final String name;
        private final ChaosApiServer server;
        private final Map<String, String> model = new HashMap<>();
        private final Set<String> added = new HashSet<>();
        private final Set<String> deleted = new HashSet<>();
        private final List<String> wrong = new ArrayList<>();
        private final List<Long> lags;
        volatile long slowUntil;

        Replay(String name, ChaosApiServer server, List<Long> lags) {
            this.name = name;
            this.server = server;
            this.lags = lags;
        }

        @Override
        public synchronized void onAdd(TestPod pod) {
            String known = model.put(pod.objectName(), pod.objectResourceVersion());
            if (known != null) {
                wrong.add(name + ": " + pod.objectName() + " added twice without a delete between");
            }
            added.add(pod.objectName());
            heard(pod, true);
        }

        @Override
        public synchronized void onUpdate(TestPod oldPod, TestPod newPod) {
            String known = model.put(newPod.objectName(), newPod.objectResourceVersion());
            if (!Objects.equals(known, oldPod.objectResourceVersion())) {
                wrong.add(name + ": " + newPod.objectName() + " updated from version " + oldPod.objectResourceVersion()
                        + ", the handler had " + known);
            }
            heard(newPod, oldPod != newPod);
        }

        @Override
        public synchronized void onDelete(TestPod pod, boolean finalStateUnknown) {
            if (model.remove(pod.objectName()) == null) {
                wrong.add(name + ": " + pod.objectName() + " deleted, the handler did not have it");
            }
            deleted.add(pod.objectName());
            heard(pod, !finalStateUnknown);
        }

        /** The time from the change on the server to this call; a slow handler takes its time. */
        private void heard(TestPod pod, boolean change) {
            Long made = change ? server.madeAt.get(Long.parseLong(pod.objectResourceVersion())) : null;
            if (made != null) {
                lags.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - made));
            }
            if (System.nanoTime() < slowUntil) {
                try {
                    Thread.sleep(1 + ThreadLocalRandom.current().nextInt(10));
                } catch (InterruptedException e) {
                    throw new AssertionError("an informer never interrupts its handler");
                }
            }
        }

        synchronized Map<String, String> model() {
            return new TreeMap<>(model);
        }

        /** What this handler got wrong: the model refuted, or a deletion of an object it had that never reached it. */
        synchronized List<String> wrong(Set<String> deletedOnServer) {
            List<String> all = new ArrayList<>(wrong);
            for (String pod : added) {
                if (deletedOnServer.contains(pod) && !deleted.contains(pod)) {
                    all.add(name + ": the deletion of " + pod + " never reached the handler");
                }
            }
            return all;
        }
    }

    /** What all the seeds did, together. */
    private static final class Tally {
        final Map<String, AtomicInteger> faults = new ConcurrentHashMap<>();
        final List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        final List<Long> closes = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger lists = new AtomicInteger();
        final AtomicInteger gones = new AtomicInteger();
        final AtomicInteger restarts = new AtomicInteger();
        final AtomicInteger seeds = new AtomicInteger();

        void fault(String kind) {
            faults.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Test
    void informersStayInStepUnderFaultsAndCloseCleanly() throws Exception {
        Long replay = Long.getLong("ccigen.chaos.informer.seed");
        long first = replay != null ? replay : System.nanoTime();
        int seeds = replay != null ? 1 : Integer.getInteger("ccigen.chaos.informer.seeds", 200);
        System.out.println("InformerChaosTest: seeds " + first + " to " + (first + seeds - 1)
                + " (-Dccigen.chaos.informer.seed=S runs seed S alone)");
        Tally tally = new Tally();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        List<Thread> lanes = new ArrayList<>();
        for (int lane = 0; lane < Math.min(LANES, seeds); lane++) {
            int number = lane;
            Thread thread = new Thread(
                    () -> {
                        for (int i = next.getAndIncrement();
                                i < seeds && failures.isEmpty();
                                i = next.getAndIncrement()) {
                            long seed = first + i;
                            try {
                                seed(seed, number, tally);
                            } catch (Throwable e) {
                                failures.add(new AssertionError("seed " + seed + ": " + e.getMessage(), e));
                            }
                        }
                    },
                    "chaos-lane-" + lane);
            thread.start();
            lanes.add(thread);
        }
        for (Thread thread : lanes) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            AssertionError failed = new AssertionError(failures.get(0).getMessage(), failures.get(0));
            failures.stream().skip(1).forEach(failed::addSuppressed);
            throw failed;
        }
        List<Long> lags = sorted(tally.lags);
        List<Long> closes = sorted(tally.closes);
        System.out.println("InformerChaosTest: " + tally.seeds + " seeds in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms, "
                + tally.faults.values().stream().mapToInt(AtomicInteger::get).sum() + " faults "
                + new TreeMap<>(tally.faults) + "; " + tally.lists + " lists completed for " + tally.gones
                + " 410s and " + tally.restarts + " restarts; handler lag " + percentile(lags, 50) + " ms median, "
                + percentile(lags, 99) + " ms p99 of " + lags.size() + " calls; close() at most "
                + percentile(closes, 100) + " ms of " + closes.size());
    }

    private static ResourceCalls<TestPod, TestPod.List_> pods(Transport transport, String namespace) {
        return new ResourceCalls<>(transport, "/api/v1", "pods", namespace, TestPod.class, TestPod.List_.class);
    }

    private static Transport client(ChaosApiServer server) {
        return new ClientBuilder<>(t -> t)
                .endpoint(server.uri())
                .token("chaos-token")
                .sleeper(new Compressed())
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** One seed: a server, an informer in step with it through the chaos, and the checks. */
    private static void seed(long seed, int lane, Tally tally) throws Exception {
        Random random = new Random(seed); // the faults: their kinds, moments and details
        Random pace = new Random(~seed); // the moments of the changes, apart so that the faults replay alike
        String namespace = "lane-" + lane;
        try (ChaosApiServer server = new ChaosApiServer(seed);
                Transport client = client(server);
                Transport other = client(server)) {
            for (int i = 20 + pace.nextInt(30); i > 0; i--) {
                server.mutate();
            }
            Replay first = new Replay("first handler", server, tally.lags);
            Replay late = new Replay("late handler", server, tally.lags);
            Informer<TestPod> informer = pods(client, namespace)
                    .inform(
                            first,
                            InformerOptions.builder()
                                    .pageSize(7)
                                    .resyncPeriod(Duration.ofMillis(30 + random.nextInt(50)))
                                    .build());
            chaos(random, pace, server, informer, first, late, () -> pods(other, namespace + "-x"), tally);
            awaitConvergence(server, informer, first, late);
            List<String> wrong = new ArrayList<>(first.wrong(server.deleted));
            wrong.addAll(late.wrong(server.deleted));
            assertEquals(List.of(), wrong, "the handlers' calls replayed");
            int lists = server.count("lists", namespace);
            int gones = server.count("410s", namespace);
            assertTrue(
                    lists <= gones + server.restarts.get() + 1,
                    lists + " lists for " + gones + " 410s and " + server.restarts + " restarts");
            tally.lists.addAndGet(lists);
            tally.gones.addAndGet(gones);
            tally.restarts.addAndGet(server.restarts.get());
            closePromptly(informer, server, namespace, tally);
            tally.seeds.incrementAndGet();
        }
    }

    private interface Calls {
        ResourceCalls<TestPod, TestPod.List_> get();
    }

    /** {@link #CHAOS_MILLIS} of changes and faults. */
    private static void chaos(
            Random random,
            Random pace,
            ChaosApiServer server,
            Informer<TestPod> informer,
            Replay first,
            Replay late,
            Calls others,
            Tally tally)
            throws Exception {
        long start = System.nanoTime();
        long end = start + TimeUnit.MILLISECONDS.toNanos(CHAOS_MILLIS);
        long nextChange = start;
        long nextFault = start + TimeUnit.MILLISECONDS.toNanos(8 + random.nextInt(22));
        boolean lateAdded = false;
        for (long now = start; now < end; now = System.nanoTime()) {
            if (now >= nextChange) {
                server.mutate();
                nextChange = now + TimeUnit.MILLISECONDS.toNanos(2 + pace.nextInt(8));
            }
            if (now >= nextFault) {
                fault(random, server, first, others, tally);
                nextFault = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(8 + random.nextInt(22));
            }
            if (!lateAdded && now > start + (end - start) / 3) {
                informer.addEventHandler(late);
                lateAdded = true;
            }
            Thread.sleep(1);
        }
        if (!lateAdded) { // a fault took the whole time (a restart waiting for its port)
            informer.addEventHandler(late);
        }
    }

    private static void fault(Random random, ChaosApiServer server, Replay handler, Calls others, Tally tally)
            throws Exception {
        int dice = random.nextInt(11);
        String kind = List.of(
                        "clean end",
                        "cut mid-event",
                        "410 in the stream",
                        "410 on reconnect",
                        "429/5xx on list",
                        "expired continue",
                        "bookmark",
                        "restart keeping history",
                        "restart losing history",
                        "slow handler",
                        "close at random")
                .get(dice);
        tally.fault(kind);
        switch (dice) {
            case 0 -> server.streams(StreamFault.END);
            case 1 -> server.streams(StreamFault.CUT);
            case 2 -> server.streams(StreamFault.GONE);
            case 3 -> {
                server.compact();
                server.streams(StreamFault.CUT);
            }
            case 4 -> { // the next list fails: make the informer list
                server.failNextList();
                server.streams(StreamFault.GONE);
            }
            case 5 -> {
                server.expireNextContinue();
                server.streams(StreamFault.GONE);
            }
            case 6 -> server.streams(StreamFault.BOOKMARK);
            case 7, 8 -> server.restart(dice == 7, 2 + random.nextInt(20));
            case 9 -> handler.slowUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20 + random.nextInt(60));
            default -> closeAtRandom(random, server, others, tally);
        }
    }

    /** Another client's informer, closed a random moment after it started (during a list, a watch, a wait). */
    private static void closeAtRandom(Random random, ChaosApiServer server, Calls others, Tally tally)
            throws Exception {
        ResourceCalls<TestPod, TestPod.List_> calls = others.get();
        Informer<TestPod> informer;
        try {
            informer = calls.inform(
                    new ResourceEventHandler<>() {},
                    InformerOptions.builder().pageSize(5).build());
        } catch (ApiException e) {
            return; // refused (a fault on its first list) or the server restarting: nothing to close
        }
        Thread.sleep(random.nextInt(15));
        String namespace = calls.path().replaceFirst(".*/namespaces/([^/]+)/.*", "$1");
        closePromptly(informer, server, namespace, tally);
    }

    private static void closePromptly(Informer<TestPod> informer, ChaosApiServer server, String namespace, Tally tally)
            throws InterruptedException {
        long closing = System.nanoTime();
        informer.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing);
        tally.closes.add(millis);
        assertTrue(millis <= CLOSE_BOUND_MILLIS, "close() took " + millis + " ms");
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().contains("/namespaces/" + namespace + "/") && t.isAlive())
                .map(t -> t.getName() + " (" + t.getState() + ")")
                .toList();
        assertEquals(List.of(), left, "threads left after close()");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (server.openConnections(namespace) > 0 && System.nanoTime() < end) {
            Thread.sleep(2);
        }
        assertEquals(0, server.openConnections(namespace), "connections left open after close()");
    }

    /** The store, and what each handler's calls give, equal the server's pods within {@link #CONVERGENCE_MILLIS}. */
    private static void awaitConvergence(ChaosApiServer server, Informer<TestPod> informer, Replay first, Replay late)
            throws InterruptedException {
        Map<String, String> expected = server.pods();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONVERGENCE_MILLIS);
        while (System.nanoTime() < end
                && !(expected.equals(store(informer))
                        && expected.equals(first.model())
                        && expected.equals(late.model()))) {
            Thread.sleep(5);
        }
        assertEquals(expected, store(informer), "the store, once the faults stopped");
        assertEquals(expected, first.model(), "the first handler's calls replayed");
        assertEquals(expected, late.model(), "the late handler's calls replayed");
    }

    private static Map<String, String> store(Informer<TestPod> informer) {
        Map<String, String> now = new TreeMap<>();
        informer.store().list().forEach(p -> now.put(p.objectName(), p.objectResourceVersion()));
        return now;
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> copy;
        synchronized (values) {
            copy = new ArrayList<>(values);
        }
        Collections.sort(copy);
        return copy;
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * percent / 100));
    }
}
