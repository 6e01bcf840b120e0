package dev.ccigen.testserver;

import static dev.ccigen.testserver.TestHttp.q;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a client sees of the server, compared with what a Kubernetes API server answers. */
class KubernetesFidelityTest {
    private static final String PODS = "/api/v1/namespaces/ns/pods";
    private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/ns/deployments";

    final TestHttp t = http();

    /** Over HTTP here; KubernetesFidelityInProcessTest runs the same tests in process. */
    TestHttp http() {
        return new TestHttp();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void statusBodiesCarryApimachinerysDetails() {
        JsonNode missing = t.json(404, "GET", PODS + "/web", null);
        assertEquals(q("{'name':'web','kind':'pods'}"), missing.path("details").toString());
        assertEquals("pods \"web\" not found", missing.path("message").asText());

        t.json(201, "POST", DEPLOYMENTS, q("{'metadata':{'name':'d'}}"));
        JsonNode twin = t.json(409, "POST", DEPLOYMENTS, q("{'metadata':{'name':'d'}}"));
        assertEquals("AlreadyExists", twin.path("reason").asText());
        assertEquals(
                q("{'name':'d','group':'apps','kind':'deployments'}"),
                twin.path("details").toString());
        assertEquals(
                "deployments.apps \"d\" already exists", twin.path("message").asText());

        JsonNode stale = t.json(409, "PUT", DEPLOYMENTS + "/d", q("{'metadata':{'name':'d','resourceVersion':'99'}}"));
        assertEquals("Conflict", stale.path("reason").asText());
        assertEquals(
                q("{'name':'d','group':'apps','kind':'deployments'}"),
                stale.path("details").toString());
        assertTrue(
                stale.path("message").asText().startsWith("Operation cannot be fulfilled on deployments.apps \"d\""));

        JsonNode invalid = t.json(422, "POST", DEPLOYMENTS, q("{'metadata':{}}"));
        assertEquals(
                "Deployment.apps \"\" is invalid: metadata.name: Required value: name or generateName is required",
                invalid.path("message").asText());
        assertEquals("Deployment", invalid.path("details").path("kind").asText(), "Invalid names the kind");
        assertEquals("apps", invalid.path("details").path("group").asText());
        assertEquals(
                "metadata.name",
                invalid.path("details").path("causes").get(0).path("field").asText());
    }

    @Test
    void whatIsNotGrantedIs405AndAnUnknownPath404() {
        JsonNode verb = t.json(405, "DELETE", "/api/v1/namespaces", null);
        assertEquals("MethodNotAllowed", verb.path("reason").asText());
        assertTrue(verb.path("message").asText().startsWith("deletecollection is not supported on resources of kind"));
        t.json(201, "POST", "/api/v1/namespaces", q("{'metadata':{'name':'x'}}"));
        JsonNode sub = t.json(405, "GET", "/api/v1/namespaces/x/status", null);
        assertTrue(sub.path("message").asText().contains("the listings grant no namespaces/status"), sub.toString());
        assertEquals(
                "NotFound",
                t.json(404, "GET", "/api/v1/namespaces/ns/widgets", null)
                        .path("reason")
                        .asText());
        assertEquals(404, t.send("GET", "/nothing/here", null).statusCode());
        assertEquals(404, t.send("GET", "/apis/batch", null).statusCode());
    }

    @Test
    void protobufIsAnsweredInJsonTerms() {
        TestHttp.Reply pb = t.send(
                "POST",
                "/api/v1/namespaces/ns/configmaps",
                "k8s-protobuf-bytes",
                "Content-Type",
                "application/vnd.kubernetes.protobuf");
        assertEquals(415, pb.statusCode());
        assertTrue(pb.body().contains("UnsupportedMediaType") && pb.body().contains("JSON"), pb.body());
        assertEquals(
                406,
                t.send("GET", PODS, null, "Accept", "application/vnd.kubernetes.protobuf")
                        .statusCode());
        assertEquals(
                200,
                t.send("GET", PODS, null, "Accept", "application/vnd.kubernetes.protobuf, application/json")
                        .statusCode());
    }

    @Test
    void versionAndOpenApiAreTheDocumentsOnes() throws Exception {
        JsonNode version = t.json(200, "GET", "/version", null);
        assertEquals("v1.20.0", version.path("gitVersion").asText(), "kubectl parses it");
        assertEquals("1", version.path("major").asText());
        assertEquals("20", version.path("minor").asText());

        TestHttp.Reply doc = t.exchange(t.request("/openapi/v2").build());
        assertArrayEquals(Files.readAllBytes(TestHttp.CCI.resolve("openapi-v2.json")), doc.bytes(), "as bytes");

        TestHttp.Reply pb = t.exchange(t.request("/openapi/v2")
                .header("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf")
                .build());
        assertEquals(200, pb.statusCode());
        assertEquals(0x0a, pb.bytes()[0], "field 1 (swagger), length-delimited");
        assertEquals("2.0", new String(pb.bytes(), 2, 3, StandardCharsets.UTF_8));
        assertTrue(new String(pb.bytes(), StandardCharsets.ISO_8859_1).contains("io.k8s.api.core.v1.Pod"));
    }

    @Test
    void listingsAreTheFilesKeptToWhatIsServed() throws Exception {
        JsonNode core = t.json(200, "GET", "/api/v1", null);
        List<String> names = new ArrayList<>();
        core.path("resources").forEach(r -> names.add(r.path("name").asText()));
        assertEquals(
                List.of("configmaps", "namespaces", "pods", "pods/exec", "pods/log", "pods/status", "secrets"),
                names,
                "CCI's file, without the resources this server does not serve");
        JsonNode apis = t.json(200, "GET", "/apis", null);
        assertEquals(1, apis.path("groups").size());
        assertEquals("apps", apis.path("groups").get(0).path("name").asText());
    }

    @Test
    void aSecretsStringDataIsMergedIntoData() {
        String secrets = "/api/v1/namespaces/ns/secrets";
        JsonNode created = t.json(
                201, "POST", secrets, q("{'metadata':{'name':'s'},'data':{'a':'eA=='},'stringData':{'b':'hello'}}"));
        assertFalse(created.has("stringData"));
        assertEquals("eA==", created.path("data").path("a").asText());
        assertEquals(b64("hello"), created.path("data").path("b").asText());
        JsonNode patched = t.json(
                200, "PATCH", secrets + "/s", q("{'stringData':{'a':'new'}}"), "Content-Type", Patches.MERGE_PATCH);
        assertEquals(b64("new"), patched.path("data").path("a").asText());
        assertFalse(patched.has("stringData"));
        JsonNode replaced = t.json(200, "PUT", secrets + "/s", q("{'metadata':{'name':'s'},'stringData':{'c':'z'}}"));
        assertEquals(q("{'c':'" + b64("z") + "'}"), replaced.path("data").toString());
        assertFalse(t.json(200, "GET", secrets + "/s", null).has("stringData"));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void finalizersHoldADeleteUntilTheLastGoes() throws Exception {
        t.json(201, "POST", PODS, q("{'metadata':{'name':'f','finalizers':['a/b','c/d']}}"));
        CompletableFuture<TestHttp.Reply> watch = watch(PODS + "?watch=true&resourceVersion=0");
        JsonNode marked = t.json(202, "DELETE", PODS + "/f", q("{'gracePeriodSeconds':30}"));
        assertTrue(marked.path("metadata").has("deletionTimestamp"));
        assertEquals(
                30, marked.path("metadata").path("deletionGracePeriodSeconds").asInt());
        t.json(202, "DELETE", PODS + "/f", null); // again: nothing changes
        t.json(
                422,
                "PATCH",
                PODS + "/f",
                q("{'metadata':{'finalizers':['a/b','c/d','e/f']}}"),
                "Content-Type",
                Patches.MERGE_PATCH);
        t.json(
                200,
                "PATCH",
                PODS + "/f",
                q("{'metadata':{'finalizers':['c/d']}}"),
                "Content-Type",
                Patches.MERGE_PATCH);
        t.json(200, "GET", PODS + "/f", null);
        t.json(200, "PATCH", PODS + "/f", q("{'metadata':{'finalizers':null}}"), "Content-Type", Patches.MERGE_PATCH);
        t.json(404, "GET", PODS + "/f", null);
        t.server.endWatches();
        List<String> events = new ArrayList<>();
        for (String line : watch.get().body().split("\n")) {
            events.add(TestHttp.JSON.readTree(line).path("type").asText());
        }
        assertEquals(List.of("ADDED", "MODIFIED", "MODIFIED", "DELETED"), events);
    }

    @Test
    void dryRunValidatesAndStoresNothing() {
        JsonNode created = t.json(201, "POST", PODS + "?dryRun=All", q("{'metadata':{'name':'d'}}"));
        assertEquals("d", created.path("metadata").path("name").asText());
        t.json(404, "GET", PODS + "/d", null);
        t.json(201, "POST", DEPLOYMENTS, q("{'metadata':{'name':'x'}}"));
        t.json(409, "POST", DEPLOYMENTS + "?dryRun=All", q("{'metadata':{'name':'x'}}"));
        t.json(201, "POST", PODS, q("{'metadata':{'name':'d','labels':{'a':'1'}}}"));
        t.json(200, "PUT", PODS + "/d?dryRun=All", q("{'metadata':{'name':'d','labels':{'a':'2'}}}"));
        t.json(200, "DELETE", PODS + "/d?dryRun=All", null);
        assertEquals(
                "1",
                t.json(200, "GET", PODS + "/d", null)
                        .path("metadata")
                        .path("labels")
                        .path("a")
                        .asText());
        t.json(400, "POST", PODS + "?dryRun=Some", q("{'metadata':{'name':'e'}}"));
    }

    @Test
    void watchesSendBookmarksWhenAllowed() throws Exception {
        t.json(201, "POST", PODS, q("{'metadata':{'name':'a'}}"));
        CompletableFuture<TestHttp.Reply> watch = watch(
                PODS + "?watch=true&allowWatchBookmarks=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan");
        CompletableFuture<TestHttp.Reply> plain = watch(PODS + "?watch=true");
        t.server.sendBookmarks();
        Thread.sleep(100);
        t.server.endWatches();
        String[] lines = watch.get().body().split("\n");
        assertEquals(3, lines.length, String.join("\n", lines));
        JsonNode end = TestHttp.JSON.readTree(lines[1]);
        assertEquals("BOOKMARK", end.path("type").asText());
        assertEquals(
                "true",
                end.path("object")
                        .path("metadata")
                        .path("annotations")
                        .path("k8s.io/initial-events-end")
                        .asText());
        assertEquals("Pod", end.path("object").path("kind").asText());
        assertEquals("BOOKMARK", TestHttp.JSON.readTree(lines[2]).path("type").asText());
        assertEquals(1, plain.get().body().split("\n").length, "no bookmarks unless allowed");
    }

    private CompletableFuture<TestHttp.Reply> watch(String path) throws InterruptedException {
        int before = t.server.requests().size();
        CompletableFuture<TestHttp.Reply> w = t.exchangeAsync(t.request(path).build());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (t.server.requests().size() == before && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
        return w;
    }

    @Test
    void serverSideApplyCreatesMergesAndNamesConflicts() {
        String apply = "application/apply-patch+yaml";
        String manifest = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    app: web\n"
                + "spec:\n  replicas: 2\n  paused: false\n";
        JsonNode created =
                t.json(201, "PATCH", DEPLOYMENTS + "/web?fieldManager=alice", manifest, "Content-Type", apply);
        assertEquals(2, created.path("spec").path("replicas").asInt());
        assertEquals(
                "alice",
                created.path("metadata")
                        .path("managedFields")
                        .get(0)
                        .path("manager")
                        .asText());
        assertEquals(
                "Apply",
                created.path("metadata")
                        .path("managedFields")
                        .get(0)
                        .path("operation")
                        .asText());

        // bob scales with a plain patch: he now owns spec.replicas
        t.json(
                200,
                "PATCH",
                DEPLOYMENTS + "/web?fieldManager=bob",
                q("{'spec':{'replicas':5}}"),
                "Content-Type",
                Patches.MERGE_PATCH);
        JsonNode conflict =
                t.json(409, "PATCH", DEPLOYMENTS + "/web?fieldManager=alice", manifest, "Content-Type", apply);
        assertEquals("Conflict", conflict.path("reason").asText());
        assertEquals(
                "Apply failed with 1 conflict: conflict with \"bob\" using apps/v1: .spec.replicas",
                conflict.path("message").asText());
        assertEquals(
                ".spec.replicas",
                conflict.path("details").path("causes").get(0).path("field").asText());

        // alice applies again without paused (and without replicas): paused goes, bob keeps replicas
        String second = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    app: web\n";
        JsonNode merged = t.json(200, "PATCH", DEPLOYMENTS + "/web?fieldManager=alice", second, "Content-Type", apply);
        assertFalse(merged.path("spec").has("paused"), merged.toString());
        assertEquals(5, merged.path("spec").path("replicas").asInt());

        JsonNode forced = t.json(
                200, "PATCH", DEPLOYMENTS + "/web?fieldManager=alice&force=true", manifest, "Content-Type", apply);
        assertEquals(2, forced.path("spec").path("replicas").asInt());
        t.json(422, "PATCH", DEPLOYMENTS + "/web", manifest, "Content-Type", apply);
    }

    @Test
    void strategicMergePatchMergesContainersByName() {
        t.json(
                201,
                "POST",
                PODS,
                q("{'metadata':{'name':'p'},'spec':{'containers':[{'name':'a','image':'x:1'},"
                        + "{'name':'b','image':'y:1'}]}}"));
        JsonNode patched = t.json(
                200,
                "PATCH",
                PODS + "/p",
                q("{'spec':{'$setElementOrder/containers':[{'name':'b'},{'name':'a'}],"
                        + "'containers':[{'name':'a','image':'x:2'}]}}"),
                "Content-Type",
                Patches.STRATEGIC_MERGE_PATCH);
        JsonNode containers = patched.path("spec").path("containers");
        assertEquals(q("[{'name':'b','image':'y:1'},{'name':'a','image':'x:2'}]"), containers.toString());
        assertFalse(patched.path("spec").toString().contains("$setElementOrder"));
        JsonNode deleted = t.json(
                200,
                "PATCH",
                PODS + "/p",
                q("{'spec':{'containers':[{'name':'b','$patch':'delete'}]}}"),
                "Content-Type",
                Patches.STRATEGIC_MERGE_PATCH);
        assertEquals(
                q("[{'name':'a','image':'x:2'}]"),
                deleted.path("spec").path("containers").toString());
    }

    @Test
    void deletingANamespaceDeletesWhatIsInIt() {
        t.json(201, "POST", "/api/v1/namespaces", q("{'metadata':{'name':'ns'}}"));
        t.json(201, "POST", PODS, q("{'metadata':{'name':'a'}}"));
        t.json(201, "POST", "/api/v1/namespaces/other/pods", q("{'metadata':{'name':'b'}}"));
        t.json(200, "DELETE", "/api/v1/namespaces/ns", null);
        t.json(404, "GET", PODS + "/a", null);
        t.json(200, "GET", "/api/v1/namespaces/other/pods/b", null);
    }

    @Test
    void deletePreconditionsMustHold() {
        JsonNode pod = t.json(201, "POST", PODS, q("{'metadata':{'name':'a'}}"));
        JsonNode refused = t.json(409, "DELETE", PODS + "/a", q("{'preconditions':{'uid':'nope'}}"));
        assertTrue(refused.path("message").asText().contains("Precondition failed: UID in precondition: nope"));
        t.json(
                200,
                "DELETE",
                PODS + "/a",
                q("{'preconditions':{'uid':'" + pod.path("metadata").path("uid").asText() + "'}}"));
    }

    @Test
    void bearerTokensAreTokensToo() {
        t.server.gateway().required(true);
        String kubeconfig = t.server.kubeconfig();
        String token = kubeconfig.substring(kubeconfig.indexOf("token: ") + 7).trim();
        assertTrue(kubeconfig.contains("server: " + t.uri()), kubeconfig);
        assertEquals(
                200,
                t.send("GET", PODS, null, "Authorization", "Bearer " + token).statusCode());
        assertEquals(
                401, t.send("GET", PODS, null, "Authorization", "Bearer nope").statusCode());
    }
}
