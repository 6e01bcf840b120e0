package dev.ccigen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The callback form of a watch: events on a thread of the client's, in order, then one onClose. */
class WatchHandleTest {

    private HttpServer server;
    private volatile String stream = "";
    private volatile int status = 200;
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hold;
    private ResourceCalls<TestPod, TestPod.List_> pods;
    private Transport transport;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        transport = new ClientBuilder<>(t -> t)
                .endpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .token("t")
                .build();
        pods = TestSupport.pods(transport);
    }

    @AfterEach
    void stop() {
        release.countDown();
        transport.close();
        server.stop(0);
    }

    private void answer(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        byte[] body = stream.getBytes(StandardCharsets.UTF_8);
        if (status != 200) {
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
            ex.close();
            return;
        }
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
            out.flush();
            if (hold) {
                release.await(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException closedByTheClient) {
            // expected when the client closes the watch
        }
    }

    /** Records what a watcher hears, and on which threads. */
    private static final class Recorder implements Watcher<TestPod> {
        final List<String> heard = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<RuntimeException> closes = new CopyOnWriteArrayList<>();
        final CountDownLatch first = new CountDownLatch(1);

        @Override
        public void onEvent(WatchEvent<TestPod> event) {
            threads.add(Thread.currentThread().getName());
            heard.add(event.type() + " " + event.object().objectName());
            first.countDown();
        }

        @Override
        public void onClose(RuntimeException cause) {
            threads.add(Thread.currentThread().getName());
            heard.add("closed");
            closes.add(cause);
        }
    }

    @Test
    void eventsArriveInOrderOnAThreadOfTheClientsThenOneOnClose() throws Exception {
        stream = ResourceCallsTest.event("ADDED", "a", "1")
                + ResourceCallsTest.event("MODIFIED", "a", "2")
                + ResourceCallsTest.event("DELETED", "a", "3");
        Recorder recorder = new Recorder();
        WatchHandle handle = pods.watch(ListOptions.none(), recorder);
        assertTrue(handle.awaitClose(Duration.ofSeconds(10)));
        assertEquals(List.of("ADDED a", "MODIFIED a", "DELETED a", "closed"), recorder.heard);
        assertEquals(1, recorder.threads.stream().distinct().count(), recorder.threads::toString);
        assertTrue(
                recorder.threads.get(0).startsWith("ccigen-watch /api/v1/namespaces/ns/pods"),
                recorder.threads::toString);
        assertNotEquals(Thread.currentThread().getName(), recorder.threads.get(0));
        assertNull(recorder.closes.get(0), "the server ended a watch that does not resume");
        assertFalse(handle.isOpen());
        assertEquals("3", handle.resourceVersion());
        handle.close(); // again, after the end: nothing happens
        assertEquals(1, recorder.closes.size());
    }

    @Test
    void anErrorEventEndsTheWatchAndOnCloseHasIt() throws Exception {
        stream = ResourceCallsTest.event("ADDED", "a", "1")
                + "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"Expired\","
                + "\"message\":\"too old resource version\",\"code\":410}}\n";
        Recorder recorder = new Recorder();
        try (WatchHandle handle = pods.watch(ListOptions.none(), recorder)) {
            assertTrue(handle.awaitClose(Duration.ofSeconds(10)));
        }
        assertEquals(List.of("ADDED a", "closed"), recorder.heard);
        GoneException gone = assertInstanceOf(GoneException.class, recorder.closes.get(0));
        assertEquals("1", gone.resourceVersion());
    }

    @Test
    void closeEndsAWatchThatStaysOpenAtOnce() throws Exception {
        stream = ResourceCallsTest.event("ADDED", "a", "1");
        hold = true;
        Recorder recorder = new Recorder();
        WatchHandle handle = pods.watch(ListOptions.none(), recorder);
        assertTrue(recorder.first.await(10, TimeUnit.SECONDS));
        assertTrue(handle.isOpen());
        long start = System.nanoTime();
        handle.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0);
        assertFalse(handle.isOpen());
        assertEquals(List.of("ADDED a", "closed"), recorder.heard);
        assertNull(recorder.closes.get(0), "closed by the caller");
    }

    @Test
    void aRefusedWatchIsThrownWhereItIsOpenedAndAFailingWatcherDoesNotStopIt() throws Exception {
        status = 403;
        stream = "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403}";
        Recorder recorder = new Recorder();
        assertThrows(ForbiddenException.class, () -> pods.watch(ListOptions.none(), recorder));
        assertEquals(List.of(), recorder.heard);

        status = 200;
        stream = ResourceCallsTest.event("ADDED", "a", "1") + ResourceCallsTest.event("ADDED", "b", "2");
        List<String> heard = new CopyOnWriteArrayList<>();
        try (WatchHandle handle = pods.watch(ListOptions.none(), event -> {
            heard.add(event.object().objectName());
            throw new IllegalStateException("a bug in the watcher");
        })) {
            assertTrue(handle.awaitClose(Duration.ofSeconds(10)));
        }
        assertEquals(List.of("a", "b"), heard);
    }

    @Test
    void aWatcherMayCloseItsOwnWatch() throws Exception {
        stream = ResourceCallsTest.event("ADDED", "a", "1") + ResourceCallsTest.event("ADDED", "b", "2");
        hold = true;
        List<String> heard = new CopyOnWriteArrayList<>();
        WatchHandle[] handle = new WatchHandle[1];
        CountDownLatch opened = new CountDownLatch(1);
        handle[0] = pods.watch(ListOptions.none(), event -> {
            try {
                opened.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            heard.add(event.object().objectName());
            handle[0].close();
        });
        opened.countDown();
        assertTrue(handle[0].awaitClose(Duration.ofSeconds(10)));
        assertEquals(List.of("a"), heard);
    }
}
