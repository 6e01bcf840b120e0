package dev.ccigen.it;

import static dev.ccigen.it.FakeServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.ccigen.it.cci.CciClient;
import dev.ccigen.it.cci.api.core.v1.Pods;
import dev.ccigen.it.cci.model.core.v1.Pod;
import dev.ccigen.runtime.Informer;
import dev.ccigen.runtime.InformerOptions;
import dev.ccigen.runtime.ResourceEventHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's informer (the code between the markers is there verbatim: ReadmeTest checks) with the generated
 * CCI client against a server that lists, ends the first watch cleanly (the informer goes on from the last
 * resourceVersion without listing), answers the second with 410 Gone in the stream (it lists again and tells the
 * difference), and holds the third open until the informer is closed.
 */
class InformerExampleTest {
    private static final String PODS = "/api/v1/namespaces/ns/pods";

    private static String pod(String name, String resourceVersion) {
        return "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"namespace\":\"ns\",\"name\":\"" + name
                + "\",\"resourceVersion\":\"" + resourceVersion + "\",\"labels\":{\"app\":\"web\"}}}";
    }

    private static void stream(HttpExchange exchange, String... events) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        for (String event : events) {
            body.write((event + "\n").getBytes(StandardCharsets.UTF_8));
            body.flush();
        }
    }

    @Test
    void theReadmeInformerRunsAsShown() throws Exception {
        AtomicInteger lists = new AtomicInteger();
        AtomicInteger watches = new AtomicInteger();
        CountDownLatch lastWatchOpen = new CountDownLatch(1);
        CountDownLatch lastWatchClosed = new CountDownLatch(1);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try (FakeServer server = new FakeServer()) {
            server.on("GET", PODS, (call, ex) -> {
                if (!call.query().contains("watch=true")) {
                    json(
                            ex,
                            200,
                            lists.getAndIncrement() == 0
                                    ? "{\"metadata\":{\"resourceVersion\":\"10\"},\"items\":[" + pod("web-1", "1") + ","
                                            + pod("web-2", "2") + "]}"
                                    : "{\"metadata\":{\"resourceVersion\":\"20\"},\"items\":[" + pod("web-2", "2") + ","
                                            + pod("web-3", "12") + "]}");
                    return;
                }
                switch (watches.getAndIncrement()) {
                    case 0 -> stream(ex, "{\"type\":\"MODIFIED\",\"object\":" + pod("web-1", "11") + "}");
                    case 1 ->
                        stream(
                                ex,
                                "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"code\":410,"
                                        + "\"reason\":\"Expired\",\"message\":\"too old resource version: 11 (15)\"}}");
                    default -> {
                        stream(ex);
                        lastWatchOpen.countDown();
                        try { // blank lines (which a watch skips) until the informer closes the connection
                            for (int i = 0; i < 200; i++) {
                                ex.getResponseBody().write('\n');
                                ex.getResponseBody().flush();
                                Thread.sleep(50);
                            }
                        } catch (IOException e) {
                            lastWatchClosed.countDown();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            });
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try (CciClient client =
                    CciClient.builder().endpoint(server.uri()).token("t").build()) {
                // spotless:off (the README shows this code as laid out here)
                // readme:informer:begin
                Pods pods = client.coreV1().pods("ns");
                try (Informer<Pod> informer = pods.inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        System.out.println("added " + pod.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(Pod oldPod, Pod newPod) {
                        System.out.println("updated " + newPod.getMetadata().getName());
                    }

                    @Override
                    public void onDelete(Pod pod, boolean finalStateUnknown) {
                        System.out.println("deleted " + pod.getMetadata().getName());
                    }
                }, InformerOptions.builder().labelSelector("app=web").resyncPeriod(Duration.ofMinutes(10)).build())) {
                    Pod web = informer.store().get("ns", "web-1"); // from the cache, no request
                    // ... while the informer is open, the store follows the server and the handler hears of each change
                    // readme:informer:end
                    // spotless:on
                    assertNotNull(web);
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (!printed.toString(StandardCharsets.UTF_8).contains("deleted") && System.nanoTime() < end) {
                        Thread.sleep(20);
                    }
                    assertTrue(informer.hasSynced());
                    assertNull(informer.store().get("ns", "web-1"));
                    assertEquals(
                            "12",
                            informer.store().get("ns", "web-3").getMetadata().getResourceVersion());
                    // The relist's events come before the informer watches again: close once that watch is open,
                    // so that what is checked below is the closing of an open connection.
                    assertTrue(lastWatchOpen.await(5, TimeUnit.SECONDS), "the informer watched again after relisting");
                    // spotless:off (the README shows this code as laid out here)
                    // readme:informer:begin
                }
                // readme:informer:end
                // spotless:on
            } finally {
                System.setOut(stdout);
            }
            assertEquals(
                    List.of("added web-1", "added web-2", "updated web-1", "added web-3", "deleted web-1"),
                    printed.toString(StandardCharsets.UTF_8).lines().toList());
            assertTrue(lastWatchClosed.await(5, TimeUnit.SECONDS), "close() closed the watch connection");
            List<String> queries = server.calls("GET", PODS).stream()
                    .map(FakeServer.Call::query)
                    .toList();
            assertEquals(
                    List.of(
                            "labelSelector=app%3Dweb&limit=500",
                            "labelSelector=app%3Dweb&resourceVersion=10&allowWatchBookmarks=true&watch=true",
                            "labelSelector=app%3Dweb&resourceVersion=11&allowWatchBookmarks=true&watch=true",
                            "labelSelector=app%3Dweb&limit=500",
                            "labelSelector=app%3Dweb&resourceVersion=20&allowWatchBookmarks=true&watch=true"),
                    queries);
        }
    }
}
