package dev.ccigen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Watches, informers and exec sessions closed at random moments, hundreds of times, against a server of random faults
 * ({@link ChaosServer}): during a list, a reconnect wait, a blocked read, a handler call. Each {@code close()} returns
 * within 3 s, leaves no thread of its own, and leaves the server no open connection. Seeded: the seed is printed, and
 * {@code -Dccigen.chaos.seed=...} runs one again ({@code -Dccigen.chaos.closes=...} runs more).
 */
@Timeout(120)
@ResourceLock(InformerThreads.LOCK)
class RandomCloseTest {

    private static final long CLOSE_BOUND_MILLIS = 3000;

    /** Waits a tenth of the time asked, for real, and ends at once when the waiter is closed: counted when it does. */
    private static final class Compressed implements WakeableSleeper {
        final AtomicInteger wokenByClose = new AtomicInteger();

        @Override
        public void sleep(Duration duration, Cancel cancel) {
            if (cancel.await(duration.dividedBy(10))) {
                wokenByClose.incrementAndGet();
            }
        }

        @Override
        public void sleep(Duration duration) {
            throw new AssertionError("every wait of a watch, an informer or the chain can be woken");
        }
    }

    /** What the lanes found, together. */
    private static final class Tally {
        final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Long> worstByKind = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> closedDuring = new ConcurrentHashMap<>();
        final AtomicInteger closedInHandler = new AtomicInteger();
        final Compressed sleeper = new Compressed();
    }

    @Test
    void closingAtRandomMomentsLeavesNoThreadNoConnectionAndIsPrompt() throws Exception {
        long seed = Long.getLong("ccigen.chaos.seed", System.nanoTime());
        int closes = Integer.getInteger("ccigen.chaos.closes", 300);
        int lanes = 6; // each with its server, its namespace and its share of the closes, side by side
        System.out.println("RandomCloseTest: seed " + seed + " (-Dccigen.chaos.seed=" + seed + " repeats it)");
        Tally tally = new Tally();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        List<Thread> running = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            int number = lane;
            Thread thread = new Thread(
                    () -> {
                        try {
                            lane(number, seed + number, closes / lanes, tally);
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    },
                    "lane-" + lane);
            thread.start();
            running.add(thread);
        }
        for (Thread thread : running) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            AssertionError failed = new AssertionError("seed " + seed + ": " + failures.get(0), failures.get(0));
            failures.stream().skip(1).forEach(failed::addSuppressed);
            throw failed;
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        List<Long> sorted = new ArrayList<>(tally.latencies);
        Collections.sort(sorted);
        System.out.println("RandomCloseTest: " + sorted.size() + " closes in " + elapsed + " ms; close() took "
                + sorted.get(sorted.size() / 2) + " ms at the median, " + sorted.get(sorted.size() * 99 / 100)
                + " ms at the 99th percentile, " + sorted.get(sorted.size() - 1) + " ms at most "
                + new TreeMap<>(tally.worstByKind) + "; closed while the server held "
                + new TreeMap<>(tally.closedDuring) + ", during " + tally.sleeper.wokenByClose
                + " waits (reconnect, retry), during " + tally.closedInHandler + " handler calls");
        assertTrue(sorted.size() >= closes * 2 / 3, "most of them started: " + sorted.size());
        assertTrue(
                tally.sleeper.wokenByClose.get() > 0, "some closes came during a wait between reconnects or retries");
        assertTrue(tally.closedDuring.containsKey("watch-held"), "some during a blocked read of a watch");
        assertTrue(tally.closedDuring.containsKey("exec"), "some of exec sessions");
    }

    /** {@code closes} of watches, informers and sessions, one after the other, against a server of this lane's own. */
    private static void lane(int lane, long seed, int closes, Tally tally) throws Exception {
        Random random = new Random(seed);
        AtomicInteger inHandler = new AtomicInteger();
        String namespace = "ns-" + lane;
        try (ChaosServer server = new ChaosServer(seed);
                Transport transport = new ClientBuilder<>(t -> t)
                        .endpoint(server.uri())
                        .token("chaos-token")
                        .sleeper(tally.sleeper)
                        .requestTimeout(Duration.ofSeconds(10))
                        .build()) {
            ResourceCalls<TestPod, TestPod.List_> pods =
                    new ResourceCalls<>(transport, "/api/v1", "pods", namespace, TestPod.class, TestPod.List_.class);
            for (int i = 0; i < closes; i++) {
                String kind = List.of("watch", "informer", "exec").get(random.nextInt(3));
                long runFor = random.nextInt(20) == 0 ? 100 + random.nextInt(400) : random.nextInt(25);
                String consumerName = "chaos-" + kind + "-" + lane + "-" + i;
                AutoCloseable subject;
                Thread consumer = null;
                try {
                    switch (kind) {
                        case "watch" -> {
                            Watch<TestPod> watch = pods.watch(ListOptions.builder()
                                    .resumeWatch(true)
                                    .maxWatchResumes(1 + random.nextInt(5))
                                    .build());
                            consumer = consume(consumerName, () -> {
                                for (WatchEvent<TestPod> event : watch) {
                                    event.object();
                                }
                            });
                            subject = watch;
                        }
                        case "informer" -> {
                            int handlerMillis = random.nextInt(20);
                            subject = pods.inform(
                                    new ResourceEventHandler<>() {
                                        @Override
                                        public void onAdd(TestPod pod) {
                                            busy(handlerMillis, inHandler);
                                        }

                                        @Override
                                        public void onUpdate(TestPod oldPod, TestPod newPod) {
                                            busy(handlerMillis, inHandler);
                                        }
                                    },
                                    InformerOptions.none());
                        }
                        default -> {
                            ExecSession session = pods.execSession(
                                    "web", ExecOptions.builder().stdin(true).build(), List.of("sh"));
                            InputStream stdout = session.stdout();
                            consumer = consume(consumerName, () -> {
                                byte[] buffer = new byte[256];
                                while (stdout.read(buffer) >= 0) {
                                    // what a reader of a command's output does
                                }
                            });
                            subject = session;
                        }
                    }
                } catch (ApiException e) {
                    continue; // the server refused to start it (a 503 three times, a 410): nothing to close
                }
                Thread.sleep(runFor);
                if (inHandler.get() > 0) {
                    tally.closedInHandler.incrementAndGet();
                }
                long closing = System.nanoTime();
                subject.close();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing);
                tally.latencies.add(millis);
                tally.worstByKind.merge(kind, millis, Math::max);
                String what = kind + " #" + i + " of lane " + lane;
                assertTrue(millis <= CLOSE_BOUND_MILLIS, what + ": close() took " + millis + " ms");
                if (consumer != null) {
                    consumer.join(CLOSE_BOUND_MILLIS);
                    assertTrue(!consumer.isAlive(), what + ": its consumer still waits after close()");
                }
                assertEquals(List.of(), leftBehind(lane, namespace), what + ": threads left after close()");
                assertEquals(0, server.awaitNoOpenConnection(2000), what + ": connections left open, " + server);
            }
            server.closedDuring.forEach((during, count) -> tally.closedDuring
                    .computeIfAbsent(during, k -> new AtomicInteger())
                    .addAndGet(count.get()));
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    /** A consumer thread: iterates or reads until what it uses is closed (an exception then is the end too). */
    private static Thread consume(String name, Body body) {
        Thread thread = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (Exception e) {
                        // closed under it, or the server's fault: the end either way
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void busy(int millis, AtomicInteger inHandler) {
        inHandler.incrementAndGet();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError("an informer is closed without interrupting its handler");
        } finally {
            inHandler.decrementAndGet();
        }
    }

    /** Threads of this lane's informers (named after their path) and consumers still alive. */
    private static List<String> leftBehind(int lane, String namespace) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> (t.getName().startsWith("ccigen-informer ")
                                && t.getName().contains("/namespaces/" + namespace + "/"))
                        || t.getName().matches("chaos-(watch|exec)-" + lane + "-\\d+"))
                .filter(Thread::isAlive)
                .map(t -> t.getName() + " (" + t.getState() + ")")
                .toList();
    }
}
