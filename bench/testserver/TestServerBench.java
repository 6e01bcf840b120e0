package dev.ccigen.bench;

import com.sun.net.httpserver.HttpServer;
import dev.ccigen.it.cci.CciClient;
import dev.ccigen.it.cci.CciClientTestServer;
import dev.ccigen.it.cci.api.core.v1.Pods;
import dev.ccigen.it.cci.model.core.v1.Container;
import dev.ccigen.it.cci.model.core.v1.Pod;
import dev.ccigen.it.cci.model.core.v1.PodSpec;
import dev.ccigen.it.cci.model.meta.v1.ObjectMeta;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Benchmark, printed and never asserted: the generated test server, over HTTP and in process (through its connector), against fabric8's Kubernetes mock server in CRUD mode (the peer users would
 * otherwise reach for) and against the floor (the same client and a bare JDK {@code HttpServer} handler answering a
 * fixed body: what the client and the loopback cost without any server work), all in the same run, with the same
 * generated client (retries off: a request that fails is counted, not retried). Then a profile (JFR) of where a
 * create's time goes against the HTTP server. Run by {@code bench/testserver/run.sh}.
 */
public final class TestServerBench {
    private static final int STARTS = 15;
    private static final int WARM_UP = 1000;
    private static final int CREATES = 2000;
    private static final int THREADS = 8;
    private static final int PER_THREAD = 600;
    private static final int LIST_SIZE = 1000;
    private static final int LISTS = 21;
    private static final int ROUNDS = 3;
    private static final int PROFILE_SECONDS = 4;

    /** A started server: where it listens (null in process), a client of it, and how to stop it. */
    private record Running(String name, Supplier<CciClient> client, AutoCloseable stop) {}

    private static final AtomicInteger failures = new AtomicInteger();

    private static CciClient httpClient(URI uri) {
        return CciClient.builder().endpoint(uri).token("t").maxRetries(0).build();
    }

    private static Running ccigen() {
        CciClientTestServer server = CciClientTestServer.start();
        server.gateway().required(false); // the peer checks no credentials either: the same work per request
        return new Running("ccigen HTTP", () -> httpClient(server.uri()), server);
    }

    /** The server in process, and a client that reaches it through its connector (no socket, no thread hand-off). */
    private static Running inProcess() {
        CciClientTestServer server = CciClientTestServer.inProcess();
        server.gateway().required(false);
        return new Running(
                "ccigen in process",
                () -> CciClient.builder()
                        .endpoint(server.uri())
                        .connector(server.connector())
                        .token("t")
                        .maxRetries(0)
                        .build(),
                server);
    }

    private static Running fabric8() {
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        URI uri = URI.create("http://" + server.getHostName() + ":" + server.getPort());
        return new Running("fabric8 mock", () -> httpClient(uri), server::destroy);
    }

    /** The floor: a JDK HttpServer whose handler answers a fixed body (a created pod; a list of LIST_SIZE pods). */
    private static Running floor() throws IOException {
        byte[] created = dev.ccigen.runtime.Json.mapper().writeValueAsBytes(pod("floor"));
        List<Pod> items = new ArrayList<>();
        for (int i = 0; i < LIST_SIZE; i++) {
            items.add(pod("pod-" + i));
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("apiVersion", "v1");
        list.put("kind", "PodList");
        list.put("metadata", Map.of("resourceVersion", "1"));
        list.put("items", items);
        byte[] listed = dev.ccigen.runtime.Json.mapper().writeValueAsBytes(list);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean create = exchange.getRequestMethod().equals("POST");
            byte[] body = create ? created : listed;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(create ? 201 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new Running("floor", () -> httpClient(uri), () -> {
            server.stop(0);
            executor.shutdownNow();
        });
    }

    public static void main(String[] args) throws Exception {
        List<Supplier<Running>> starts = new ArrayList<>();
        starts.add(TestServerBench::ccigen);
        starts.add(TestServerBench::inProcess);
        starts.add(TestServerBench::fabric8);
        starts.add(() -> {
            try {
                return floor();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        // Each server runs for the whole measurement; the rounds go from one server to the next, so that a change of
        // load on the machine falls on all of them, and each figure is the best of ROUNDS.
        List<Running> running = new ArrayList<>();
        Map<String, double[]> results = new LinkedHashMap<>(); // name -> start ms, create µs, creates/s xN, list ms
        for (Supplier<Running> start : starts) {
            Running r = start.get();
            if (r == null) {
                continue;
            }
            r.stop().close();
            double startMillis = r.name().equals("floor") ? Double.NaN : medianStartMillis(start);
            running.add(start.get());
            results.put(r.name(), new double[] {startMillis, Double.MAX_VALUE, 0, Double.MAX_VALUE});
        }
        List<CciClient> clients = new ArrayList<>();
        for (Running r : running) {
            CciClient client = r.client().get();
            clients.add(client);
            warmUpAndFill(client);
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < running.size(); i++) {
                double[] m = results.get(running.get(i).name());
                Pods pods = clients.get(i).coreV1().pods("bench");
                m[1] = Math.min(m[1], createMicros(pods, "r" + round));
                m[2] = Math.max(m[2], parallelCreatesPerSecond(pods, "r" + round));
                m[3] = Math.min(m[3], listMillis(clients.get(i).coreV1().pods("listed")));
            }
        }
        for (int i = 0; i < running.size(); i++) {
            clients.get(i).close();
            running.get(i).stop().close();
        }
        for (Map.Entry<String, double[]> e : results.entrySet()) {
            double[] m = e.getValue();
            System.out.printf(
                    "[test server] %-18s start %7.2f ms | create %7.1f µs | %d threads %7.0f creates/s | list of %d"
                            + " pods %6.2f ms%n",
                    e.getKey(), m[0], m[1], THREADS, m[2], LIST_SIZE, m[3]);
        }
        double[] fabric8 = results.get("fabric8 mock");
        double[] floor = results.get("floor");
        for (Map.Entry<String, double[]> e : results.entrySet()) {
            if (!e.getKey().startsWith("ccigen")) {
                continue;
            }
            double[] m = e.getValue();
            System.out.printf(
                    "[test server] %s / fabric8: start %.2f, create time %.2f, creates/s x%d %.2f, list time %.2f%n",
                    e.getKey(), m[0] / fabric8[0], m[1] / fabric8[1], THREADS, m[2] / fabric8[2], m[3] / fabric8[3]);
            System.out.printf(
                    "[test server] %s / floor: create time %.2f, creates/s x%d %.2f, list time %.2f%n",
                    e.getKey(), m[1] / floor[1], THREADS, m[2] / floor[2], m[3] / floor[3]);
        }
        System.out.printf("[test server] failed requests (retries off): %d%n", failures.get());
        profile(ccigen());
        profile(inProcess());
    }

    private static double medianStartMillis(Supplier<Running> start) throws Exception {
        double[] millis = new double[STARTS];
        for (int i = 0; i < STARTS; i++) {
            long t = System.nanoTime();
            Running r = start.get();
            millis[i] = (System.nanoTime() - t) / 1e6;
            r.stop().close();
        }
        Arrays.sort(millis);
        return millis[STARTS / 2];
    }

    /** A warm-up (the JIT, the connections), and the pods the lists list. */
    private static void warmUpAndFill(CciClient client) {
        Pods pods = client.coreV1().pods("warm");
        for (int i = 0; i < WARM_UP; i++) {
            create(pods, "warm-" + i);
        }
        Pods listed = client.coreV1().pods("listed");
        for (int i = 0; i < LIST_SIZE; i++) {
            create(listed, "pod-" + i);
        }
    }

    /** Microseconds per create, one thread. */
    private static double createMicros(Pods pods, String prefix) {
        long t = System.nanoTime();
        for (int i = 0; i < CREATES; i++) {
            create(pods, prefix + "-pod-" + i);
        }
        return (System.nanoTime() - t) / 1e3 / CREATES;
    }

    /** Creates per second from THREADS threads sharing one client. */
    private static double parallelCreatesPerSecond(Pods pods, String prefix) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            long t = System.nanoTime();
            for (int n = 0; n < THREADS; n++) {
                int thread = n;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        create(pods, prefix + "-t" + thread + "-" + i);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return THREADS * PER_THREAD / ((System.nanoTime() - t) / 1e9);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Milliseconds per list of LIST_SIZE pods, decoded by the client (median of LISTS). */
    private static double listMillis(Pods pods) {
        double[] millis = new double[LISTS];
        for (int i = 0; i < LISTS; i++) {
            long t = System.nanoTime();
            int size = pods.list().getItems().size();
            if (size != LIST_SIZE) {
                throw new IllegalStateException("listed " + size + " pods, not " + LIST_SIZE);
            }
            millis[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(millis);
        return millis[LISTS / 2];
    }

    private static void create(Pods pods, String name) {
        try {
            pods.create(pod(name));
        } catch (RuntimeException e) {
            if (failures.incrementAndGet() <= 3) {
                System.out.println("[test server] a create failed: " + e);
            }
        }
    }

    /** Where a create's time goes: JFR's execution samples, by thread and what runs there, and by method. */
    private static void profile(Running r) throws Exception {
        Path file = Files.createTempFile("test-server-bench", ".jfr");
        int created = 0;
        try (AutoCloseable stop = r.stop();
                Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(5));
            try (CciClient client = r.client().get()) {
                Pods pods = client.coreV1().pods("profiled");
                for (int i = 0; i < WARM_UP; i++) {
                    create(pods, "warm-" + i);
                }
                recording.start();
                long end = System.nanoTime() + PROFILE_SECONDS * 1_000_000_000L;
                while (System.nanoTime() < end) {
                    create(pods, "pod-" + created++);
                }
                recording.stop();
            }
            recording.dump(file);
        }
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Integer> byArea = new HashMap<>();
        Map<String, Integer> byMethod = new HashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            total++;
            String thread = e.getThread("sampledThread") == null
                    ? "?"
                    : e.getThread("sampledThread").getJavaName();
            String group = thread.startsWith("ccigen-test-server")
                    ? "server connection thread"
                    : thread.startsWith("HttpClient")
                            ? "JDK HttpClient threads"
                            : thread.matches("Thread-\\d+")
                                    ? "a thread per request (CompletableFuture's, see RESULTS.md)"
                                    : "client caller thread (" + thread + ")";
            byThread.merge(group, 1, Integer::sum);
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                RecordedFrame top = frames.get(0);
                String type = top.getMethod().getType().getName();
                byMethod.merge(type + "." + top.getMethod().getName(), 1, Integer::sum);
                byArea.merge(group.replaceFirst(" \\(.*", "") + ": " + area(frames), 1, Integer::sum);
            }
        }
        Files.deleteIfExists(file);
        System.out.printf(
                "[test server] profile, %s: %d execution samples of %d creates in %d s%n",
                r.name(),
                total,
                created,
                PROFILE_SECONDS);
        print("by thread", byThread, total, 10);
        print("by thread and what runs there (the innermost ccigen, Jackson or JDK frame)", byArea, total, 14);
        print("hottest methods (self)", byMethod, total, 12);
    }

    /** The innermost frame that says whose work it is. */
    private static String area(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("dev.ccigen.testserver")) {
                return "test server (dev.ccigen.testserver)";
            }
            if (type.startsWith("dev.ccigen.runtime") || type.startsWith("dev.ccigen.it.cci")) {
                return "client (runtime, generated models)";
            }
            if (type.startsWith("com.fasterxml.jackson")) {
                return "Jackson";
            }
            if (type.startsWith("jdk.internal.net.http") || type.startsWith("java.net.http")) {
                return "JDK HttpClient";
            }
            if (type.startsWith("sun.nio") || type.startsWith("java.nio") || type.startsWith("sun.net")
                    || type.startsWith("java.net")) {
                return "JDK sockets and NIO";
            }
        }
        return "other (JDK)";
    }

    private static void print(String title, Map<String, Integer> counts, int total, int most) {
        System.out.println("[test server]   " + title + ":");
        counts.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .limit(most)
                .forEach(e -> System.out.printf("[test server]     %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
    }

    private static Pod pod(String name) {
        return Pod.builder()
                .metadata(ObjectMeta.builder()
                        .name(name)
                        .labels(Map.of("app", "bench"))
                        .build())
                .spec(PodSpec.builder()
                        .containers(List.of(Container.builder()
                                .name("c")
                                .image("nginx:1.21")
                                .build()))
                        .build())
                .build();
    }
}
