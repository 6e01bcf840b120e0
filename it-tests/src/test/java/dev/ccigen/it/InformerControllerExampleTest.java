package dev.ccigen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.it.cci.CciClient;
import dev.ccigen.it.cci.CciClientTestServer;
import dev.ccigen.it.cci.model.core.v1.Container;
import dev.ccigen.it.cci.model.core.v1.Pod;
import dev.ccigen.it.cci.model.core.v1.PodSpec;
import dev.ccigen.it.cci.model.meta.v1.ObjectMeta;
import dev.ccigen.runtime.Informer;
import dev.ccigen.runtime.InformerOptions;
import dev.ccigen.runtime.Json;
import dev.ccigen.runtime.PatchOptions;
import dev.ccigen.runtime.ResourceEventHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's informers for controllers (the code between the markers is there verbatim: ReadmeTest checks): two
 * parts of a program sharing one informer of every pod, a transform, an index and a namespace lister, against the
 * generated test server. And what the cache holds: the objects the usual decoding gives, managedFields dropped unless
 * kept, lists that cannot be changed.
 */
class InformerControllerExampleTest {
    private static final String PODS = "/api/v1/pods";

    private static Pod pod(String name, String node) {
        return Pod.builder()
                .metadata(ObjectMeta.builder()
                        .name(name)
                        .annotations(Map.of("kubectl.kubernetes.io/last-applied-configuration", "{\"a\":\"big\"}"))
                        .build())
                .spec(PodSpec.builder()
                        .nodeName(node)
                        .containers(List.of(
                                Container.builder().name("main").image("web:1").build()))
                        .build())
                .build();
    }

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).sorted().collect(Collectors.toList());
    }

    @Test
    void theReadmeControllerInformersRunAsShown() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try (CciClientTestServer server = CciClientTestServer.start()) {
            CciClient client = server.client();
            client.coreV1().pods("ns").create(pod("web-1", "node-1"));
            client.coreV1().pods("ns").create(pod("web-2", "node-2"));
            client.coreV1().pods("other").create(pod("db-1", "node-1"));
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            // spotless:off (the README shows this code as laid out here)
            // readme:informer-controller:begin
            InformerOptions options = InformerOptions.builder()
                    .transform(Pod.class, pod -> pod.toBuilder() // before it enters the cache
                            .metadata(m -> m.annotations(null)) // drop what this program never reads
                            .build())
                    .failureListener((failure, inARow) -> {
                        if (inARow >= 5) {
                            System.err.println("the pods informer keeps failing: " + failure);
                        }
                    })
                    .build();
            // two parts of a program, one client: one list, one watch, one cache
            try (Informer<Pod> scheduler = client.coreV1().pods().inform(new ResourceEventHandler<>() {}, options);
                    Informer<Pod> dashboard = client.coreV1().pods().inform(new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(Pod pod) {
                            System.out.println("dashboard: " + pod.getMetadata().getName());
                        }
                    }, options)) {
                scheduler.addIndexer("node", pod -> Collections.singletonList(pod.getSpec().getNodeName()));
                List<Pod> onNode1 = scheduler.store().byIndex("node", "node-1"); // web-1 and db-1
                List<Pod> inNs = dashboard.store().list("ns"); // web-1 and web-2, a lister by namespace
                // readme:informer-controller:end
                // spotless:on
                assertEquals(List.of("db-1", "web-1"), names(onNode1));
                assertEquals(List.of("web-1", "web-2"), names(inNs));
                assertSame(scheduler.store(), dashboard.store());
                assertNull(scheduler.store().get("ns", "web-1").getMetadata().getAnnotations(), "transformed");
                client.coreV1().pods("ns").create(pod("web-3", "node-1"));
                long end = System.nanoTime() + 10_000_000_000L;
                while (scheduler.store().byIndex("node", "node-1").size() < 3 && System.nanoTime() < end) {
                    Thread.sleep(10);
                }
                assertEquals(
                        List.of("db-1", "web-1", "web-3"),
                        names(scheduler.store().byIndex("node", "node-1")));
                while (!printed.toString(StandardCharsets.UTF_8).contains("web-3") && System.nanoTime() < end) {
                    Thread.sleep(10);
                }
                assertTrue(dashboard.hasSynced() && scheduler.hasSynced());
                // spotless:off
                // readme:informer-controller:begin
            }
            // readme:informer-controller:end
            // spotless:on
            assertEquals(
                    List.of("dashboard: db-1", "dashboard: web-1", "dashboard: web-2", "dashboard: web-3"),
                    printed.toString(StandardCharsets.UTF_8).lines().sorted().toList());
            assertEquals(
                    1,
                    server.requests("GET", PODS).stream()
                            .filter(r -> !r.query().contains("watch=true"))
                            .count(),
                    "one list for both");
            assertEquals(
                    1,
                    server.requests("GET", PODS).stream()
                            .filter(r -> r.query().contains("watch=true"))
                            .count(),
                    "one watch for both");
        } finally {
            System.setOut(stdout);
        }
    }

    /** A pod as rich as a real one, read by an informer and by a GET from the same server. */
    private static final String RICH = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"rich\","
            + "\"labels\":{\"app\":\"web\",\"tier\":\"backend\"},\"annotations\":{\"a\":\"b\"},"
            + "\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"web-7d4\","
            + "\"uid\":\"0d5c8f3e-1\",\"controller\":true}]},"
            + "\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"web:1.2\",\"args\":[\"--port=8080\"],"
            + "\"ports\":[{\"containerPort\":8080,\"protocol\":\"TCP\"}],\"env\":[{\"name\":\"A\",\"value\":\"1\"},"
            + "{\"name\":\"B\",\"valueFrom\":{\"fieldRef\":{\"fieldPath\":\"metadata.name\"}}}],"
            + "\"resources\":{\"limits\":{\"cpu\":\"500m\",\"memory\":\"256Mi\"},\"requests\":{\"cpu\":\"100m\"}},"
            + "\"livenessProbe\":{\"httpGet\":{\"path\":\"/healthz\",\"port\":8080},\"periodSeconds\":10},"
            + "\"readinessProbe\":{\"httpGet\":{\"path\":\"/ready\",\"port\":\"http\"}}}],"
            + "\"tolerations\":[{\"key\":\"k\",\"operator\":\"Exists\",\"tolerationSeconds\":300}],"
            + "\"nodeSelector\":{\"zone\":\"a\"},\"terminationGracePeriodSeconds\":30},\"unknownField\":{\"x\":[1,2]}}";

    @Test
    void theCacheHoldsWhatAGetReadsWithoutManagedFieldsAndUnchangeable() throws Exception {
        try (CciClientTestServer server = CciClientTestServer.start()) {
            CciClient client = server.client();
            // applied, so that the server keeps managedFields (of the fields "ci" applied)
            client.coreV1()
                    .pods("ns")
                    .apply(
                            Json.mapper().readValue(RICH, Pod.class),
                            PatchOptions.builder().fieldManager("ci").build());
            Pod read = client.coreV1().pods("ns").get("rich");
            assertNotNull(read.getMetadata().getManagedFields(), "the server keeps them");
            try (Informer<Pod> dropping = client.coreV1().pods("ns").inform(new ResourceEventHandler<>() {});
                    Informer<Pod> keeping = client.coreV1()
                            .pods("ns")
                            .inform(
                                    new ResourceEventHandler<>() {},
                                    InformerOptions.builder()
                                            .keepManagedFields(true)
                                            .build())) {
                Pod kept = keeping.store().get("ns", "rich");
                assertEquals(read, kept);
                assertEquals(
                        Json.mapper().writeValueAsString(read), Json.mapper().writeValueAsString(kept));
                Pod cached = dropping.store().get("ns", "rich");
                assertNull(cached.getMetadata().getManagedFields());
                assertEquals(
                        read.toBuilder().metadata(m -> m.managedFields(null)).build(), cached);
                assertEquals(
                        Map.of("x", List.of(1, 2)),
                        Json.mapper().convertValue(cached.getUnknownFields().get("unknownField"), Map.class),
                        "unknown fields kept");
                assertThrows(
                        UnsupportedOperationException.class,
                        () -> cached.getSpec().getContainers().clear());
                assertThrows(
                        UnsupportedOperationException.class,
                        () -> cached.getMetadata().getLabels().put("a", "b"));
                Pod edited = cached.toBuilder()
                        .metadata(m -> m.putLabelsItem("edited", "yes"))
                        .build(); // the way to change a cached object: a copy of your own
                assertEquals("yes", edited.getMetadata().getLabels().get("edited"));
                assertNull(cached.getMetadata().getLabels().get("edited"));
            }
        }
    }
}
