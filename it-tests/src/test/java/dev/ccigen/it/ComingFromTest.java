package dev.ccigen.it;

import static dev.ccigen.it.FakeServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.it.cci.CciClient;
import dev.ccigen.it.cci.api.core.v1.Pods;
import dev.ccigen.it.cci.model.core.v1.Container;
import dev.ccigen.it.cci.model.core.v1.Pod;
import dev.ccigen.runtime.ConflictException;
import dev.ccigen.runtime.ListOptions;
import dev.ccigen.runtime.Watch;
import dev.ccigen.runtime.WatchEvent;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Runs the ccigen column of the README's "Coming from fabric8 or the official client" (the code between the markers
 * is in the README verbatim: ReadmeTest checks) against a server that answers as Kubernetes does: 201 then 409 for the
 * same create, a list in two pages, a watch stream that ends, a delete answering the object (as Kubernetes does for pods).
 */
class ComingFromTest {
    private static final String PODS = "/api/v1/namespaces/ns/pods";

    @Test
    void theTasksOfTheReadmeRunAsShown() throws Exception {
        List<String> out = new ArrayList<>();
        AtomicInteger creates = new AtomicInteger();
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
            server.on("PUT", PODS + "/web", (call, ex) -> json(ex, 200, call.body()));
            server.on("GET", PODS, (call, ex) -> {
                String query = call.query();
                if (query.contains("watch=true")) {
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, 0);
                    try (OutputStream body = ex.getResponseBody()) {
                        body.write(("{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"web\"}}}\n")
                                .getBytes(StandardCharsets.UTF_8));
                    }
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
                    (call, ex) -> json(ex, 200, "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\"}}"));

            PrintStream stdout = System.out;
            System.setOut(new PrintStream(
                    new OutputStream() {
                        private final StringBuilder line = new StringBuilder();

                        @Override
                        public void write(int b) {
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
            try (CciClient client =
                    CciClient.builder().endpoint(server.uri()).token("t").build()) {
                // spotless:off (the README shows this code as laid out here)
                // readme:coming-from:begin
                Pods pods = client.coreV1().pods("ns");
                // create a pod
                Pod web = pods.create(Pod.builder()
                        .metadata(m -> m.name("web").putLabelsItem("app", "web"))
                        .spec(s -> s.addContainersItem(Container.builder().name("nginx").image("nginx:1.21").build()))
                        .build());
                // edit and replace it (a stale resourceVersion throws ConflictException)
                web = pods.replace(web.toBuilder().metadata(m -> m.putLabelsItem("tier", "frontend")).build());
                // list by label, page after page
                pods.listAll(ListOptions.builder().labelSelector("app=web").limit(100).build())
                        .forEach(pod -> System.out.println(pod.getMetadata().getName()));
                // watch
                try (Watch<Pod> watch = pods.watch(ListOptions.builder().labelSelector("app=web").build())) {
                    for (WatchEvent<Pod> event : watch) {
                        System.out.println(event.type() + " " + event.object().getMetadata().getName());
                    }
                }
                // handle a 409
                try {
                    pods.create(web);
                } catch (ConflictException e) {
                    System.out.println(e.errorCode() + ": " + e.errorMessage());
                }
                // delete
                pods.delete("web");
                // readme:coming-from:end
                // spotless:on
            } finally {
                System.setOut(stdout);
            }
            assertEquals(List.of("web", "web-2", "ADDED web", "CCI.02.409101: pods \"web\" already exists"), out);
            String replaced = server.calls("PUT", PODS + "/web").get(0).body();
            assertTrue(
                    replaced.contains("\"tier\":\"frontend\"")
                            && replaced.contains("\"app\":\"web\"")
                            && replaced.contains("\"resourceVersion\":\"1\""),
                    replaced);
            assertEquals(1, server.calls("DELETE", PODS + "/web").size());
        }
    }
}
