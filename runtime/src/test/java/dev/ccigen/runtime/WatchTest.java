package dev.ccigen.runtime;

import static dev.ccigen.runtime.WatchServer.GONE;
import static dev.ccigen.runtime.WatchServer.bookmark;
import static dev.ccigen.runtime.WatchServer.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Watches against {@link WatchServer}: clean ends, bookmarks, 410 in both forms, restarts, close from another thread. */
class WatchTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private final TestSupport.RecordingSleeper sleeper = new TestSupport.RecordingSleeper();
    private final WatchServer server;

    WatchTest() throws Exception {
        server = new WatchServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private ResourceCalls<TestPod, TestPod.List_> pods(Sleeper sleeper) {
        Transport transport = new ClientBuilder<>(t -> t)
                .endpoint(server.uri())
                .token("t")
                .sleeper(sleeper)
                .requestTimeout(Duration.ofSeconds(5))
                .build();
        return TestSupport.pods(transport);
    }

    private static ListOptions resumed() {
        return ListOptions.builder().resumeWatch(true).allowWatchBookmarks(true).build();
    }

    private static String events(Watch<TestPod> watch, int count) {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            WatchEvent<TestPod> event = watch.next();
            seen.add(event.type() + " " + event.object().objectResourceVersion());
        }
        return String.join(", ", seen);
    }

    @Test
    void aCleanEndIsResumedFromTheLastResourceVersionBookmarksIncluded() {
        server.watches.add(call -> {
            call.stream()
                    .event("ADDED", pod("ns", "a", "1"))
                    .event("BOOKMARK", bookmark("3"))
                    .end();
        });
        server.watches.add(
                call -> call.stream().event("MODIFIED", pod("ns", "a", "4")).end());
        server.watches.add(
                call -> call.stream().event("DELETED", pod("ns", "a", "5")).holdUntilClientCloses());
        assertTimeoutPreemptively(BOUND, () -> {
            try (Watch<TestPod> watch = pods(sleeper).watch(resumed())) {
                assertEquals("ADDED 1, BOOKMARK 3, MODIFIED 4, DELETED 5", events(watch, 4));
                assertEquals("5", watch.resourceVersion());
            }
        });
        List<String> watches = server.requests("watch=true");
        assertEquals("/api/v1/namespaces/ns/pods?allowWatchBookmarks=true&watch=true", watches.get(0));
        assertTrue(watches.get(1).contains("resourceVersion=3&"), watches.get(1));
        assertTrue(watches.get(2).contains("resourceVersion=4&"), watches.get(2));
        for (Duration wait : sleeper.sleeps) { // each reconnect followed progress: the shortest wait
            assertTrue(wait.toMillis() >= 100 && wait.toMillis() <= 200, sleeper.sleeps.toString());
        }
        assertEquals(2, sleeper.sleeps.size());
    }

    @Test
    void withoutResumeTheIterationEndsWithTheStream() {
        server.watches.add(
                call -> call.stream().event("ADDED", pod("ns", "a", "1")).end());
        try (Watch<TestPod> watch = pods(sleeper).watch(ListOptions.none())) {
            assertEquals("ADDED 1", events(watch, 1));
            assertFalse(watch.hasNext());
        }
        assertEquals(1, server.requests.size());
    }

    @Test
    void reconnectsBackOffExponentiallyWithJitterUpToACap() {
        int empty = 12; // more than maxWatchResumes: clean ends are the server's routine, not failures
        for (int i = 0; i < empty; i++) {
            server.watches.add(call -> call.stream().end());
        }
        server.watches.add(
                call -> call.stream().event("ADDED", pod("ns", "a", "8")).holdUntilClientCloses());
        assertTimeoutPreemptively(BOUND, () -> {
            try (Watch<TestPod> watch = pods(sleeper).watch(resumed())) {
                assertEquals("ADDED 8", events(watch, 1));
            }
        });
        assertEquals(empty, sleeper.sleeps.size());
        long step = 200;
        for (Duration wait : sleeper.sleeps) {
            long ms = wait.toMillis();
            assertTrue(ms >= step / 2 && ms <= step, ms + " ms for a step of " + step + ": " + sleeper.sleeps);
            step = Math.min(5000, step * 2);
        }
        assertEquals(5000, step);
    }

    @Test
    void goneInTheStreamCarriesTheLastResourceVersion() {
        server.watches.add(call -> call.stream()
                .event("ADDED", pod("ns", "a", "6"))
                .event("BOOKMARK", bookmark("7"))
                .event("ERROR", GONE)
                .end());
        try (Watch<TestPod> watch = pods(sleeper).watch(resumed())) {
            assertEquals("ADDED 6, BOOKMARK 7", events(watch, 2));
            GoneException gone = assertThrows(GoneException.class, watch::hasNext);
            assertEquals("7", gone.resourceVersion());
            assertEquals(410, gone.statusCode());
            assertEquals("too old resource version: 1 (9)", gone.errorMessage());
        }
    }

    @Test
    void goneAsTheAnswerToAReconnectCarriesTheLastResourceVersion() {
        server.watches.add(
                call -> call.stream().event("ADDED", pod("ns", "a", "6")).end());
        server.watches.add(call -> call.json(410, GONE));
        try (Watch<TestPod> watch = pods(sleeper).watch(resumed())) {
            assertEquals("ADDED 6", events(watch, 1));
            GoneException gone = assertThrows(GoneException.class, watch::hasNext);
            assertEquals("6", gone.resourceVersion());
        }
        assertTrue(server.requests.get(1).contains("resourceVersion=6&"), server.requests.toString());
    }

    @Test
    void goneAsTheAnswerToTheFirstRequestCarriesTheRequestedResourceVersion() {
        server.watches.add(call -> call.json(410, GONE));
        GoneException gone = assertThrows(
                GoneException.class,
                () -> pods(sleeper)
                        .watch(ListOptions.builder().resourceVersion("2").build()));
        assertEquals("2", gone.resourceVersion());
    }

    @Test
    void aRestartedServerIsReconnectedToFromTheLastResourceVersion() throws Exception {
        CountDownLatch streaming = new CountDownLatch(1);
        server.watches.add(call -> {
            call.stream().event("ADDED", pod("ns", "a", "11"));
            streaming.countDown();
            call.holdUntilClientCloses();
        });
        server.watches.add(
                call -> call.stream().event("MODIFIED", pod("ns", "a", "12")).holdUntilClientCloses());
        assertTimeoutPreemptively(BOUND, () -> {
            try (Watch<TestPod> watch = pods(Sleeper.SYSTEM).watch(resumed())) {
                assertEquals("ADDED 11", events(watch, 1));
                assertTrue(streaming.await(5, TimeUnit.SECONDS));
                server.stop(); // the stream is cut and reconnects are refused until the server is back
                Thread.sleep(700);
                server.start();
                assertEquals("MODIFIED 12", events(watch, 1));
            }
        });
        List<String> watches = server.requests("watch=true");
        assertTrue(watches.get(watches.size() - 1).contains("resourceVersion=11&"), watches.toString());
    }

    @Test
    void closeFromAnotherThreadEndsABlockedReadAndClosesTheConnection() throws Exception {
        CountDownLatch connectionClosed = new CountDownLatch(1);
        server.watches.add(call -> {
            call.stream().event("ADDED", pod("ns", "a", "1"));
            if (call.holdUntilClientCloses()) {
                connectionClosed.countDown();
            }
        });
        Watch<TestPod> watch = pods(sleeper).watch(resumed());
        assertEquals("ADDED 1", events(watch, 1));
        closeSoon(watch);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertFalse(watch.hasNext()));
        assertTrue(connectionClosed.await(2, TimeUnit.SECONDS), "the server saw the connection closed");
        assertEquals(1, server.requests.size(), "a closed watch is not resumed");
    }

    @Test
    void closeFromAnotherThreadEndsTheWaitBeforeAReconnect() {
        server.watches.add(
                call -> call.stream().event("ADDED", pod("ns", "a", "1")).end());
        AtomicBoolean waited = new AtomicBoolean();
        WakeableSleeper forever = new WakeableSleeper() {
            @Override
            public void sleep(Duration duration, Cancel cancel) {
                waited.set(true);
                cancel.await(Duration.ofSeconds(60)); // as the default sleeper waits: on the watch's own signal
            }

            @Override
            public void sleep(Duration duration) {
                throw new AssertionError("a watch waits on its signal, never in a sleep to interrupt");
            }
        };
        Watch<TestPod> watch = pods(forever).watch(resumed());
        assertEquals("ADDED 1", events(watch, 1));
        closeSoon(watch);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertFalse(watch.hasNext()));
        assertTrue(waited.get());
        assertFalse(Thread.currentThread().isInterrupted(), "nothing interrupted the consumer");
        assertEquals(1, server.requests.size());
    }

    @Test
    void closeFromAnotherThreadEndsAReconnectThatWaitsForItsAnswer() throws Exception {
        server.watches.add(
                call -> call.stream().event("ADDED", pod("ns", "a", "1")).end());
        CountDownLatch reconnecting = new CountDownLatch(1);
        CountDownLatch connectionClosed = new CountDownLatch(1);
        server.watches.add(
                call -> { // the reconnect: no answer until the client gives up
                    reconnecting.countDown();
                    if (call.holdUntilClientCloses()) {
                        connectionClosed.countDown();
                    }
                });
        Watch<TestPod> watch = pods(sleeper).watch(resumed());
        assertEquals("ADDED 1", events(watch, 1));
        Thread closer = new Thread(() -> {
            try {
                reconnecting.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            watch.close();
        });
        closer.start();
        long start = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertFalse(watch.hasNext()));
        assertTrue(
                System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4),
                "not the 5 s of the request timeout: the request was cancelled");
        assertTrue(connectionClosed.await(2, TimeUnit.SECONDS), "the reconnect's connection is closed");
    }

    @Test
    void aResumedWatchThatGivesUpSaysSo() {
        for (int i = 0; i < 3; i++) {
            server.watches.add(
                    call -> call.stream().event("ADDED", pod("ns", "a", "1")).cut());
        }
        ListOptions options =
                ListOptions.builder().resumeWatch(true).maxWatchResumes(2).build();
        try (Watch<TestPod> watch = pods(sleeper).watch(options)) {
            assertEquals("ADDED 1", events(watch, 1));
            assertEquals("ADDED 1", events(watch, 1), "resumed once");
            assertEquals("ADDED 1", events(watch, 1), "resumed twice");
            TransportException e = assertThrows(TransportException.class, watch::hasNext);
            assertEquals(TransportException.Reason.CONNECTION_CLOSED, e.reason());
            assertTrue(e.getMessage().startsWith("watch, after 2 resumes without progress, failed: "), e.getMessage());
        }
        assertEquals(3, server.requests.size());
    }

    private static void closeSoon(Watch<TestPod> watch) {
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            watch.close();
        });
        closer.setDaemon(true);
        closer.start();
    }
}
