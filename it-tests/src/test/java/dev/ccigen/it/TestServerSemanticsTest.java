package dev.ccigen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccigen.it.cci.CciClient;
import dev.ccigen.it.cci.CciClientTestServer;
import dev.ccigen.it.cci.api.core.v1.Pods;
import dev.ccigen.it.cci.model.apps.v1.Deployment;
import dev.ccigen.it.cci.model.apps.v1.DeploymentSpec;
import dev.ccigen.it.cci.model.apps.v1.DeploymentStatus;
import dev.ccigen.it.cci.model.core.v1.Namespace;
import dev.ccigen.it.cci.model.core.v1.Pod;
import dev.ccigen.it.cci.model.core.v1.PodList;
import dev.ccigen.it.cci.model.core.v1.PodStatus;
import dev.ccigen.it.cci.model.meta.v1.ObjectMeta;
import dev.ccigen.runtime.BadRequestException;
import dev.ccigen.runtime.ConflictException;
import dev.ccigen.runtime.GoneException;
import dev.ccigen.runtime.IamAuthenticationException;
import dev.ccigen.runtime.ListOptions;
import dev.ccigen.runtime.NotFoundException;
import dev.ccigen.runtime.Patch;
import dev.ccigen.runtime.SignatureRejectedException;
import dev.ccigen.runtime.Watch;
import dev.ccigen.runtime.WatchEvent;
import dev.ccigen.testserver.ObjectStore;
import dev.ccigen.testserver.ResourceType;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generated CciClientTestServer answers as a Kubernetes API server, CCI, IAM and the API gateway do. */
class TestServerSemanticsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CciClientTestServer server;
    private CciClient client;
    private Pods pods;

    /** The server under test: over HTTP here; TestServerSemanticsInProcessTest runs the same tests in process. */
    CciClientTestServer startServer() {
        return CciClientTestServer.start();
    }

    /** A builder of a client of the server, without its IAM (in process, with its connector). */
    dev.ccigen.runtime.ClientBuilder<CciClient> plainBuilder() {
        return server.isInProcess()
                ? CciClient.builder().endpoint(server.uri()).connector(server.connector())
                : CciClient.builder().endpoint(server.uri());
    }

    @BeforeEach
    void start() {
        server = startServer();
        client = server.client();
        pods = client.coreV1().pods("ns");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Pod pod(String name, Map<String, String> labels) {
        return Pod.builder()
                .metadata(ObjectMeta.builder().name(name).labels(labels).build())
                .build();
    }

    private List<String> names(ListOptions options) {
        return pods.list(options).getItems().stream()
                .map(p -> p.getMetadata().getName())
                .collect(Collectors.toList());
    }

    @Test
    void createFillsInTheServersFieldsAndRefusesATwin() {
        Pod web = pods.create(pod("web", Map.of()));
        ObjectMeta meta = web.getMetadata();
        assertEquals("ns", meta.getNamespace());
        assertNotNull(meta.getUid());
        assertNotNull(meta.getCreationTimestamp());
        assertEquals(1L, meta.getGeneration());
        assertEquals("v1", web.getApiVersion());
        assertEquals("Pod", web.getKind());

        ConflictException twin = assertThrows(ConflictException.class, () -> pods.create(pod("web", Map.of())));
        assertEquals("AlreadyExists", twin.status().orElseThrow().getReason());
        assertEquals("pods \"web\" already exists", twin.errorMessage());

        client.coreV1()
                .namespaces()
                .create(Namespace.builder()
                        .metadata(ObjectMeta.builder().name("team").build())
                        .build());
        ConflictException namespace = assertThrows(
                ConflictException.class,
                () -> client.coreV1()
                        .namespaces()
                        .create(Namespace.builder()
                                .metadata(ObjectMeta.builder().name("team").build())
                                .build()));
        assertEquals("CCI.02.409101", namespace.errorCode(), "CCI's documented code for a namespace that exists");

        Pod generated = pods.create(Pod.builder()
                .metadata(ObjectMeta.builder().generateName("job-").build())
                .build());
        assertTrue(
                generated.getMetadata().getName().matches("job-[a-z0-9]{5}"),
                generated.getMetadata().getName());
    }

    @Test
    void labelAndFieldSelectors() {
        pods.create(pod("a", Map.of("app", "web", "tier", "front")));
        pods.create(pod("b", Map.of("app", "web")));
        pods.create(pod("c", Map.of("app", "db", "tier", "back")));
        client.coreV1().pods("other").create(pod("d", Map.of("app", "web")));

        assertEquals(
                List.of("a", "b"),
                names(ListOptions.builder().labelSelector("app=web").build()));
        assertEquals(
                List.of("c"),
                names(ListOptions.builder().labelSelector("app!=web").build()));
        assertEquals(
                List.of("a", "c"),
                names(ListOptions.builder()
                        .labelSelector("tier in (front, back)")
                        .build()));
        assertEquals(
                List.of("b", "c"),
                names(ListOptions.builder().labelSelector("tier notin (front)").build()));
        assertEquals(
                List.of("a", "c"),
                names(ListOptions.builder().labelSelector("tier").build()));
        assertEquals(
                List.of("b"),
                names(ListOptions.builder().labelSelector("!tier,app==web").build()));
        assertEquals(
                List.of("b"),
                names(ListOptions.builder().fieldSelector("metadata.name=b").build()));
        assertEquals(
                List.of("a", "c"),
                names(ListOptions.builder().fieldSelector("metadata.name!=b").build()));
        assertEquals(
                List.of("a", "b", "d"),
                client
                        .coreV1()
                        .pods()
                        .list(ListOptions.builder().labelSelector("app=web").build())
                        .getItems()
                        .stream()
                        .map(p -> p.getMetadata().getName())
                        .toList(),
                "all namespaces");
        assertEquals(
                List.of("d"),
                client
                        .coreV1()
                        .pods()
                        .list(ListOptions.builder()
                                .fieldSelector("metadata.namespace=other")
                                .build())
                        .getItems()
                        .stream()
                        .map(p -> p.getMetadata().getName())
                        .toList());

        BadRequestException bad = assertThrows(
                BadRequestException.class,
                () -> pods.list(
                        ListOptions.builder().fieldSelector("spec.nodeName=n1").build()));
        assertTrue(bad.errorMessage().contains("spec.nodeName"), bad.errorMessage());
    }

    @Test
    void pagingWithLimitAndContinue() {
        for (int i = 0; i < 5; i++) {
            pods.create(pod("p" + i, Map.of()));
        }
        PodList first = pods.list(ListOptions.builder().limit(2).build());
        assertEquals(
                List.of("p0", "p1"),
                first.getItems().stream().map(p -> p.getMetadata().getName()).toList());
        assertEquals(3L, first.getMetadata().getRemainingItemCount());
        PodList second = pods.list(ListOptions.builder()
                .limit(2)
                .continueToken(first.getMetadata().getContinue())
                .build());
        assertEquals(
                List.of("p2", "p3"),
                second.getItems().stream().map(p -> p.getMetadata().getName()).toList());
        PodList last = pods.list(ListOptions.builder()
                .limit(2)
                .continueToken(second.getMetadata().getContinue())
                .build());
        assertEquals(
                List.of("p4"),
                last.getItems().stream().map(p -> p.getMetadata().getName()).toList());
        assertNull(last.getMetadata().getContinue());
        assertEquals(5, pods.listAll(ListOptions.builder().limit(2).build()).count(), "listAll follows the tokens");
    }

    @Test
    void replaceWithAStaleResourceVersionIsAConflict() {
        Pod web = pods.create(pod("web", Map.of()));
        Pod changed = pods.replace(web.toBuilder()
                .metadata(web.getMetadata().toBuilder().labels(Map.of("v", "2")).build())
                .build());
        assertTrue(Long.parseLong(changed.getMetadata().getResourceVersion())
                > Long.parseLong(web.getMetadata().getResourceVersion()));
        assertEquals(web.getMetadata().getUid(), changed.getMetadata().getUid());

        ConflictException stale = assertThrows(ConflictException.class, () -> pods.replace(web));
        assertEquals("Conflict", stale.status().orElseThrow().getReason());
        assertTrue(stale.errorMessage().contains("the object has been modified"), stale.errorMessage());
        assertThrows(NotFoundException.class, () -> pods.replace(pod("missing", Map.of())));
    }

    @Test
    void jsonAndMergePatches() {
        pods.create(pod("web", Map.of("a", "1", "b", "2")));
        ObjectNode removeA = JSON.createObjectNode();
        removeA.putObject("metadata").putObject("labels").putNull("a");
        Pod merged = pods.patch("web", Patch.merge(removeA));
        assertEquals(Map.of("b", "2"), merged.getMetadata().getLabels(), "null removes");
        Pod patched =
                pods.patch("web", Patch.json().add("/metadata/labels/c", "3").replace("/metadata/labels/b", "20"));
        assertEquals(Map.of("b", "20", "c", "3"), patched.getMetadata().getLabels());
        assertThrows(
                dev.ccigen.runtime.UnprocessableEntityException.class,
                () -> pods.patch("web", Patch.json().test("/metadata/labels/b", "nope")));
    }

    @Test
    void statusSubresourceAndGeneration() {
        var deployments = client.appsV1().deployments("ns");
        Deployment d = deployments.create(Deployment.builder()
                .metadata(ObjectMeta.builder().name("api").build())
                .spec(DeploymentSpec.builder().replicas(1).build())
                .status(DeploymentStatus.builder().replicas(9).build())
                .build());
        assertNull(d.getStatus(), "create leaves the status to the controllers");

        Deployment withStatus = deployments.replaceStatus(
                "api",
                d.toBuilder()
                        .status(DeploymentStatus.builder().replicas(1).build())
                        .spec(DeploymentSpec.builder().replicas(5).build())
                        .build());
        assertEquals(1, withStatus.getStatus().getReplicas());
        assertEquals(1, withStatus.getSpec().getReplicas(), "a status write changes nothing else");
        assertEquals(1L, withStatus.getMetadata().getGeneration());

        Deployment scaled = deployments.replace(withStatus.toBuilder()
                .spec(DeploymentSpec.builder().replicas(3).build())
                .status(DeploymentStatus.builder().replicas(0).build())
                .build());
        assertEquals(3, scaled.getSpec().getReplicas());
        assertEquals(1, scaled.getStatus().getReplicas(), "a main write keeps the status");
        assertEquals(2L, scaled.getMetadata().getGeneration(), "a spec change raises the generation");

        Deployment labelled =
                deployments.patch("api", Patch.merge(Map.of("metadata", Map.of("labels", Map.of("x", "y")))));
        assertEquals(2L, labelled.getMetadata().getGeneration(), "metadata alone does not");

        Pod web = pods.create(pod("web", Map.of()));
        Pod running = pods.patchStatus("web", Patch.merge(Map.of("status", Map.of("phase", "Running"))));
        assertEquals("Running", running.getStatus().getPhase());
        assertEquals(web.getMetadata().getUid(), running.getMetadata().getUid());
        assertEquals(
                "Running",
                pods.replace(running.toBuilder()
                                .status(PodStatus.builder().phase("Failed").build())
                                .build())
                        .getStatus()
                        .getPhase());
    }

    @Test
    void deleteAndDeleteCollection() {
        pods.create(pod("a", Map.of("app", "x")));
        pods.create(pod("b", Map.of("app", "x")));
        pods.create(pod("c", Map.of("app", "y")));
        assertEquals("a", pods.delete("a").object().orElseThrow().getMetadata().getName());
        assertThrows(NotFoundException.class, () -> pods.get("a"));
        assertThrows(NotFoundException.class, () -> pods.delete("a"));
        assertEquals(
                "Success",
                pods.deleteCollection(
                                ListOptions.builder().labelSelector("app=x").build())
                        .status()
                        .orElseThrow()
                        .getStatus());
        assertEquals(List.of("c"), names(ListOptions.none()));
    }

    @Test
    void watchesResumeFromTheirResourceVersionWhenTheServerEndsThem() throws Exception {
        String from = pods.create(pod("before", Map.of())).getMetadata().getResourceVersion();
        List<String> seen = new ArrayList<>();
        String last;
        try (Watch<Pod> watch = pods.watch(
                ListOptions.builder().resourceVersion(from).resumeWatch(true).build())) {
            pods.create(pod("one", Map.of()));
            WatchEvent<Pod> first = watch.next();
            seen.add(first.type() + " " + first.object().getMetadata().getName());
            last = first.object().getMetadata().getResourceVersion();
            server.endWatches();
            pods.create(pod("two", Map.of()));
            // The stream ended: a client that resumes by itself goes on, else its caller watches again from the last
            // version.
            try (Watch<Pod> resumed = watch.hasNext()
                    ? null
                    : pods.watch(ListOptions.builder().resourceVersion(last).build())) {
                WatchEvent<Pod> second = (resumed == null ? watch : resumed).next();
                seen.add(second.type() + " " + second.object().getMetadata().getName());
            }
        }
        assertEquals(List.of("ADDED one", "ADDED two"), seen);
        List<String> versions = server.requests("GET", "/api/v1/namespaces/ns/pods").stream()
                .map(r -> r.queryParameter("resourceVersion"))
                .toList();
        assertEquals(List.of(from, last), versions, "watched again from the last resourceVersion seen");

        // Once the events since a resourceVersion are no longer kept, a watch from it is 410 Gone (then clients list
        // again).
        ResourceType podType = server.resourceTypes().stream()
                .filter(t -> t.plural().equals("pods"))
                .findFirst()
                .orElseThrow();
        for (int i = 0; i < ObjectStore.HISTORY; i++) {
            server.store()
                    .create(
                            podType,
                            "bulk",
                            JSON.createObjectNode()
                                    .set("metadata", JSON.createObjectNode().put("name", "b" + i)));
        }
        assertThrows(GoneException.class, () -> {
            try (Watch<Pod> tooOld =
                    pods.watch(ListOptions.builder().resourceVersion(from).build())) {
                tooOld.hasNext();
            }
        });
    }

    @Test
    void servesTheListingsItWasGeneratedFrom() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(server.isInProcess(), "over HTTP, with the JDK's client");
        server.acceptToken("discovery-token");
        HttpClient http = HttpClient.newHttpClient();
        JsonNode groups = get(http, "/apis");
        List<String> names = new ArrayList<>();
        groups.path("groups").forEach(g -> names.add(g.path("name").asText()));
        assertTrue(
                names.containsAll(List.of("apps", "batch", "batch.volcano.sh", "networking.cci.io")), names.toString());
        assertEquals("v1", get(http, "/api").path("versions").get(0).asText());
        JsonNode core = get(http, "/api/v1");
        List<String> resources = new ArrayList<>();
        core.path("resources").forEach(r -> resources.add(r.path("name").asText()));
        assertTrue(
                resources.containsAll(List.of("pods", "pods/status", "pods/log", "namespaces")), resources.toString());
        assertEquals(
                404,
                http.send(
                                HttpRequest.newBuilder(server.uri().resolve("/apis/nope/v1"))
                                        .header("X-Auth-Token", "discovery-token")
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode());
    }

    private JsonNode get(HttpClient http, String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(server.uri().resolve(path))
                        .header("X-Auth-Token", "discovery-token")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void akSkSignaturesAreVerified() {
        server.acceptAkSk("AKTESTSERVER00000001", "the-secret");
        try (CciClient signed = plainBuilder()
                .akSk("AKTESTSERVER00000001", "the-secret")
                .projectId("p1")
                .build()) {
            signed.coreV1().pods("ns").create(pod("signed", Map.of()));
            assertTrue(server.requests()
                    .get(server.requests().size() - 1)
                    .header("Authorization")
                    .startsWith("SDK-HMAC-SHA256 Access=AKTESTSERVER00000001, "));
        }
        try (CciClient wrong =
                plainBuilder().akSk("AKTESTSERVER00000001", "not-the-secret").build()) {
            assertThrows(
                    SignatureRejectedException.class,
                    () -> wrong.coreV1().pods("ns").get("signed"));
        }
    }

    @Test
    void iamRefusesAWrongPasswordOnceUsersAreKnown() {
        server.gateway().iamUser("alice", "right");
        try (CciClient wrong = server.clientBuilder()
                .iam(dev.ccigen.runtime.IamTokenProvider.builder()
                        .iamEndpoint(server.uri())
                        .username("alice")
                        .password("wrong")
                        .domainName("d")
                        .projectName("p"))
                .build()) {
            IamAuthenticationException e = assertThrows(
                    IamAuthenticationException.class,
                    () -> wrong.coreV1().pods("ns").list());
            assertEquals(401, e.statusCode());
        }
    }

    @Test
    void slowResponsesAndRecordedRequests() {
        server.slowDown("pods", Duration.ofMillis(300));
        long start = System.nanoTime();
        pods.list();
        assertTrue(System.nanoTime() - start >= 300_000_000L, "the answer waited");
        server.clearFaults();
        pods.create(pod("web", Map.of("app", "web")));
        var create = server.requests("POST", "/api/v1/namespaces/ns/pods").get(0);
        assertTrue(create.body().contains("\"app\":\"web\""), create.body());
        assertNotNull(create.header("X-Auth-Token"));
    }
}
