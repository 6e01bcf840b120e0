package dev.ccigen.runtime;

import static dev.ccigen.runtime.TestSupport.json;
import static dev.ccigen.runtime.TestSupport.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResourceCallsTest {

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

    static String event(String type, String name, String resourceVersion) {
        return "{\"type\":\"" + type + "\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
                + "\",\"resourceVersion\":\"" + resourceVersion + "\"}}}\n";
    }

    @Test
    void watchEventsThenGone() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .chunkedBody(
                        event("ADDED", "a", "1") + event("MODIFIED", "a", "2")
                                + event("BOOKMARK", "", "3")
                                + "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                                + "\"status\":\"Failure\",\"message\":\"too old resource version: 1 (3)\",\"reason\":\"Expired\",\"code\":410}}\n",
                        64)
                .build());
        try (Watch<TestPod> watch =
                pods.watch(ListOptions.builder().allowWatchBookmarks(true).build())) {
            WatchEvent<TestPod> added = watch.next();
            assertEquals(WatchEvent.Type.ADDED, added.type());
            assertEquals("a", added.object().objectName());
            assertEquals("ADDED", added.raw().path("type").asText());
            assertEquals("2", watch.next().object().objectResourceVersion());
            WatchEvent<TestPod> bookmark = watch.next();
            assertEquals(WatchEvent.Type.BOOKMARK, bookmark.type());
            assertEquals("3", bookmark.object().objectResourceVersion());
            GoneException gone = assertThrows(GoneException.class, watch::hasNext);
            assertEquals("too old resource version: 1 (3)", gone.errorMessage());
            assertEquals(410, gone.statusCode());
        }
        RecordedRequest request = server.takeRequest();
        assertEquals("/api/v1/namespaces/ns/pods?allowWatchBookmarks=true&watch=true", request.getTarget());
    }

    private static MockResponse cutMidEvent(String complete) {
        return new MockResponse.Builder()
                .code(200)
                .body(complete + "{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"na")
                .onResponseEnd(new SocketEffect.CloseSocket(true, false, false))
                .build();
    }

    @Test
    void watchCutMidEventEndsCleanly() {
        server.enqueue(cutMidEvent(event("ADDED", "a", "5")));
        try (Watch<TestPod> watch = pods.watch(ListOptions.none())) {
            assertEquals("a", watch.next().object().objectName());
            assertFalse(watch.hasNext());
        }
    }

    @Test
    void resumedWatchReconnectsFromLastResourceVersion() throws Exception {
        server.enqueue(cutMidEvent(event("ADDED", "a", "5")));
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .body(event("DELETED", "a", "6"))
                .build());
        try (Watch<TestPod> watch =
                pods.watch(ListOptions.builder().resumeWatch(true).build())) {
            List<WatchEvent.Type> types = new ArrayList<>();
            types.add(watch.next().type());
            types.add(watch.next().type());
            assertEquals(List.of(WatchEvent.Type.ADDED, WatchEvent.Type.DELETED), types);
        }
        server.takeRequest();
        assertTrue(server.takeRequest().getTarget().contains("resourceVersion=5&watch=true"));
    }

    @Test
    void listAllFollowsContinueTokensLazily() throws Exception {
        server.enqueue(json(
                200,
                "{\"metadata\":{\"continue\":\"c1\"},\"items\":[{\"metadata\":{\"name\":\"a\"}},"
                        + "{\"metadata\":{\"name\":\"b\"}}]}"));
        server.enqueue(json(200, "{\"metadata\":{\"continue\":\"c2\"},\"items\":[{\"metadata\":{\"name\":\"c\"}}]}"));
        server.enqueue(
                json(200, "{\"metadata\":{\"resourceVersion\":\"9\"},\"items\":[{\"metadata\":{\"name\":\"d\"}}]}"));
        Stream<TestPod> all = pods.listAll(
                ListOptions.builder().limit(2).labelSelector("app=web").build());
        assertEquals(0, server.getRequestCount());
        assertEquals(List.of("a", "b", "c", "d"), all.map(TestPod::objectName).collect(Collectors.toList()));
        assertEquals(
                "/api/v1/namespaces/ns/pods?labelSelector=app%3Dweb&limit=2",
                server.takeRequest().getTarget());
        assertEquals(
                "/api/v1/namespaces/ns/pods?labelSelector=app%3Dweb&limit=2&continue=c1",
                server.takeRequest().getTarget());
        assertEquals(
                "/api/v1/namespaces/ns/pods?labelSelector=app%3Dweb&limit=2&continue=c2",
                server.takeRequest().getTarget());
    }

    @Test
    void logAndLogStream() throws Exception {
        server.enqueue(
                new MockResponse.Builder().code(200).body("line 1\nline 2\n").build());
        assertEquals(
                "line 1\nline 2\n",
                pods.log(
                        "web-0",
                        LogOptions.builder().container("c").tailLines(2).build()));
        assertEquals(
                "/api/v1/namespaces/ns/pods/web-0/log?container=c&tailLines=2",
                server.takeRequest().getTarget());

        server.enqueue(new MockResponse.Builder()
                .code(200)
                .chunkedBody("one\ntwo\nthree\n", 4)
                .build());
        try (InputStream in = pods.logStream(
                        "web-0", LogOptions.builder().follow(true).build());
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            assertEquals("one", reader.readLine());
            assertEquals("two", reader.readLine());
        }
        server.enqueue(new MockResponse.Builder().code(200).body("x\ny\n").build());
        try (Stream<String> lines = pods.logLines("web-0", LogOptions.none())) {
            assertEquals(List.of("x", "y"), lines.collect(Collectors.toList()));
        }
        server.enqueue(json(
                404,
                "{\"kind\":\"Status\",\"message\":\"pods \\\"nope\\\" not found\",\"reason\":\"NotFound\","
                        + "\"status\":\"Failure\",\"code\":404}"));
        assertThrows(NotFoundException.class, () -> pods.logStream("nope", LogOptions.none()));
    }

    @Test
    void verbsSendTheRightRequests() throws Exception {
        for (int i = 0; i < 7; i++) {
            server.enqueue(json(200, "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-0\"}}"));
        }
        pods.get("web-0");
        pods.create(
                TestPod.named(null, "web-0"),
                WriteOptions.builder().dryRun(true).build());
        pods.replace(
                TestPod.named("ns", "web-0"),
                WriteOptions.builder().fieldManager("me").build());
        pods.patch("web-0", Patch.merge("{\"metadata\":{\"labels\":{\"a\":\"b\"}}}"), PatchOptions.none());
        pods.patch("web-0", Patch.json().remove("/metadata/labels/a"), PatchOptions.none());
        pods.delete(
                "web-0",
                DeleteOptions.builder()
                        .propagationPolicy(DeleteOptions.PropagationPolicy.Foreground)
                        .gracePeriodSeconds(0)
                        .preconditionUid("u-1")
                        .dryRun(true)
                        .build());
        pods.createSubresource("web-0", "eviction", Map.of("kind", "Eviction"), JsonNode.class);

        RecordedRequest r = server.takeRequest();
        assertEquals("GET /api/v1/namespaces/ns/pods/web-0", r.getMethod() + " " + r.getTarget());
        r = server.takeRequest();
        assertEquals("POST /api/v1/namespaces/ns/pods?dryRun=All", r.getMethod() + " " + r.getTarget());
        r = server.takeRequest();
        assertEquals("PUT /api/v1/namespaces/ns/pods/web-0?fieldManager=me", r.getMethod() + " " + r.getTarget());
        r = server.takeRequest();
        assertEquals("application/merge-patch+json", r.getHeaders().get("Content-Type"));
        assertEquals("{\"metadata\":{\"labels\":{\"a\":\"b\"}}}", r.getBody().utf8());
        r = server.takeRequest();
        assertEquals("application/json-patch+json", r.getHeaders().get("Content-Type"));
        assertEquals(
                "[{\"op\":\"remove\",\"path\":\"/metadata/labels/a\"}]",
                Json.mapper()
                        .readTree(r.getBody().utf8())
                        .toString()
                        .replace(
                                "{\"path\":\"/metadata/labels/a\",\"op\":\"remove\"}",
                                "{\"op\":\"remove\",\"path\":\"/metadata/labels/a\"}"));
        r = server.takeRequest();
        assertEquals("DELETE", r.getMethod());
        JsonNode body = Json.mapper().readTree(r.getBody().utf8());
        assertEquals("DeleteOptions", body.path("kind").asText());
        assertEquals("Foreground", body.path("propagationPolicy").asText());
        assertEquals(0, body.path("gracePeriodSeconds").asInt(-1));
        assertEquals("u-1", body.at("/preconditions/uid").asText());
        assertEquals("All", body.at("/dryRun/0").asText());
        r = server.takeRequest();
        assertEquals("POST /api/v1/namespaces/ns/pods/web-0/eviction", r.getMethod() + " " + r.getTarget());

        assertThrows(
                IllegalArgumentException.class,
                () -> pods.patch("web-0", Patch.of(PatchType.APPLY, Map.of()), PatchOptions.none()));
    }
}
