package dev.ccigen.it;

import static dev.ccigen.it.FakeServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.it.cci.CciClient;
import dev.ccigen.it.cci.api.apps.v1.Deployments;
import dev.ccigen.it.cci.api.apps.v1.DeploymentsInAllNamespaces;
import dev.ccigen.it.cci.api.core.v1.Pods;
import dev.ccigen.it.cci.model.apps.v1.Deployment;
import dev.ccigen.it.cci.model.core.v1.Container;
import dev.ccigen.it.cci.model.core.v1.Pod;
import dev.ccigen.runtime.ConflictException;
import dev.ccigen.runtime.DeleteResult;
import dev.ccigen.runtime.ListOptions;
import dev.ccigen.runtime.Patch;
import dev.ccigen.runtime.PatchOptions;
import dev.ccigen.runtime.Status;
import dev.ccigen.runtime.Watch;
import dev.ccigen.runtime.WatchEvent;
import dev.ccigen.runtime.WatchHandle;
import dev.ccigen.runtime.Watcher;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's generated-API code: the ccigen column of "Coming from fabric8 or the official client", the example
 * of "The generated API, and why it looks the way it does" and the callback watch of "Watches and informers" (the code
 * between the markers is in the README verbatim: ReadmeTest checks), each against a server that answers as Kubernetes
 * does: 201 then 409 for the same create, a 409 for a replace someone else got in before, a list in two pages, watch
 * streams that end, a delete answering the object (as Kubernetes does for pods) or a Status.
 */
class ComingFromTest {
    private static final String PODS = "/api/v1/namespaces/ns/pods";
    private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/ns/deployments";
    private static final String ADDED = "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"web\"}}}\n";

    @Test
    void theTasksOfTheReadmeRunAsShown() throws Exception {
        AtomicInteger creates = new AtomicInteger();
        AtomicInteger replaces = new AtomicInteger();
        try (FakeServer server = new FakeServer()) {
            server.on("POST", PODS, (call, ex) -> {
                if (creates.getAndIncrement() == 0) {
                    json(ex, 201, call.body().replace("\"metadata\":{", "\"metadata\":{\"resourceVersion\":\"1\","));
                } else {
                    json(
                            ex,
                            409,
                            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
                                    + "\"pods \\\"web\\\" already exists\",\"reason\":\"AlreadyExists\",\"code\":409,"
                                    + "\"errorCode\":\"CCI.02.409101\"}");
                }
            });
            server.on("GET", PODS + "/web", (call, ex) -> json(ex, 200, pod(1 + replaces.get())));
            server.on("PUT", PODS + "/web", (call, ex) -> {
                if (replaces.getAndIncrement() == 0) { // someone else changed it since the edit read it
                    json(ex, 409, "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"Conflict\",\"code\":409}");
                } else {
                    json(ex, 200, call.body());
                }
            });
            server.on("PATCH", PODS + "/web", (call, ex) -> json(ex, 200, pod(3)));
            server.on("GET", PODS, (call, ex) -> {
                String query = call.query();
                if (query.contains("watch=true")) {
                    stream(ex, ADDED);
                } else if (!query.contains("continue=")) {
                    json(
                            ex,
                            200,
                            "{\"metadata\":{\"continue\":\"page2\"},\"items\":[{\"metadata\":{\"name\":\"web\"}}]}");
                } else {
                    json(ex, 200, "{\"metadata\":{},\"items\":[{\"metadata\":{\"name\":\"web-2\"}}]}");
                }
            });
            server.on(
                    "DELETE",
                    PODS + "/web",
                    (call, ex) -> json(
                            ex,
                            200,
                            "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\","
                                    + "\"deletionTimestamp\":\"2024-01-02T03:04:05Z\"}}"));

            List<String> out;
            try (CciClient client =
                    CciClient.builder().endpoint(server.uri()).token("t").build()) {
                out = printed(() -> {
                    // spotless:off (the README shows this code as laid out here)
                    // readme:coming-from:begin
                    Pods pods = client.coreV1().pods("ns");
                    // create a pod
                    Pod web = pods.create(Pod.builder()
                            .metadata(m -> m.name("web").putLabelsItem("app", "web"))
                            .spec(s -> s.addContainersItem(Container.builder().name("nginx").image("nginx:1.21").build()))
                            .build());
                    // read it, if it is there (a 404 is empty; every other failure throws)
                    pods.find("web").ifPresent(pod -> System.out.println("found " + pod.getMetadata().getName()));
                    // edit it: read, change, replace with the resourceVersion read; on a 409, read and change again
                    web = pods.edit("web", pod -> pod.toBuilder().metadata(m -> m.putLabelsItem("tier", "frontend")).build());
                    // patch it: a merge patch from a partial object, or JSON Patch operations
                    pods.patch("web", Patch.merge(Pod.builder().metadata(m -> m.putLabelsItem("release", "1")).build()));
                    pods.patch("web", Patch.json().test("/metadata/labels/tier", "frontend").remove("/metadata/labels/release"));
                    // server-side apply: send what you want; the server merges it and records who manages which field
                    pods.apply(Pod.builder()
                            .metadata(m -> m.name("web").putLabelsItem("app", "web"))
                            .spec(s -> s.addContainersItem(Container.builder().name("nginx").image("nginx:1.22").build()))
                            .build(), "my-controller");
                    // list by label, page after page
                    pods.listAll(ListOptions.builder().labelSelector("app=web").limit(100).build())
                            .forEach(pod -> System.out.println(pod.getMetadata().getName()));
                    // watch: iterate the events ...
                    try (Watch<Pod> watch = pods.watch(ListOptions.builder().labelSelector("app=web").build())) {
                        for (WatchEvent<Pod> event : watch) {
                            System.out.println(event.type() + " " + event.object().getMetadata().getName());
                        }
                    }
                    // ... or have them handed to a callback, in order, on a thread of the client's
                    try (WatchHandle watching = pods.watch(ListOptions.builder().labelSelector("app=web").build(),
                            event -> System.out.println(event.type() + " " + event.object().getMetadata().getName()))) {
                        watching.awaitClose(Duration.ofSeconds(10)); // or get on with other work: close() stops it
                    }
                    // handle a 409
                    try {
                        pods.create(web);
                    } catch (ConflictException e) {
                        System.out.println(e.errorCode() + ": " + e.errorMessage());
                    }
                    // delete: the server answers the object (a pod goes on terminating) or a Status
                    pods.delete("web").object().ifPresent(pod -> System.out.println("terminating " + pod.getMetadata().getName()));
                    // readme:coming-from:end
                    // spotless:on
                });
            }
            assertEquals(
                    List.of(
                            "found web",
                            "web",
                            "web-2",
                            "ADDED web",
                            "ADDED web",
                            "CCI.02.409101: pods \"web\" already exists",
                            "terminating web"),
                    out);
            List<FakeServer.Call> puts = server.calls("PUT", PODS + "/web");
            assertEquals(2, puts.size(), "the edit read again after its 409");
            String replaced = puts.get(1).body();
            assertTrue(
                    replaced.contains("\"tier\":\"frontend\"")
                            && replaced.contains("\"app\":\"web\"")
                            && replaced.contains("\"resourceVersion\":\"2\""),
                    replaced);
            List<FakeServer.Call> patches = server.calls("PATCH", PODS + "/web");
            assertEquals(
                    List.of(
                            "application/merge-patch+json",
                            "application/json-patch+json",
                            "application/apply-patch+yaml"),
                    patches.stream().map(c -> c.header("Content-Type")).toList());
            assertTrue(patches.get(1).body().contains("{\"op\":\"remove\",\"path\":\"/metadata/labels/release\"}"));
            assertEquals("fieldManager=my-controller", patches.get(2).query());
            assertEquals(1, server.calls("DELETE", PODS + "/web").size());
        }
    }

    @Test
    void theGeneratedApiOfTheReadmeRunsAsShown() throws Exception {
        try (FakeServer server = new FakeServer()) {
            server.on(
                    "GET",
                    DEPLOYMENTS + "/web",
                    (call, ex) -> json(
                            ex,
                            404,
                            "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"));
            server.on("PATCH", DEPLOYMENTS + "/web", (call, ex) -> json(ex, 200, call.body()));
            server.on(
                    "PATCH",
                    DEPLOYMENTS + "/web/scale",
                    (call, ex) -> json(ex, 200, "{\"kind\":\"Scale\",\"spec\":{\"replicas\":3}}"));
            server.on(
                    "GET",
                    "/apis/apps/v1/deployments",
                    (call, ex) -> json(
                            ex,
                            200,
                            "{\"metadata\":{},\"items\":[{\"metadata\":{\"name\":\"web\",\"namespace\":\"ns\"}},"
                                    + "{\"metadata\":{\"name\":\"db\",\"namespace\":\"prod\"}}]}"));
            server.on(
                    "DELETE",
                    DEPLOYMENTS + "/web",
                    (call, ex) -> json(
                            ex,
                            200,
                            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\","
                                    + "\"details\":{\"name\":\"web\",\"group\":\"apps\",\"kind\":\"deployments\"}}"));
            server.on(
                    "GET",
                    "/apis/apps/",
                    (call, ex) -> json(
                            ex,
                            200,
                            "{\"kind\":\"APIGroup\",\"name\":\"apps\",\"versions\":[{\"groupVersion\":\"apps/v1\","
                                    + "\"version\":\"v1\"}],\"preferredVersion\":{\"groupVersion\":\"apps/v1\","
                                    + "\"version\":\"v1\"}}"));

            List<String> out;
            try (CciClient client =
                    CciClient.builder().endpoint(server.uri()).token("t").build()) {
                out = printed(() -> {
                    // spotless:off (the README shows this code as laid out here)
                    // readme:api:begin
                    Deployments deployments = client.appsV1().deployments("ns");
                    // one object: find when it may be missing, get when it must be there
                    Optional<Deployment> web = deployments.find("web");
                    System.out.println(web.isPresent() ? "there" : "not there yet");
                    // server-side apply of what you want, taking over the fields another manager set
                    deployments.apply(Deployment.builder()
                            .metadata(m -> m.name("web"))
                            .spec(s -> s.replicas(2)
                                    .selector(l -> l.putMatchLabelsItem("app", "web"))
                                    .template(t -> t.metadata(m -> m.putLabelsItem("app", "web"))
                                            .spec(p -> p.addContainersItem(Container.builder().name("nginx").image("nginx:1.21").build()))))
                            .build(), PatchOptions.builder().fieldManager("deployer").force(true).build());
                    // a subresource: patched with the same Patch, with options or without
                    deployments.patchScale("web", Patch.merge(Map.of("spec", Map.of("replicas", 3))));
                    // across all namespaces: only what Kubernetes serves there (list, listAll, watch, inform)
                    DeploymentsInAllNamespaces everywhere = client.appsV1().deployments();
                    everywhere.listAll().forEach(d -> System.out.println(d.getMetadata().getNamespace() + "/" + d.getMetadata().getName()));
                    // delete: the object or a Status, whichever the server sends
                    DeleteResult<Deployment> deleted = deployments.delete("web");
                    System.out.println(deleted.status().map(Status::getStatus).orElse("terminating"));
                    // what the server serves
                    System.out.println(client.discovery().appsAPIGroup().getPreferredVersion().getGroupVersion());
                    // readme:api:end
                    // spotless:on
                });
            }
            assertEquals(List.of("not there yet", "ns/web", "prod/db", "Success", "apps/v1"), out);
            FakeServer.Call apply = server.calls("PATCH", DEPLOYMENTS + "/web").get(0);
            assertEquals("application/apply-patch+yaml", apply.header("Content-Type"));
            assertEquals("fieldManager=deployer&force=true", apply.query());
            assertTrue(apply.body().contains("\"kind\":\"Deployment\""), apply.body());
        }
    }

    @Test
    void theCallbackWatchOfTheReadmeRunsAsShown() throws Exception {
        try (FakeServer server = new FakeServer()) {
            server.on(
                    "GET",
                    PODS,
                    (call, ex) -> stream(
                            ex,
                            ADDED + "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"status\":\"Failure\","
                                    + "\"message\":\"too old resource version: 1 (5)\",\"reason\":\"Expired\","
                                    + "\"code\":410}}\n"));
            List<String> out;
            try (CciClient client =
                    CciClient.builder().endpoint(server.uri()).token("t").build()) {
                Pods pods = client.coreV1().pods("ns");
                out = printed(() -> {
                    // spotless:off (the README shows this code as laid out here)
                    // readme:watcher:begin
                    try (WatchHandle watching = pods.watch(ListOptions.builder().resumeWatch(true).build(), new Watcher<>() {
                        @Override
                        public void onEvent(WatchEvent<Pod> event) {
                            System.out.println(event.type() + " " + event.object().getMetadata().getName());
                        }

                        @Override
                        public void onClose(RuntimeException cause) { // null: closed, or a stream that does not resume ended
                            System.out.println("ended" + (cause == null ? "" : ": " + cause.getMessage()));
                        }
                    })) {
                        watching.awaitClose(Duration.ofMinutes(1));
                    }
                    // readme:watcher:end
                    // spotless:on
                });
            }
            assertEquals(
                    List.of("ADDED web", "ended: HTTP 410 Gone: too old resource version: 1 (5)"), out, out::toString);
        }
    }

    private static String pod(int resourceVersion) {
        return "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"web\",\"namespace\":\"ns\","
                + "\"resourceVersion\":\"" + resourceVersion + "\",\"labels\":{\"app\":\"web\"}}}";
    }

    /** A watch stream that sends {@code events} and ends. */
    private static void stream(com.sun.net.httpserver.HttpExchange ex, String events) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream body = ex.getResponseBody()) {
            body.write(events.getBytes(StandardCharsets.UTF_8));
        }
    }

    @FunctionalInterface
    interface Code {
        void run() throws Exception;
    }

    /** What {@code code} prints to System.out, line by line (a callback watch's thread included). */
    private static List<String> printed(Code code) throws Exception {
        List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(
                new OutputStream() {
                    private final StringBuilder line = new StringBuilder();

                    @Override
                    public synchronized void write(int b) {
                        if (b == '\n') {
                            out.add(line.toString());
                            line.setLength(0);
                        } else {
                            line.append((char) b);
                        }
                    }
                },
                true,
                StandardCharsets.UTF_8));
        try {
            code.run();
        } finally {
            System.setOut(stdout);
        }
        return List.copyOf(out);
    }
}
