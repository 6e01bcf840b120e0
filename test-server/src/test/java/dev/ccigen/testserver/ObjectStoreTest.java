package dev.ccigen.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObjectStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final ResourceType DEPLOYMENTS = new ResourceType(
            "apps",
            "v1",
            "deployments",
            "Deployment",
            true,
            Set.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"),
            Set.of("status", "scale"),
            true,
            true,
            List.of("deploy"));
    static final ResourceType NAMESPACES = new ResourceType(
            "",
            "v1",
            "namespaces",
            "Namespace",
            false,
            Set.of("get", "list", "create", "delete"),
            Set.of(),
            true,
            true,
            List.of());

    private final ObjectStore store =
            new ObjectStore(Clock.fixed(Instant.parse("2024-05-01T08:00:00.123Z"), ZoneOffset.UTC));

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static String rv(JsonNode o) {
        return o.path("metadata").path("resourceVersion").asText();
    }

    @Test
    void createFillsInTheServersFields() throws Exception {
        ObjectNode d = store.create(
                DEPLOYMENTS,
                "ns",
                json("{'metadata':{'name':'a','uid':'mine'},'spec':{'replicas':1}," + "'status':{'replicas':5}}"));
        assertEquals("apps/v1", d.path("apiVersion").asText());
        assertEquals("Deployment", d.path("kind").asText());
        assertEquals("ns", d.path("metadata").path("namespace").asText());
        assertEquals(36, d.path("metadata").path("uid").asText().length(), "the server's uid, not the client's");
        assertEquals(
                "2024-05-01T08:00:00Z",
                d.path("metadata").path("creationTimestamp").asText());
        assertEquals(1, d.path("metadata").path("generation").asInt());
        assertEquals("1", rv(d));
        assertTrue(d.path("status").isMissingNode(), "status is the controllers'");

        StatusError twin = assertThrows(
                StatusError.class, () -> store.create(DEPLOYMENTS, "ns", json("{'metadata':{'name':'a'}}")));
        assertEquals(409, twin.code());
        assertEquals("AlreadyExists", twin.reason());
        assertEquals("deployments.apps \"a\" already exists", twin.getMessage());
        store.create(DEPLOYMENTS, "other", json("{'metadata':{'name':'a'}}")); // another namespace, another object

        assertEquals(
                400,
                assertThrows(
                                StatusError.class,
                                () -> store.create(
                                        DEPLOYMENTS, "ns", json("{'metadata':{'name':'b','namespace':'elsewhere'}}")))
                        .code());
        assertEquals(
                400,
                assertThrows(
                                StatusError.class,
                                () -> store.create(DEPLOYMENTS, "ns", json("{'kind':'Pod','metadata':{'name':'b'}}")))
                        .code());
        assertEquals(
                422,
                assertThrows(StatusError.class, () -> store.create(DEPLOYMENTS, "ns", json("{'metadata':{}}")))
                        .code());
        ObjectNode ns = store.create(NAMESPACES, null, json("{'metadata':{'name':'team','namespace':'x'}}"));
        assertTrue(ns.path("metadata").path("namespace").isMissingNode(), "cluster-scoped");
    }

    @Test
    void replaceChecksTheResourceVersionAndKeepsWhatTheServerOwns() throws Exception {
        ObjectNode created = store.create(DEPLOYMENTS, "ns", json("{'metadata':{'name':'a'},'spec':{'replicas':1}}"));
        store.replace(DEPLOYMENTS, "ns", "a", json("{'metadata':{'name':'a'},'status':{'replicas':1}}"), true);

        ObjectNode stale = created.deepCopy();
        StatusError conflict =
                assertThrows(StatusError.class, () -> store.replace(DEPLOYMENTS, "ns", "a", stale, false));
        assertEquals("Conflict", conflict.reason());

        ObjectNode next = store.get(DEPLOYMENTS, "ns", "a").deepCopy();
        ObjectStore.child(next, "spec").put("replicas", 3);
        next.remove("status");
        ObjectStore.child(next, "metadata").put("uid", "changed");
        ObjectNode replaced = store.replace(DEPLOYMENTS, "ns", "a", next, false);
        assertEquals(
                created.path("metadata").path("uid"), replaced.path("metadata").path("uid"));
        assertEquals(1, replaced.path("status").path("replicas").asInt(), "a main write keeps the status");
        assertEquals(2, replaced.path("metadata").path("generation").asInt());

        ObjectNode same = replaced.deepCopy();
        assertSame(
                store.get(DEPLOYMENTS, "ns", "a"),
                store.replace(DEPLOYMENTS, "ns", "a", same, false),
                "a write that changes nothing changes no resourceVersion");
        assertEquals(
                400,
                assertThrows(
                                StatusError.class,
                                () -> store.replace(DEPLOYMENTS, "ns", "a", json("{'metadata':{'name':'b'}}"), false))
                        .code());
        assertEquals(
                404,
                assertThrows(
                                StatusError.class,
                                () -> store.replace(DEPLOYMENTS, "ns", "zz", json("{'metadata':{'name':'zz'}}"), false))
                        .code());
    }

    @Test
    void patchesGoThroughTheSameChecks() throws Exception {
        store.create(DEPLOYMENTS, "ns", json("{'metadata':{'name':'a'},'spec':{'replicas':1}}"));
        ObjectNode p =
                store.patch(DEPLOYMENTS, "ns", "a", Patches.MERGE_PATCH, json("{'spec':{'paused':true}}"), false);
        assertEquals(2, p.path("metadata").path("generation").asInt());
        assertEquals(
                409,
                assertThrows(
                                StatusError.class,
                                () -> store.patch(
                                        DEPLOYMENTS,
                                        "ns",
                                        "a",
                                        Patches.MERGE_PATCH,
                                        json("{'metadata':{'resourceVersion':'1'}}"),
                                        false))
                        .code());
        assertEquals(
                415,
                assertThrows(
                                StatusError.class,
                                () -> store.patch(DEPLOYMENTS, "ns", "a", "text/plain", json("{}"), false))
                        .code());
        assertEquals(
                422,
                assertThrows(
                                StatusError.class,
                                () -> store.patch(
                                        DEPLOYMENTS,
                                        "ns",
                                        "a",
                                        Patches.JSON_PATCH,
                                        json("[{'op':'remove','path':'/nope'}]"),
                                        false))
                        .code());
    }

    @Test
    void listPagesInNamespaceThenNameOrder() throws Exception {
        for (String ns : List.of("b", "a")) {
            for (String name : List.of("y", "x", "z")) {
                store.create(
                        DEPLOYMENTS, ns, json("{'metadata':{'name':'" + name + "','labels':{'ns':'" + ns + "'}}}"));
            }
        }
        ObjectStore.Page first = store.list(DEPLOYMENTS, null, Selector.all(), 4, null);
        assertEquals(List.of("a/x", "a/y", "a/z", "b/x"), keys(first.items()));
        assertEquals(2, first.remaining());
        assertEquals(6, first.resourceVersion());
        ObjectStore.Page rest = store.list(DEPLOYMENTS, null, Selector.all(), 4, first.continueToken());
        assertEquals(List.of("b/y", "b/z"), keys(rest.items()));
        assertNull(rest.continueToken());
        assertEquals(
                List.of("b/x", "b/y", "b/z"),
                keys(store.list(DEPLOYMENTS, "b", Selector.all(), 0, null).items()));
        assertEquals(
                List.of("a/x", "a/y", "a/z"),
                keys(store.list(DEPLOYMENTS, null, Selector.parse("ns=a", null), 0, null)
                        .items()));
        assertEquals(
                400,
                assertThrows(StatusError.class, () -> store.list(DEPLOYMENTS, null, Selector.all(), 1, "%%%"))
                        .code());
    }

    private static List<String> keys(List<ObjectNode> items) {
        return items.stream()
                .map(o -> o.path("metadata").path("namespace").asText() + "/"
                        + o.path("metadata").path("name").asText())
                .toList();
    }

    @Test
    void deletesAreEventsWithTheirOwnResourceVersion() throws Exception {
        store.create(DEPLOYMENTS, "ns", json("{'metadata':{'name':'a','labels':{'x':'1'}}}"));
        store.create(DEPLOYMENTS, "ns", json("{'metadata':{'name':'b','labels':{'x':'1'}}}"));
        store.create(DEPLOYMENTS, "ns", json("{'metadata':{'name':'c'}}"));
        ObjectStore.Watcher watcher = store.watch(DEPLOYMENTS, "ns", Selector.all(), "3");
        assertEquals("4", rv(store.delete(DEPLOYMENTS, "ns", "c")));
        assertEquals(
                2,
                store.deleteCollection(DEPLOYMENTS, "ns", Selector.parse("x=1", null))
                        .size());
        assertEquals(List.of("DELETED c 4", "DELETED a 5", "DELETED b 6"), drain(watcher, 3));
        assertEquals(
                404,
                assertThrows(StatusError.class, () -> store.delete(DEPLOYMENTS, "ns", "c"))
                        .code());
    }

    @Test
    void watchesReplayFromAResourceVersionAndEndOnRequest() throws Exception {
        store.create(DEPLOYMENTS, "ns", json("{'metadata':{'name':'a'}}"));
        store.create(DEPLOYMENTS, "other", json("{'metadata':{'name':'b'}}"));
        ObjectStore.Watcher all = store.watch(DEPLOYMENTS, "ns", Selector.all(), null);
        ObjectStore.Watcher since = store.watch(DEPLOYMENTS, null, Selector.all(), "1");
        store.patch(DEPLOYMENTS, "ns", "a", Patches.MERGE_PATCH, json("{'metadata':{'labels':{'l':'v'}}}"), false);
        assertEquals(List.of("ADDED a 2", "MODIFIED a 3"), drain(all, 2), "the objects there, then the changes");
        assertEquals(List.of("ADDED b 2", "MODIFIED a 3"), drain(since, 2));
        store.endWatches();
        assertNull(all.next(1000));
        assertTrue(all.ended());
        assertNull(all.next(10), "stays ended");
        assertEquals(
                400,
                assertThrows(StatusError.class, () -> store.watch(DEPLOYMENTS, null, Selector.all(), "x"))
                        .code());
    }

    @Test
    void aResourceVersionOlderThanTheHistoryIsGone() throws Exception {
        for (int i = 0; i < ObjectStore.HISTORY + 2; i++) {
            store.create(NAMESPACES, null, json("{'metadata':{'name':'n" + i + "'}}"));
        }
        StatusError gone = assertThrows(StatusError.class, () -> store.watch(NAMESPACES, null, Selector.all(), "1"));
        assertEquals(410, gone.code());
        assertEquals("Expired", gone.reason());
        assertFalse(store.watch(NAMESPACES, null, Selector.all(), "2").ended(), "all events after 2 are kept");
    }

    @Test
    void generateNameMakesAFreshName() throws Exception {
        ObjectNode o = store.create(NAMESPACES, null, json("{'metadata':{'generateName':'job-'}}"));
        assertTrue(o.path("metadata").path("name").asText().matches("job-[a-z0-9]{5}"), o.toString());
    }

    private static List<String> drain(ObjectStore.Watcher w, int n) throws InterruptedException {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            ObjectStore.Event e = w.next(1000);
            out.add(
                    e == null
                            ? "none"
                            : e.type() + " "
                                    + e.object().path("metadata").path("name").asText() + " " + e.resourceVersion());
        }
        return out;
    }
}
