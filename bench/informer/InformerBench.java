package dev.ccigen.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ccigen.it.cci.CciClient;
import dev.ccigen.runtime.Informer;
import dev.ccigen.runtime.InformerOptions;
import dev.ccigen.runtime.ResourceEventHandler;
import dev.ccigen.runtime.Watch;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The informer and watch benchmark of bench/informer/run.sh: ccigen's generated client (the CCI client it-tests
 * generates) against fabric8's KubernetesClient (the version it-tests uses, with its default HTTP client and
 * HTTP watches), both served by one JDK HttpServer on 127.0.0.1 from the same bytes (InformerPods' pods), written
 * in slices of 16 KiB as an API server writes them.
 *
 * <pre>
 *   memory ccigen|ccigen-keep|fabric8 [pods] [shape]
 *                                  one informer over a list of `pods` (10,000) of InformerPods' `shape` (large), after
 *                                  a warm-up informer over 100; prints the heap it retains per cached pod (used heap
 *                                  after full GCs, minus before); ccigen-keep keeps managedFields, which ccigen drops;
 *                                  -Dbench.histogram=true prints the largest classes of the live heap too
 *   watch [events] [rounds]        one watch of `events` MODIFIED pods (10,000), each contender in turn, `rounds` (5)
 *                                  times; prints events decoded per second (medians) and the ratio
 * </pre>
 * Measurements, not assertions: it prints, and never fails on a figure.
 */
public final class InformerBench {

    /** The most the server writes at once. */
    private static final int SLICE = 16 * 1024;

    private static volatile byte[] list = new byte[0];
    private static volatile byte[] watchEvents = new byte[0];
    private static volatile CountDownLatch roundDone = new CountDownLatch(0);

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", InformerBench::serve);
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try {
            if (args[0].equals("memory")) {
                memory(uri, args[1], args.length > 2 ? Integer.parseInt(args[2]) : 10_000,
                        args.length > 3 ? args[3] : "large");
            } else {
                watch(uri, args.length > 1 ? Integer.parseInt(args[1]) : 10_000,
                        args.length > 2 ? Integer.parseInt(args[2]) : 5);
            }
        } finally {
            server.stop(0);
        }
    }

    /** A list answers {@link #list}; a watch streams {@link #watchEvents}, then stays open until the round is done. */
    private static void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean watch = String.valueOf(exchange.getRequestURI().getRawQuery()).contains("watch=true");
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            byte[] body = watch ? watchEvents : list;
            exchange.sendResponseHeaders(200, watch ? 0 : body.length);
            OutputStream out = exchange.getResponseBody();
            // In slices, as an API server writes: the JDK HttpServer keeps a buffer of twice a connection's largest
            // write, reachable while the connection is (a watch's stays open), which would count for both clients.
            for (int at = 0; at < body.length; at += SLICE) {
                out.write(body, at, Math.min(SLICE, body.length - at));
            }
            out.flush();
            if (watch) {
                try {
                    roundDone.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    // ---- memory per cached pod ----------------------------------------------------------------------------------

    private static void memory(URI uri, String contender, int pods, String shape) throws Exception {
        roundDone = new CountDownLatch(1); // watches stay open, with no event, until the end
        list = InformerPods.list(shape, 100).getBytes(StandardCharsets.UTF_8);
        AutoCloseable warm = inform(uri, contender, 100);
        warm.close();
        list = InformerPods.list(shape, pods).getBytes(StandardCharsets.UTF_8); // the only reference to it
        int listBytes = list.length;
        long before = usedAfterGc();
        AutoCloseable informer = inform(uri, contender, pods);
        list = new byte[0]; // the server's copy is not the informer's
        long after = usedAfterGc();
        long perPod = (after - before + listBytes) / pods; // + listBytes: counted in `before`, gone from `after`
        System.out.println("RESULT memory contender=" + contender + " shape=" + shape + " pods=" + pods
                + " bytesPerPod=" + perPod + " listBytesPerPod=" + listBytes / pods);
        if (Boolean.getBoolean("bench.histogram")) { // the live heap's largest classes, to see where the bytes go
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
            histogram.lines().limit(33).forEach(System.out::println);
        }
        informer.close();
        roundDone.countDown();
    }

    /** An informer with every pod of {@code default} in its store; closing it stops it. */
    private static AutoCloseable inform(URI uri, String contender, int expected) throws Exception {
        if (contender.startsWith("ccigen")) {
            CciClient client = CciClient.builder().endpoint(uri).token("t").build();
            Informer<dev.ccigen.it.cci.model.core.v1.Pod> informer = client.coreV1().pods("default")
                    .inform(new ResourceEventHandler<>() { }, InformerOptions.builder()
                            .keepManagedFields(contender.equals("ccigen-keep")).build());
            check(informer.store().size(), expected);
            return () -> {
                informer.close();
                client.close();
            };
        }
        KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(uri.toString())
                .withOauthToken("t").withOnlyHttpWatches(true).build()).build();
        SharedIndexInformer<Pod> informer = client.pods().inNamespace("default")
                .inform(new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
                    public void onAdd(Pod pod) { }
                    public void onUpdate(Pod oldPod, Pod newPod) { }
                    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) { }
                });
        check(informer.getStore().list().size(), expected);
        return () -> {
            informer.close();
            client.close();
        };
    }

    private static void check(int cached, int expected) {
        if (cached != expected) {
            throw new IllegalStateException(cached + " pods cached, " + expected + " expected");
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    // ---- watch events decoded per second ------------------------------------------------------------------------

    private static void watch(URI uri, int events, int rounds) throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < events; i++) {
            stream.write(("{\"type\":\"MODIFIED\",\"object\":" + PodListJson.pod(i) + "}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        watchEvents = stream.toByteArray();
        System.out.println("watch stream: " + events + " events, " + watchEvents.length / events + " bytes each");
        CciClient ccigen = CciClient.builder().endpoint(uri).token("t").build();
        KubernetesClient fabric8 = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl(uri.toString()).withOauthToken("t").withOnlyHttpWatches(true).build()).build();
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) { // round 0 warms both up
            for (int turn = 0; turn < 2; turn++) {
                boolean ccigenTurn = (round + turn) % 2 == 0; // alternate who goes first
                roundDone = new CountDownLatch(1);
                long start = System.nanoTime();
                if (ccigenTurn) {
                    try (Watch<dev.ccigen.it.cci.model.core.v1.Pod> watch = ccigen.coreV1().pods("default").watch()) {
                        for (int i = 0; i < events; i++) {
                            watch.next().object();
                        }
                    }
                } else {
                    CountDownLatch all = new CountDownLatch(events);
                    AtomicInteger received = new AtomicInteger();
                    try (io.fabric8.kubernetes.client.Watch watch = fabric8.pods().inNamespace("default").watch(
                            new Watcher<Pod>() {
                                public void eventReceived(Action action, Pod pod) {
                                    received.incrementAndGet();
                                    all.countDown();
                                }

                                public void onClose(WatcherException cause) { }
                            })) {
                        if (!all.await(120, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("fabric8 received " + received + " of " + events);
                        }
                    }
                }
                double perSecond = events / ((System.nanoTime() - start) / 1e9);
                roundDone.countDown();
                if (round > 0) {
                    (ccigenTurn ? ours : theirs).add(perSecond);
                }
            }
        }
        ccigen.close();
        fabric8.close();
        System.out.printf("RESULT watch ccigen=%.0f fabric8=%.0f ratio=%.2f (events/s, medians of %d; ccigen runs %s, fabric8 runs %s)%n",
                median(ours), median(theirs), median(ours) / median(theirs), rounds, rounded(ours), rounded(theirs));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static List<Long> rounded(List<Double> values) {
        return values.stream().map(Math::round).toList();
    }
}
