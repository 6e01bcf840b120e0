package dev.ccigen.runtime;

import static dev.ccigen.runtime.TestSupport.json;
import static dev.ccigen.runtime.TestSupport.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** find, apply, edit, typed patches and what delete answers: the verbs users reach for after get and replace. */
class ResourceVerbsTest {

    private static final String CONFLICT = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"message\":\"the object has been modified\",\"reason\":\"Conflict\",\"code\":409}";

    private MockWebServer server;
    private ResourceCalls<TestPod, TestPod.List_> pods;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        Transport transport =
                new ClientBuilder<>(t -> t).endpoint(uri(server)).token("t").build();
        pods = TestSupport.pods(transport);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String pod(String name, String resourceVersion, String labels) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"ns\","
                + "\"resourceVersion\":\"" + resourceVersion + "\",\"labels\":" + labels + "}}";
    }

    private JsonNode body(RecordedRequest request) throws Exception {
        return Json.mapper().readTree(request.getBody().utf8());
    }

    @Test
    void findIsEmptyForA404OfTheApiServerAndThrowsEverythingElse() {
        server.enqueue(json(200, pod("web", "1", "{}")));
        server.enqueue(json(
                404,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"pods \\\"nope\\\" not"
                        + " found\",\"reason\":\"NotFound\",\"code\":404}"));
        server.enqueue(json(404, "{\"error_code\":\"APIGW.0101\",\"error_msg\":\"The API does not exist\"}"));
        server.enqueue(json(403, "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403}"));

        assertEquals("web", pods.find("web").orElseThrow().objectName());
        assertEquals(Optional.empty(), pods.find("nope"));
        NotFoundException gateway = assertThrows(NotFoundException.class, () -> pods.find("web"));
        assertEquals("APIGW.0101", gateway.errorCode());
        assertThrows(ForbiddenException.class, () -> pods.find("web"));
    }

    @Test
    void applySendsTheObjectAsAnApplyPatchWithItsFieldManager() throws Exception {
        server.enqueue(json(200, pod("web", "7", "{\"app\":\"web\"}")));
        server.enqueue(json(200, pod("web", "8", "{\"app\":\"web\"}")));
        TestPod web = TestPod.named("ns", "web");
        web.metadata.labels = Map.of("app", "web");

        TestPod applied =
                pods.apply(web, PatchOptions.builder().fieldManager("deployer").build());
        assertEquals("7", applied.objectResourceVersion());
        RecordedRequest r = server.takeRequest();
        assertEquals("PATCH /api/v1/namespaces/ns/pods/web?fieldManager=deployer", r.getMethod() + " " + r.getTarget());
        assertEquals("application/apply-patch+yaml", r.getHeaders().get("Content-Type"));
        assertEquals(
                Json.mapper()
                        .readTree("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\","
                                + "\"namespace\":\"ns\",\"labels\":{\"app\":\"web\"}}}"),
                body(r));

        TestPod listItem = TestPod.named("ns", "web"); // as list items come: no apiVersion, no kind
        listItem.apiVersion = null;
        listItem.kind = null;
        listItem.metadata.managedFields = List.of(Map.of("manager", "kubectl")); // as read: not for an apply
        pods.apply(
                listItem,
                PatchOptions.builder().fieldManager("deployer").force(true).build());
        r = server.takeRequest();
        assertEquals("/api/v1/namespaces/ns/pods/web?fieldManager=deployer&force=true", r.getTarget());
        assertEquals("v1", body(r).path("apiVersion").asText());
        assertEquals("Pod", body(r).path("kind").asText());
        assertTrue(body(r).path("metadata").has("name")
                && !body(r).path("metadata").has("managedFields"));

        assertThrows(IllegalArgumentException.class, () -> pods.apply(web, PatchOptions.none()));
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void editReplacesWithTheResourceVersionReadAndRetriesOnAConflict() throws Exception {
        server.enqueue(json(200, pod("web", "1", "{\"app\":\"web\"}")));
        server.enqueue(json(409, CONFLICT));
        server.enqueue(json(200, pod("web", "2", "{\"app\":\"web\",\"owner\":\"them\"}")));
        server.enqueue(json(200, pod("web", "3", "{\"app\":\"web\",\"owner\":\"them\",\"tier\":\"frontend\"}")));
        AtomicInteger calls = new AtomicInteger();

        TestPod edited = pods.edit("web", pod -> {
            calls.incrementAndGet();
            pod.metadata.labels.put("tier", "frontend");
            pod.metadata.resourceVersion = null; // what the edit does with it does not matter: the read one is sent
            return pod;
        });

        assertEquals("3", edited.objectResourceVersion());
        assertEquals(2, calls.get());
        assertEquals("GET /api/v1/namespaces/ns/pods/web", line(server.takeRequest()));
        RecordedRequest put = server.takeRequest();
        assertEquals("PUT /api/v1/namespaces/ns/pods/web", line(put));
        assertEquals("1", body(put).at("/metadata/resourceVersion").asText());
        assertEquals("GET /api/v1/namespaces/ns/pods/web", line(server.takeRequest()));
        put = server.takeRequest();
        assertEquals("2", body(put).at("/metadata/resourceVersion").asText());
        assertEquals(
                Json.mapper().readTree("{\"app\":\"web\",\"owner\":\"them\",\"tier\":\"frontend\"}"),
                body(put).at("/metadata/labels"));
    }

    @Test
    void anEditThatChangesNothingSendsNothingAndConflictsEndAfterFiveAttempts() {
        server.enqueue(json(200, pod("web", "1", "{\"app\":\"web\"}")));
        TestPod same = pods.edit("web", pod -> pod);
        assertEquals("1", same.objectResourceVersion());
        assertEquals(1, server.getRequestCount());

        for (int i = 0; i < ResourceCalls.EDIT_ATTEMPTS; i++) {
            server.enqueue(json(200, pod("web", String.valueOf(i + 2), "{}")));
            server.enqueue(json(409, CONFLICT));
        }
        ConflictException e =
                assertThrows(ConflictException.class, () -> pods.edit("web", pod -> TestPod.named("ns", "web")));
        assertEquals("Conflict", e.status().orElseThrow().getReason());
        assertEquals(1 + 2 * ResourceCalls.EDIT_ATTEMPTS, server.getRequestCount());
        server.enqueue(json(200, pod("web", "1", "{}")));
        assertThrows(NullPointerException.class, () -> pods.edit("web", pod -> null));
    }

    @Test
    void typedPatchesSendTheirKindAndBody() throws Exception {
        for (int i = 0; i < 4; i++) {
            server.enqueue(json(200, pod("web", "1", "{}")));
        }
        TestPod partial = new TestPod();
        partial.apiVersion = null;
        partial.kind = null;
        partial.metadata.labels = Map.of("tier", "frontend");
        pods.patch("web", Patch.merge(partial), PatchOptions.none());
        pods.patch(
                "web",
                Patch.json()
                        .test("/metadata/resourceVersion", "1")
                        .add("/metadata/labels/" + JsonPatch.escape("app.kubernetes.io/name"), "web")
                        .replace("/spec/replicas", 3)
                        .remove("/metadata/annotations/a"),
                PatchOptions.builder().dryRun(true).build());
        pods.patchSubresource(
                "web",
                "status",
                Patch.strategicMerge(Map.of("status", Map.of("phase", "Running"))),
                PatchOptions.builder().fieldManager("kubelet").build(),
                TestPod.class);
        pods.patch(
                "web", Patch.of(PatchType.MERGE, "{\"metadata\":{\"labels\":{\"tier\":null}}}"), PatchOptions.none());

        RecordedRequest r = server.takeRequest();
        assertEquals("application/merge-patch+json", r.getHeaders().get("Content-Type"));
        assertEquals("{\"metadata\":{\"labels\":{\"tier\":\"frontend\"}}}", body(r).toString());
        r = server.takeRequest();
        assertEquals("/api/v1/namespaces/ns/pods/web?dryRun=All", r.getTarget());
        assertEquals("application/json-patch+json", r.getHeaders().get("Content-Type"));
        assertEquals(
                "[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\"1\"},"
                        + "{\"op\":\"add\",\"path\":\"/metadata/labels/app.kubernetes.io~1name\",\"value\":\"web\"},"
                        + "{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3},"
                        + "{\"op\":\"remove\",\"path\":\"/metadata/annotations/a\"}]",
                body(r).toString());
        r = server.takeRequest();
        assertEquals("PATCH /api/v1/namespaces/ns/pods/web/status?fieldManager=kubelet", line(r));
        assertEquals("application/strategic-merge-patch+json", r.getHeaders().get("Content-Type"));
        r = server.takeRequest();
        assertEquals("{\"metadata\":{\"labels\":{\"tier\":null}}}", body(r).toString());
    }

    @Test
    void aJsonPatchIsAValueThatGrowsIntoNewPatches() {
        JsonPatch base = Patch.json().add("/a", "x");
        JsonPatch one = base.remove("/b");
        JsonPatch other = base.move("/c", "/d").copy("/e", "/f");
        assertEquals(1, base.size());
        assertEquals(2, one.size());
        assertEquals(
                "[{\"op\":\"add\",\"path\":\"/a\",\"value\":\"x\"},{\"op\":\"move\",\"from\":\"/c\",\"path\":\"/d\"},"
                        + "{\"op\":\"copy\",\"from\":\"/e\",\"path\":\"/f\"}]",
                other.body().toString());
        assertEquals(Patch.json().add("/a", "x"), base);
        assertNotEquals(base, one);
        assertEquals("a~0b~1c", JsonPatch.escape("a~b/c"));
        assertEquals(
                "null", Patch.json().test("/x", null).body().get(0).get("value").toString());
        assertThrows(IllegalArgumentException.class, () -> base.add("metadata/labels", "x"));
        assertThrows(IllegalArgumentException.class, () -> Patch.merge("{not json"));
    }

    @Test
    void deleteDecodesAStatusOrTheObjectWhateverTheServerSends() throws Exception {
        server.enqueue(json(
                200,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\","
                        + "\"details\":{\"name\":\"web\",\"kind\":\"pods\",\"uid\":\"u-1\"}}"));
        server.enqueue(json(200, pod("web", "9", "{}")));
        server.enqueue(json(202, pod("web", "10", "{}")));
        server.enqueue(new mockwebserver3.MockResponse.Builder().code(200).build());

        DeleteResult<TestPod> status = pods.delete("web", DeleteOptions.none());
        assertEquals(200, status.statusCode());
        assertTrue(status.object().isEmpty());
        assertEquals("Success", status.status().orElseThrow().getStatus());
        assertEquals("u-1", status.status().orElseThrow().getDetails().getUid());
        assertEquals("Status", status.raw().path("kind").asText());

        DeleteResult<TestPod> object = pods.delete("web", DeleteOptions.none());
        assertEquals("9", object.object().orElseThrow().objectResourceVersion());
        assertTrue(object.status().isEmpty());

        DeleteResult<TestPod> accepted = pods.delete(
                "web", DeleteOptions.builder().gracePeriodSeconds(30).build());
        assertEquals(202, accepted.statusCode());
        assertEquals("10", accepted.object().orElseThrow().objectResourceVersion());

        DeleteResult<TestPod> nothing = pods.delete("web", DeleteOptions.none());
        assertTrue(nothing.object().isEmpty() && nothing.status().isEmpty());
        assertNull(nothing.raw());
    }

    @Test
    void deleteCollectionDecodesAStatusOrTheListOfWhatWasDeleted() {
        server.enqueue(json(200, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\"}"));
        server.enqueue(json(200, "{\"kind\":\"PodList\",\"metadata\":{},\"items\":[" + pod("a", "1", "{}") + "]}"));
        ListOptions selection = ListOptions.builder().labelSelector("app=web").build();

        assertEquals(
                "Success",
                pods.deleteCollection(selection, DeleteOptions.none())
                        .status()
                        .orElseThrow()
                        .getStatus());
        List<TestPod> deleted = pods.deleteCollection(selection, DeleteOptions.none())
                .object()
                .orElseThrow()
                .getItems();
        assertEquals("a", deleted.get(0).objectName());
    }

    @Test
    void aDeleteAnswerThatIsNeitherIsADecodingError() {
        server.enqueue(json(200, "{\"kind\":\"Pod\",\"metadata\":\"not an object\"}"));
        ResponseDecodingException e =
                assertThrows(ResponseDecodingException.class, () -> pods.delete("web", DeleteOptions.none()));
        assertTrue(e.getMessage().contains("TestPod"), e.getMessage());
    }

    private static String line(RecordedRequest r) {
        return r.getMethod() + " " + r.getTarget();
    }
}
