package dev.ccigen.runtime;

import static dev.ccigen.runtime.InformerTest.holding;
import static dev.ccigen.runtime.InformerTest.informerThreads;
import static dev.ccigen.runtime.WatchServer.bookmark;
import static dev.ccigen.runtime.WatchServer.list;
import static dev.ccigen.runtime.WatchServer.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.runtime.InformerTest.Recorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * What controllers need of an informer, against {@link WatchServer}: several handlers and late ones, indexes and
 * namespace listers, informers shared by the parts of a program, a transform, the resourceVersion synced, failures told,
 * and handlers that cannot stop it.
 */
@ResourceLock(InformerThreads.LOCK)
class SharedInformerTest {

    private static final String PODS = "/api/v1/namespaces/ns/pods";
    private static final Sleeper BRIEF = duration -> Thread.sleep(Math.min(duration.toMillis(), 20));

    private final WatchServer server;
    private final Transport transport;
    private final List<Informer<TestPod>> informers = new ArrayList<>();

    SharedInformerTest() throws Exception {
        server = new WatchServer();
        transport = new ClientBuilder<>(t -> t)
                .endpoint(server.uri())
                .token("t")
                .sleeper(BRIEF)
                .requestTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterEach
    void stop() throws Exception {
        informers.forEach(Informer::close);
        transport.close();
        server.close();
    }

    /** What a part of a program does: its own ResourceCalls (as {@code client.coreV1().pods(ns)} makes), one client. */
    private Informer<TestPod> inform(String namespace, ResourceEventHandler<TestPod> handler, InformerOptions options) {
        Informer<TestPod> informer = new ResourceCalls<>(
                        transport, "/api/v1", "pods", namespace, TestPod.class, TestPod.List_.class)
                .inform(handler, options);
        informers.add(informer);
        return informer;
    }

    private static String labelled(String namespace, String name, String version, String node) {
        return "{\"kind\":\"Pod\",\"metadata\":{\"namespace\":\"" + namespace + "\",\"name\":\"" + name
                + "\",\"resourceVersion\":\"" + version + "\",\"labels\":{\"node\":\"" + node + "\"}}}";
    }

    private static List<String> names(List<TestPod> pods) {
        return pods.stream()
                .map(p -> p.objectNamespace() + "/" + p.objectName())
                .sorted()
                .collect(Collectors.toList());
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(10, TimeUnit.SECONDS), "timed out");
    }

    @Test
    void everyHandlerHearsEveryChangeAndALateOneStartsFromTheStore() throws Exception {
        server.lists.add(call -> call.json(200, list("10", null, pod("ns", "b", "2"), pod("ns", "a", "1"))));
        CountDownLatch second = new CountDownLatch(1);
        CountDownLatch third = new CountDownLatch(1);
        server.watches.add(call -> {
            call.stream().event("MODIFIED", pod("ns", "a", "11"));
            await(second);
            call.event("ADDED", pod("ns", "c", "12"));
            await(third);
            call.event("DELETED", pod("ns", "b", "13")).event("BOOKMARK", bookmark("14"));
            call.holdUntilClientCloses();
        });
        Recorder first = new Recorder();
        Informer<TestPod> informer = inform("ns", first, InformerOptions.none());
        assertEquals("10", informer.lastSyncResourceVersion(), "the list's");
        assertEquals(List.of("add b 2", "add a 1", "update a 1>11"), first.await(3), "in the list's order");

        Recorder late = new Recorder();
        informer.addEventHandler(late);
        assertEquals(List.of("add a 11", "add b 2"), late.await(2), "the store, by name");
        second.countDown();
        assertEquals(List.of("add a 11", "add b 2", "add c 12"), late.await(3));
        assertEquals("add c 12", first.await(4).get(3));
        assertTrue(informer.hasSynced());
        assertNotSame(first.threads.get(0), late.threads.get(0), "a thread each");

        informer.removeEventHandler(late);
        third.countDown();
        assertEquals("delete b 13", first.await(5).get(4));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!"14".equals(informer.lastSyncResourceVersion()) && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertEquals("14", informer.lastSyncResourceVersion(), "the bookmark's");
        assertEquals(3, late.calls.size(), "none after it was removed");
        assertEquals(
                List.of(PODS + "?limit=500", PODS + "?resourceVersion=10&allowWatchBookmarks=true&watch=true"),
                server.requests,
                "a handler added late costs no request");
    }

    @Test
    void informersOfOneClientOnTheSameObjectsShareOneListAndOneWatch() throws Exception {
        server.lists.add(call -> call.json(200, list("10", null, pod("ns", "a", "1"))));
        CountDownLatch oneClosed = new CountDownLatch(1);
        CountDownLatch watchClosed = new CountDownLatch(1);
        server.watches.add(call -> {
            call.stream();
            await(oneClosed);
            call.event("MODIFIED", pod("ns", "a", "2"));
            if (call.holdUntilClientCloses()) {
                watchClosed.countDown();
            }
        });
        Recorder one = new Recorder();
        Recorder two = new Recorder();
        Informer<TestPod> first = inform("ns", one, InformerOptions.none());
        Informer<TestPod> second =
                inform("ns", two, InformerOptions.builder().resyncPeriod(null).build());
        assertSame(first.store(), second.store());
        assertEquals(List.of("add a 1"), one.await(1));
        assertEquals(List.of("add a 1"), two.await(1), "a replay of the store for the second");

        server.lists.add(call -> call.json(200, list("20", null)));
        server.watches.add(holding(new CountDownLatch(1)));
        Informer<TestPod> selected = inform(
                "ns",
                new Recorder(),
                InformerOptions.builder().labelSelector("app=web").build());
        assertNotSame(first.store(), selected.store(), "another selector, another informer");
        selected.close();

        first.close();
        oneClosed.countDown();
        assertEquals(List.of("add a 1", "update a 1>2"), two.await(2), "the watch goes on for the other");
        assertEquals(List.of("add a 1"), one.calls, "nothing more for the closed one");
        assertEquals(1, server.requests(PODS + "?limit").size());
        assertEquals(1, server.requests(PODS + "?resourceVersion").size());

        second.close();
        await(watchClosed);
        assertEquals(List.of(), informerThreads(), "the last one closed: no thread left");
        server.lists.add(call -> call.json(200, list("30", null)));
        server.watches.add(holding(new CountDownLatch(1)));
        inform("ns", new Recorder(), InformerOptions.none());
        assertEquals(2, server.requests(PODS + "?limit").size(), "a new informer lists anew");
    }

    @Test
    void indexesAndNamespaceListersFollowTheStore() throws Exception {
        server.lists.add(call -> call.json(
                200,
                list(
                        "10",
                        null,
                        labelled("one", "a", "1", "n1"),
                        labelled("two", "b", "2", "n1"),
                        labelled("two", "c", "3", "n2"))));
        CountDownLatch next = new CountDownLatch(1);
        server.watches.add(call -> {
            call.stream();
            await(next);
            call.event("MODIFIED", labelled("two", "b", "4", "n2")).event("DELETED", labelled("one", "a", "5", "n1"));
            call.holdUntilClientCloses();
        });
        Recorder handler = new Recorder();
        Informer<TestPod> informer = inform(null, handler, InformerOptions.none());
        Function<TestPod, List<String>> byNode =
                pod -> pod.metadata.labels == null ? null : Collections.singletonList(pod.metadata.labels.get("node"));
        informer.addIndexer("node", byNode);
        Store<TestPod> store = informer.store();
        assertEquals(List.of("one/a", "two/b"), names(store.byIndex("node", "n1")), "objects there before the index");
        assertEquals(List.of("two/b", "two/c"), names(store.list("two")));
        assertEquals(List.of("one/a"), names(store.byIndex(Store.NAMESPACE_INDEX, "one")));
        assertEquals(List.of("namespace", "node"), store.indexNames());

        next.countDown();
        handler.await(5);
        assertEquals(List.of("two/b", "two/c"), names(store.byIndex("node", "n2")), "b moved to n2");
        assertEquals(List.of(), names(store.byIndex("node", "n1")));
        assertEquals(List.of(), names(store.list("one")));
        assertEquals(List.of(), names(store.byIndex("node", "n3")));

        informer.addIndexer("node", byNode); // the same again: another user of the informer
        assertThrows(IllegalArgumentException.class, () -> informer.addIndexer("node", pod -> List.of()));
        assertThrows(IllegalArgumentException.class, () -> informer.addIndexer(Store.NAMESPACE_INDEX, byNode));
        assertThrows(IllegalArgumentException.class, () -> store.byIndex("zone", "a"));
    }

    @Test
    void aTransformShapesWhatEntersTheStoreAndWhatHandlersHear() throws Exception {
        server.lists.add(call ->
                call.json(200, list("10", null, labelled("ns", "a", "1", "n1"), labelled("ns", "fails", "2", "n1"))));
        server.watches.add(holding(new CountDownLatch(1), "MODIFIED", labelled("ns", "a", "3", "n2")));
        UnaryOperator<TestPod> dropLabels = pod -> {
            if (pod.objectName().equals("fails")) {
                throw new IllegalStateException("a bug in the transform");
            }
            TestPod copy = TestPod.named(pod.objectNamespace(), pod.objectName());
            copy.metadata.resourceVersion = pod.objectResourceVersion();
            return copy;
        };
        List<TestPod> heard = Collections.synchronizedList(new ArrayList<>());
        Recorder recorder = new Recorder();
        Informer<TestPod> informer = inform(
                "ns",
                new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(TestPod pod) {
                        heard.add(pod);
                        recorder.onAdd(pod);
                    }

                    @Override
                    public void onUpdate(TestPod oldPod, TestPod newPod) {
                        heard.add(newPod);
                        recorder.onUpdate(oldPod, newPod);
                    }
                },
                InformerOptions.builder().transform(TestPod.class, dropLabels).build());
        assertEquals(List.of("add a 1", "add fails 2", "update a 1>3"), recorder.await(3));
        assertNull(informer.store().get("ns", "a").metadata.labels);
        assertEquals(Map.of("node", "n1"), informer.store().get("ns", "fails").metadata.labels, "kept as read");
        assertSame(informer.store().get("ns", "a"), heard.get(2), "the handlers hear of the store's object");

        assertThrows(
                IllegalArgumentException.class,
                () -> inform(
                        "ns",
                        new Recorder(),
                        InformerOptions.builder()
                                .transform(String.class, s -> s)
                                .build()));
    }

    @Test
    void nothingAHandlerDoesStopsTheInformer() throws Exception {
        int events = SharedInformer.MAX_PENDING + 500; // the queue fills up: the watch waits for the handler
        server.lists.add(call -> call.json(200, list("1", null)));
        server.watches.add(call -> {
            call.stream();
            for (int i = 0; i < events; i++) {
                call.event("ADDED", pod("ns", "p" + i, String.valueOf(10 + i)));
            }
            call.holdUntilClientCloses();
        });
        AtomicInteger interrupting = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(events);
        inform(
                "ns",
                new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(TestPod pod) {
                        interrupting.incrementAndGet();
                        all.countDown();
                        try {
                            Thread.sleep(interrupting.get() < 100 ? 5 : 0);
                        } catch (InterruptedException e) {
                            throw new AssertionError("interrupted by the informer");
                        }
                        Thread.currentThread().interrupt(); // the usual idiom of a handler that caught one
                    }
                },
                InformerOptions.none());
        AtomicInteger erring = new AtomicInteger();
        Informer<TestPod> informer = inform(
                "ns",
                new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(TestPod pod) {
                        int call = erring.incrementAndGet();
                        if (call % 1000 == 0) { // now and then: each is logged with its stack
                            throw new StackOverflowError("a handler's error");
                        }
                        if (call % 500 == 0) {
                            throw new IllegalStateException("a handler's bug");
                        }
                    }
                },
                InformerOptions.none());
        assertTrue(all.await(20, TimeUnit.SECONDS), interrupting.get() + " of " + events + " calls arrived");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (erring.get() < events && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertEquals(events, erring.get(), "the other handler had every call too, though it threw");
        assertEquals(events, informer.store().size());
    }

    @Test
    void aFailureListenerHearsOfEachFailureInARow() throws Exception {
        server.lists.add(call -> call.json(200, list("1", null, pod("ns", "a", "1"))));
        for (int i = 0; i < 3; i++) {
            server.watches.add(call -> call.json(500, "{\"kind\":\"Status\",\"code\":500,\"message\":\"etcd down\"}"));
        }
        server.watches.add(call -> {
            call.stream()
                    .event("MODIFIED", pod("ns", "a", "2"))
                    .event("ERROR", "{\"kind\":\"Status\",\"code\":500,\"message\":\"etcd down again\"}");
            call.holdUntilClientCloses();
        });
        server.watches.add(holding(new CountDownLatch(1)));
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch four = new CountDownLatch(4);
        inform(
                "ns",
                new Recorder(),
                InformerOptions.builder()
                        .failureListener((failure, inARow) -> {
                            failures.add(failure.getClass().getSimpleName() + " " + inARow);
                            four.countDown();
                        })
                        .build());
        await(four);
        assertEquals(
                List.of(
                        "ServerErrorException 1",
                        "ServerErrorException 2",
                        "ServerErrorException 3",
                        "ServerErrorException 1"),
                failures,
                "an event in between starts the count again");
    }

    @Test
    void resyncCostsNoRequestAndAHandlerMayCloseItsInformer() throws Exception {
        server.lists.add(call -> call.json(200, list("1", null, pod("ns", "a", "1"), pod("ns", "b", "2"))));
        CountDownLatch closed = new CountDownLatch(1);
        server.watches.add(holding(closed));
        AtomicInteger resyncs = new AtomicInteger();
        List<Informer<TestPod>> self = new ArrayList<>();
        CountDownLatch selfClosed = new CountDownLatch(1);
        Informer<TestPod> informer = inform(
                "ns",
                new ResourceEventHandler<>() {
                    @Override
                    public void onUpdate(TestPod oldPod, TestPod newPod) {
                        assertSame(oldPod, newPod);
                        if (resyncs.incrementAndGet() == 6) {
                            self.get(0).close(); // from its own thread: returns at once
                            selfClosed.countDown();
                        }
                    }
                },
                InformerOptions.builder().resyncPeriod(Duration.ofMillis(50)).build());
        self.add(informer);
        await(selfClosed);
        await(closed);
        assertEquals(6, resyncs.get());
        assertEquals(2, server.requests.size(), "one list, one watch: " + server.requests);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!informerThreads().isEmpty() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertEquals(List.of(), informerThreads());
    }

    @Test
    void closingTheClientClosesItsInformers() throws Exception {
        server.lists.add(call -> call.json(200, list("1", null)));
        CountDownLatch closed = new CountDownLatch(1);
        CountDownLatch watching = new CountDownLatch(1);
        server.watches.add(call -> {
            call.stream();
            watching.countDown();
            if (call.holdUntilClientCloses()) {
                closed.countDown();
            }
        });
        inform("ns", new Recorder(), InformerOptions.none());
        await(watching);
        transport.close();
        await(closed);
        assertEquals(List.of(), informerThreads());
        assertThrows(IllegalStateException.class, () -> inform("ns", new Recorder(), InformerOptions.none()));
    }
}
