package dev.ccigen.runtime;

import static dev.ccigen.runtime.WatchServer.GONE;
import static dev.ccigen.runtime.WatchServer.bookmark;
import static dev.ccigen.runtime.WatchServer.list;
import static dev.ccigen.runtime.WatchServer.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Informers against {@link WatchServer}: the store and the exact handler calls, across watches, relists and restarts. */
@ResourceLock(InformerThreads.LOCK)
class InformerTest {

    private static final String PODS = "/api/v1/namespaces/ns/pods";
    /** Waits for real, but briefly: the informer's loops must not spin, and the tests must not wait seconds. */
    private static final Sleeper BRIEF = duration -> Thread.sleep(Math.min(duration.toMillis(), 20));

    private final WatchServer server;
    private final Recorder handler = new Recorder();
    private Informer<TestPod> informer;

    InformerTest() throws Exception {
        server = new WatchServer();
    }

    @AfterEach
    void stop() throws Exception {
        if (informer != null) {
            informer.close();
        }
        server.close();
    }

    /** Writes down every call, as {@code add a 1}, {@code update a 1>2}, {@code delete a 3 unknown}. */
    static final class Recorder implements ResourceEventHandler<TestPod> {
        final List<String> calls = new ArrayList<>();
        final List<String> threads = new ArrayList<>();

        @Override
        public synchronized void onAdd(TestPod pod) {
            record("add " + id(pod));
        }

        @Override
        public synchronized void onUpdate(TestPod oldPod, TestPod newPod) {
            record("update " + id(oldPod) + ">" + newPod.objectResourceVersion());
        }

        @Override
        public synchronized void onDelete(TestPod pod, boolean finalStateUnknown) {
            record("delete " + id(pod) + (finalStateUnknown ? " unknown" : ""));
        }

        private void record(String call) {
            calls.add(call);
            threads.add(Thread.currentThread().getName());
            notifyAll();
        }

        /** The calls, once there are {@code count} of them (at most 10 s later). */
        synchronized List<String> await(int count) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (calls.size() < count && System.nanoTime() < end) {
                wait(100);
            }
            return List.copyOf(calls);
        }

        private static String id(TestPod pod) {
            return (pod.objectNamespace() == null || pod.objectNamespace().equals("ns")
                            ? ""
                            : pod.objectNamespace() + "/")
                    + pod.objectName() + " " + pod.objectResourceVersion();
        }
    }

    private ResourceCalls<TestPod, TestPod.List_> calls(String namespace) {
        return calls("pods", namespace);
    }

    private ResourceCalls<TestPod, TestPod.List_> calls(String plural, String namespace) {
        return calls(plural, namespace, BRIEF);
    }

    private ResourceCalls<TestPod, TestPod.List_> calls(String plural, String namespace, Sleeper sleeper) {
        Transport transport = new ClientBuilder<>(t -> t)
                .endpoint(server.uri())
                .token("t")
                .sleeper(sleeper)
                .requestTimeout(Duration.ofSeconds(5))
                .build();
        return new ResourceCalls<>(transport, "/api/v1", plural, namespace, TestPod.class, TestPod.List_.class);
    }

    private Informer<TestPod> inform(InformerOptions options) {
        informer = calls("ns").inform(handler, options);
        return informer;
    }

    private static String storeOf(Informer<TestPod> informer) {
        return informer.store().list().stream()
                .map(p -> p.objectName() + " " + p.objectResourceVersion())
                .sorted()
                .collect(Collectors.joining(", "));
    }

    /** A watch that sends {@code events} (type, object, type, object, ...), then holds until the client closes. */
    static WatchServer.Script holding(CountDownLatch closedByClient, String... events) {
        return call -> {
            call.stream();
            for (int i = 0; i < events.length; i += 2) {
                call.event(events[i], events[i + 1]);
            }
            if (call.holdUntilClientCloses()) {
                closedByClient.countDown();
            }
        };
    }

    static List<Thread> informerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ccigen-informer"))
                .collect(Collectors.toList());
    }

    @Test
    void listsPageByPageThenWatchesFromTheListsResourceVersion() throws Exception {
        server.lists.add(call -> call.json(200, list("10", "c1", pod("ns", "a", "1"), pod("ns", "b", "2"))));
        server.lists.add(call -> call.json(200, list("10", null, pod("ns", "c", "3"))));
        CountDownLatch closed = new CountDownLatch(1);
        server.watches.add(holding(
                closed,
                "MODIFIED",
                pod("ns", "a", "11"),
                "DELETED",
                pod("ns", "b", "12"),
                "ADDED",
                pod("ns", "d", "13"),
                "BOOKMARK",
                bookmark("14")));
        Informer<TestPod> informer = inform(
                InformerOptions.builder().pageSize(2).labelSelector("app=web").build());
        assertEquals("a 1, b 2, c 3", storeOf(informer), "the first list is in the store when inform returns");

        assertEquals(
                List.of("add a 1", "add b 2", "add c 3", "update a 1>11", "delete b 12", "add d 13"), handler.await(6));
        assertTrue(informer.hasSynced());
        assertEquals("a 11, c 3, d 13", storeOf(informer));
        assertEquals("13", informer.store().get("ns", "d").objectResourceVersion());
        assertNull(informer.store().get("ns", "b"));
        assertNull(informer.store().get("other", "a"));
        assertEquals(1, handler.threads.stream().distinct().count(), "one handler thread");
        assertEquals(
                List.of(
                        PODS + "?labelSelector=app%3Dweb&limit=2",
                        PODS + "?labelSelector=app%3Dweb&limit=2&continue=c1",
                        PODS + "?labelSelector=app%3Dweb&resourceVersion=10&allowWatchBookmarks=true&watch=true"),
                server.requests);

        long start = System.nanoTime();
        informer.close();
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "close() within 2 s");
        assertTrue(closed.await(2, TimeUnit.SECONDS), "the watch connection is closed");
        assertEquals(List.of(), informerThreads(), "no thread of the informer's is left");
        informer.close(); // again: harmless
    }

    @Test
    void aCleanEndOfTheWatchIsResumedWithoutListingAgain() throws Exception {
        server.lists.add(call -> call.json(200, list("20", null)));
        server.watches.add(call -> call.stream()
                .event("ADDED", pod("ns", "x", "21"))
                .event("BOOKMARK", bookmark("25"))
                .end());
        server.watches.add(holding(new CountDownLatch(1), "MODIFIED", pod("ns", "x", "26")));
        inform(InformerOptions.none());
        assertEquals(List.of("add x 21", "update x 21>26"), handler.await(2));
        assertEquals(1, server.requests(PODS + "?limit").size(), "listed once");
        assertTrue(server.requests.get(2).contains("resourceVersion=25&"), server.requests.toString());
    }

    @Test
    void goneInTheStreamRelistsAndTellsTheDifference() throws Exception {
        server.lists.add(
                call -> call.json(200, list("5", null, pod("ns", "a", "1"), pod("ns", "b", "2"), pod("ns", "c", "3"))));
        server.watches.add(call -> call.stream()
                .event("MODIFIED", pod("ns", "a", "6"))
                .event("ERROR", GONE)
                .end());
        server.lists.add(
                call -> call.json(200, list("9", null, pod("ns", "a", "6"), pod("ns", "b", "7"), pod("ns", "d", "8"))));
        server.watches.add(holding(new CountDownLatch(1), "DELETED", pod("ns", "d", "10")));
        Informer<TestPod> informer = inform(InformerOptions.none());
        assertEquals(
                List.of(
                        "add a 1",
                        "add b 2",
                        "add c 3",
                        "update a 1>6",
                        "update b 2>7",
                        "add d 8",
                        "delete c 3 unknown", // the relist: a unchanged, no call
                        "delete d 10"),
                handler.await(8));
        assertEquals("a 6, b 7", storeOf(informer));
        List<String> watches = server.requests("watch=true");
        assertTrue(
                watches.get(0).contains("resourceVersion=5&") && watches.get(1).contains("resourceVersion=9&"),
                watches.toString());
    }

    @Test
    void goneAsTheAnswerToAWatchRelists() throws Exception {
        server.lists.add(call -> call.json(200, list("5", null, pod("ns", "a", "1"))));
        server.watches.add(call -> call.json(410, GONE));
        server.lists.add(call -> call.json(200, list("9", null, pod("ns", "b", "8"))));
        server.watches.add(holding(new CountDownLatch(1)));
        inform(InformerOptions.none());
        assertEquals(List.of("add a 1", "add b 8", "delete a 1 unknown"), handler.await(3));
    }

    @Test
    void aContinueTokenThatExpiresFallsBackToOneWholeList() throws Exception {
        server.lists.add(call -> call.json(200, list("5", "c1", pod("ns", "a", "1"))));
        server.lists.add(call -> call.json(410, GONE));
        server.lists.add(call -> call.json(200, list("6", null, pod("ns", "a", "1"), pod("ns", "b", "2"))));
        server.watches.add(holding(new CountDownLatch(1)));
        Informer<TestPod> informer =
                inform(InformerOptions.builder().pageSize(1).build());
        assertEquals("a 1, b 2", storeOf(informer));
        assertEquals(PODS, server.requests.get(2));
        assertEquals(List.of("add a 1", "add b 2"), handler.await(2), "nothing of the abandoned pages is told");
    }

    @Test
    void survivesAServerRestart() throws Exception {
        server.lists.add(call -> call.json(200, list("30", null, pod("ns", "a", "30"))));
        CountDownLatch streaming = new CountDownLatch(1);
        server.watches.add(call -> {
            call.stream().event("MODIFIED", pod("ns", "a", "31"));
            streaming.countDown();
            call.holdUntilClientCloses();
        });
        server.watches.add(holding(new CountDownLatch(1), "MODIFIED", pod("ns", "a", "32")));
        inform(InformerOptions.none());
        assertTrue(streaming.await(5, TimeUnit.SECONDS));
        server.stop();
        Thread.sleep(500);
        server.start();
        assertEquals(List.of("add a 30", "update a 30>31", "update a 31>32"), handler.await(3));
        List<String> watches = server.requests("watch=true");
        assertTrue(watches.get(watches.size() - 1).contains("resourceVersion=31&"), watches.toString());
        assertEquals(1, server.requests(PODS + "?limit").size(), "the watch went on without a new list");
    }

    @Test
    void aHandlerThatThrowsDoesNotStopTheInformer() throws Exception {
        server.lists.add(call -> call.json(200, list("1", null, pod("ns", "a", "1"))));
        server.watches.add(holding(new CountDownLatch(1), "ADDED", pod("ns", "b", "2")));
        List<String> seen = new ArrayList<>();
        CountDownLatch both = new CountDownLatch(2);
        informer = calls("ns")
                .inform(
                        new ResourceEventHandler<>() {
                            @Override
                            public void onAdd(TestPod pod) {
                                seen.add(pod.objectName());
                                both.countDown();
                                throw new IllegalStateException("a bug in the handler");
                            }
                        },
                        InformerOptions.none());
        assertTrue(both.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("a", "b"), seen);
    }

    @Test
    void resyncHandsEveryObjectToOnUpdateAgain() throws Exception {
        server.lists.add(call -> call.json(200, list("1", null, pod("ns", "a", "1"))));
        server.watches.add(holding(new CountDownLatch(1)));
        inform(InformerOptions.builder().resyncPeriod(Duration.ofMillis(100)).build());
        assertEquals(List.of("add a 1", "update a 1>1", "update a 1>1"), handler.await(3));
    }

    @Test
    void allNamespacesAndClusterScopedInformersKeyByNamespaceAndName() throws Exception {
        server.lists.add(call -> call.json(200, list("3", null, pod("one", "web", "1"), pod("two", "web", "2"))));
        server.watches.add(holding(new CountDownLatch(1), "DELETED", pod("one", "web", "4")));
        informer = calls(null).inform(handler, InformerOptions.none());
        assertEquals(List.of("add one/web 1", "add two/web 2", "delete one/web 4"), handler.await(3));
        assertNull(informer.store().get("one", "web"));
        assertEquals("2", informer.store().get("two", "web").objectResourceVersion());
        assertEquals("/api/v1/pods?limit=500", server.requests.get(0));
        informer.close();

        server.lists.add(call -> call.json(200, list("3", null, pod(null, "node-1", "1"))));
        server.watches.add(holding(new CountDownLatch(1)));
        informer = calls("nodes", null).inform(handler, InformerOptions.none());
        assertEquals("1", informer.store().get(null, "node-1").objectResourceVersion());
        assertEquals(
                "/api/v1/nodes?limit=500",
                server.requests(PODS.replace("namespaces/ns/pods", "nodes")).get(0));
    }

    @Test
    void closeDuringAListEndsItAtOnceAndClosesItsConnection() throws Exception {
        server.lists.add(call -> call.json(200, list("5", null, pod("ns", "a", "1"))));
        server.watches.add(call -> call.json(410, GONE)); // so the informer lists again
        CountDownLatch listing = new CountDownLatch(1);
        CountDownLatch listClosed = new CountDownLatch(1);
        server.lists.add(call -> {
            listing.countDown();
            if (call.holdUntilClientCloses()) {
                listClosed.countDown();
            }
        });
        Informer<TestPod> informer = inform(InformerOptions.none());
        assertTrue(listing.await(10, TimeUnit.SECONDS));
        assertClosesAtOnce(informer, listClosed);
    }

    /** {@code informer.close()} returns at once, the server sees its connection closed, and no thread is left. */
    private static void assertClosesAtOnce(Informer<TestPod> informer, CountDownLatch connectionClosed)
            throws InterruptedException {
        long start = System.nanoTime();
        informer.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 500, "close() took " + millis + " ms, not the request timeout");
        assertTrue(connectionClosed.await(2, TimeUnit.SECONDS), "the connection is closed");
        assertEquals(List.of(), informerThreads());
    }

    @Test
    void closeDuringAListWhoseBodyStallsEndsItAtOnce() throws Exception {
        server.lists.add(call -> call.json(200, list("5", null, pod("ns", "a", "1"))));
        server.watches.add(call -> call.json(410, GONE));
        CountDownLatch listing = new CountDownLatch(1);
        CountDownLatch listClosed = new CountDownLatch(1);
        server.lists.add(
                call -> { // the relist's headers come, then half its body, then nothing
                    call.partialJson(200, list("9", null, pod("ns", "a", "1")), 20);
                    listing.countDown();
                    if (call.holdUntilClientCloses()) {
                        listClosed.countDown();
                    }
                });
        Informer<TestPod> informer = inform(InformerOptions.none());
        assertTrue(listing.await(10, TimeUnit.SECONDS));
        Thread.sleep(50); // the informer reads the body's first bytes, and waits for the rest
        assertClosesAtOnce(informer, listClosed);
    }

    @Test
    void closeDuringAReconnectWaitAfterTheBackoffHasGrownIsImmediate() throws Exception {
        server.lists.add(call -> call.json(200, list("5", null, pod("ns", "a", "1"))));
        for (int i = 0; i < 200; i++) { // every watch refused: reconnects fail, the backoff grows
            server.watches.add(call -> call.json(500, "{\"kind\":\"Status\",\"code\":500}"));
        }
        CountDownLatch longWait = new CountDownLatch(1);
        WakeableSleeper growing = new WakeableSleeper() {
            @Override
            public void sleep(Duration duration, Cancel cancel) {
                if (duration.toMillis() >= 1000) { // the shorter waits pass at once, so that the test need not wait
                    longWait.countDown();
                    cancel.await(duration);
                }
            }

            @Override
            public void sleep(Duration duration) {
                throw new AssertionError("the informer's waits are woken by close(), never interrupted");
            }
        };
        informer = calls("pods", "ns", growing).inform(handler, InformerOptions.none());
        assertTrue(longWait.await(20, TimeUnit.SECONDS), "the backoff reached a second");
        long start = System.nanoTime();
        informer.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 200, "close() during a long reconnect wait took " + millis + " ms");
        assertEquals(List.of(), informerThreads(), "its threads ended with close()");
    }

    @Test
    void aFailingFirstListIsThrownByInformAndLeavesNoThread() {
        server.lists.add(
                call -> call.json(403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"pods is forbidden\"}"));
        ForbiddenException e = assertThrows(ForbiddenException.class, () -> inform(InformerOptions.none()));
        assertEquals("pods is forbidden", e.errorMessage());
        assertEquals(List.of(), informerThreads());
        assertFalse(server.requests.isEmpty());
    }
}
