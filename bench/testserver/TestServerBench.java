package dev.ccigen.bench;

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
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Benchmark, printed and never asserted: the generated test server against fabric8's Kubernetes mock server in CRUD
 * mode (the peer users would otherwise reach for), measured in the same run. How long a server takes to start, and how
 * many pods the same generated client creates per second on each (a test suite creates thousands). Ratios are
 * ccigen / fabric8: below 1 means ccigen's server starts faster; above 1 means it creates more per second.
 * Run by {@code bench/testserver/run.sh}; it only checks that every create arrived.
 */
public final class TestServerBench {
    private static final int STARTS = 15;
    private static final int WARM_UP = 500;
    private static final int CREATES = 3000;

    /** A started server: where it listens, and how to stop it. */
    private record Running(URI uri, AutoCloseable stop) {}

    private static Running ccigen() {
        CciClientTestServer server = CciClientTestServer.start();
        server.gateway().required(false); // the peer checks no credentials either: the same work per request
        return new Running(server.uri(), server);
    }

    private static Running fabric8() {
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        return new Running(URI.create("http://" + server.getHostName() + ":" + server.getPort()), server::destroy);
    }

    public static void main(String[] args) throws Exception {
        double ccigenStart = medianStartMillis(TestServerBench::ccigen);
        double fabric8Start = medianStartMillis(TestServerBench::fabric8);
        double ccigenRate = createsPerSecond(ccigen());
        double fabric8Rate = createsPerSecond(fabric8());
        System.out.printf(
                "[test server] start (median of %d, warm JVM): ccigen %.2f ms, fabric8 mock %.2f ms: ratio %.2f%n",
                STARTS, ccigenStart, fabric8Start, ccigenStart / fabric8Start);
        System.out.printf(
                "[test server] creates/s (%d pods, one thread, the generated client): ccigen %.0f, fabric8 mock"
                        + " %.0f: ratio %.2f%n",
                CREATES, ccigenRate, fabric8Rate, ccigenRate / fabric8Rate);
    }

    private static double medianStartMillis(Supplier<Running> start) throws Exception {
        start.get().stop().close(); // class loading is not what a test suite pays per server
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

    private static double createsPerSecond(Running server) throws Exception {
        try (AutoCloseable stop = server.stop();
                CciClient client = CciClient.builder()
                        .endpoint(server.uri())
                        .token("t")
                        .maxRetries(0)
                        .build()) {
            Pods pods = client.coreV1().pods("bench");
            for (int i = 0; i < WARM_UP; i++) {
                pods.create(pod("warm-" + i));
            }
            long t = System.nanoTime();
            for (int i = 0; i < CREATES; i++) {
                pods.create(pod("pod-" + i));
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            if (pods.list().getItems().size() != WARM_UP + CREATES) {
                throw new IllegalStateException("creates were lost");
            }
            return CREATES / seconds;
        }
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
