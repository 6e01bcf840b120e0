package dev.ccigen.bench;

import com.sun.net.httpserver.HttpServer;
import dev.ccigen.bench.k8s.K8sClient;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Client overhead: GETs of one Pod from a JDK {@link HttpServer} on 127.0.0.1 that serves a fixed Pod JSON, with
 * the client ccigen generates from the Kubernetes document and with fabric8's client (on its default HTTP client,
 * Vert.x 5, and on its JDK HttpClient one, the transport ccigen uses). Each round runs every contender once, in an
 * order that rotates round by round; each run warms up, then times {@code gets} GETs split over {@code threads}
 * threads sharing one client. Prints one line per run and the medians.
 *
 * <p>Usage: {@code ClientBench [rounds=5] [gets=10000] [threads=1,8]}
 */
public final class ClientBench {
    interface Contender {
        String name();

        Supplier<Object> open(URI endpoint);
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int gets = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int[] threadCounts = Arrays.stream((args.length > 2 ? args[2] : "1,8").split(","))
                .mapToInt(Integer::parseInt).toArray();
        byte[] body = PodListJson.pod(7).getBytes(StandardCharsets.UTF_8);
        // Without TCP_NODELAY the server's separate writes of headers and body meet the client's delayed ACK:
        // 40 ms per request, whatever the client.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        AtomicLong served = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/api/v1/namespaces/default/pods/p", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            served.incrementAndGet();
        });
        ExecutorService serverThreads = Executors.newFixedThreadPool(8);
        server.setExecutor(serverThreads);
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        System.out.printf(Locale.ROOT, "server %s, pod JSON %d bytes, %d GETs per run, %d rounds%n", endpoint,
                body.length, gets, rounds);

        List<Contender> contenders = List.of(
                contender("ccigen", e -> {
                    K8sClient client = K8sClient.builder().endpoint(e).token("t").build();
                    return () -> client.coreV1().pods("default").get("p");
                }),
                contender("fabric8-jdk", e -> fabric8(e, new JdkHttpClientFactory())),
                contender("fabric8-vertx", e -> fabric8(e, new Vertx5HttpClientFactory())));
        try {
            for (int threads : threadCounts) {
                List<List<Double>> results = new ArrayList<>();
                contenders.forEach(c -> results.add(new ArrayList<>()));
                for (int round = 0; round < rounds; round++) {
                    for (int k = 0; k < contenders.size(); k++) {
                        int index = (k + round) % contenders.size();
                        Contender c = contenders.get(index);
                        double opsPerSecond = run(c.open(endpoint), threads, gets);
                        results.get(index).add(opsPerSecond);
                        System.out.printf(Locale.ROOT, "RUN client=%s threads=%d round=%d ops/s=%.0f%n", c.name(),
                                threads, round + 1, opsPerSecond);
                    }
                }
                for (int k = 0; k < contenders.size(); k++) {
                    List<Double> r = results.get(k);
                    System.out.printf(Locale.ROOT, "MEDIAN client=%s threads=%d ops/s=%.0f runs=%s%n",
                            contenders.get(k).name(), threads, median(r), r);
                }
            }
        } finally {
            server.stop(0);
            serverThreads.shutdownNow();
        }
        System.out.println("served " + served.get() + " requests");
        System.exit(0);
    }

    private static Supplier<Object> fabric8(URI endpoint, HttpClient.Factory factory) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(endpoint.toString()).withOauthToken("t")
                .withRequestRetryBackoffLimit(0).build();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(factory)
                .build();
        return () -> client.pods().inNamespace("default").withName("p").get();
    }

    private static Contender contender(String name, java.util.function.Function<URI, Supplier<Object>> open) {
        return new Contender() {
            public String name() {
                return name;
            }

            public Supplier<Object> open(URI endpoint) {
                return open.apply(endpoint);
            }
        };
    }

    /** Warms up with a fifth of the GETs, then returns the GETs per second of {@code gets} more. */
    private static double run(Supplier<Object> get, int threads, int gets) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            batch(pool, get, threads, Math.max(threads, gets / 5));
            long start = System.nanoTime();
            batch(pool, get, threads, gets);
            return gets / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void batch(ExecutorService pool, Supplier<Object> get, int threads, int gets) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = gets / threads + (t < gets % threads ? 1 : 0);
            futures.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    if (get.get() == null) {
                        throw new IllegalStateException("no pod");
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
