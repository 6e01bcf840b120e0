package dev.ccigen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What an informer decodes for its cache is what {@link Json#mapper()} decodes (written back, the same JSON), with
 * equal values shared, immutable compact lists, maps and trees, and managedFields skipped unless kept.
 */
class CacheDecodingTest {

    /** A kind shaped like Kubernetes' (a generated model's fields, visible to Jackson through ModelObject). */
    static final class Thing extends ModelObject implements KubernetesObject {
        @JsonProperty("metadata")
        Meta metadata;

        @JsonProperty("ports")
        List<Port> ports;

        @JsonProperty("args")
        List<String> args;

        @JsonProperty("limits")
        Map<String, Quantity> limits;

        @JsonProperty("extra")
        Map<String, String> extra;

        @JsonProperty("generation")
        Long generation;

        @JsonProperty("target")
        IntOrString target;

        @Override
        public String objectName() {
            return metadata.name;
        }

        @Override
        public String objectNamespace() {
            return metadata.namespace;
        }

        @Override
        public String objectResourceVersion() {
            return metadata.resourceVersion;
        }
    }

    static final class Meta extends ModelObject {
        @JsonProperty("name")
        String name;

        @JsonProperty("namespace")
        String namespace;

        @JsonProperty("resourceVersion")
        String resourceVersion;

        @JsonProperty("creationTimestamp")
        OffsetDateTime creationTimestamp;

        @JsonProperty("labels")
        Map<String, String> labels;

        @JsonProperty("managedFields")
        List<ManagedFields> managedFields;
    }

    static final class ManagedFields extends ModelObject {
        @JsonProperty("manager")
        String manager;

        @JsonProperty("time")
        OffsetDateTime time;

        @JsonProperty("fieldsV1")
        JsonNode fieldsV1;
    }

    static final class Port extends ModelObject {
        @JsonProperty("containerPort")
        Integer containerPort;

        @JsonProperty("protocol")
        String protocol;
    }

    private static String thing(String name) {
        StringBuilder extra = new StringBuilder("\"none\":null");
        for (int i = 0; i < 12; i++) { // more than Compact.MapOverArray.HASHED: a map with a table of positions
            extra.append(",\"key-").append(i).append("\":\"value-").append(i).append('"');
        }
        return "{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\",\"resourceVersion\":\"42\","
                + "\"creationTimestamp\":\"2026-12-06T10:00:00Z\",\"labels\":{\"app\":\"web\",\"tier\":\"backend\"},"
                + "\"managedFields\":[{\"manager\":\"kubelet\",\"time\":\"2026-12-06T10:00:00Z\",\"fieldsV1\":"
                + "{\"f:status\":{\".\":{},\"f:phase\":{},\"f:conditions\":{\"k:{\\\"type\\\":\\\"Ready\\\"}\":"
                + "{\".\":{},\"f:type\":{}}},\"f:list\":[\"a\",1,true,null]}}}]},"
                + "\"ports\":[{\"containerPort\":8080,\"protocol\":\"TCP\"},{\"containerPort\":9090,\"protocol\":\"TCP\"}],"
                + "\"args\":[\"--port=8080\",null,\"--verbose\"],\"limits\":{\"cpu\":\"500m\",\"memory\":\"256Mi\"},"
                + "\"extra\":{" + extra + "},\"generation\":1234567,\"target\":\"http\",\"unknown\":{\"a\":1}}";
    }

    private static Thing cached(ObjectReader reader, String json) throws Exception {
        return reader.forType(Thing.class).readValue(json);
    }

    @Test
    void writtenBackItIsTheJsonTheUsualMapperReads() throws Exception {
        String json = thing("web-1");
        Thing usual = Json.mapper().readValue(json, Thing.class);
        Thing kept = cached(CacheDecoding.reader(new Interner(), true), json);
        assertEquals(Json.mapper().writeValueAsString(usual), Json.mapper().writeValueAsString(kept));

        Thing cached = cached(CacheDecoding.reader(new Interner(), false), json);
        assertNull(cached.metadata.managedFields, "managedFields are skipped unless kept");
        ObjectNode withoutManagedFields = Json.mapper().valueToTree(usual);
        ((ObjectNode) withoutManagedFields.get("metadata")).remove("managedFields");
        assertEquals(withoutManagedFields, Json.mapper().valueToTree(cached));
        assertEquals("{\"a\":1}", cached.getUnknownFields().get("unknown").toString(), "unknown fields are kept");
    }

    @Test
    void equalValuesAreOneObject() throws Exception {
        ObjectReader reader = CacheDecoding.reader(new Interner(), true);
        Thing a = cached(reader, thing("web-1"));
        Thing b = cached(reader, thing("web-2"));
        assertSame(a.metadata.namespace, b.metadata.namespace);
        assertSame(a.metadata.labels.get("tier"), b.metadata.labels.get("tier"));
        assertSame(a.ports.get(0).protocol, b.ports.get(1).protocol);
        assertSame(a.args.get(0), b.args.get(0));
        assertSame(a.limits.get("cpu"), b.limits.get("cpu"), "Quantity");
        assertSame(a.target, b.target, "IntOrString");
        assertSame(a.generation, b.generation, "Long");
        assertSame(a.ports.get(0).containerPort, b.ports.get(0).containerPort, "Integer");
        assertSame(a.metadata.creationTimestamp, b.metadata.managedFields.get(0).time, "OffsetDateTime");
        assertSame(
                a.metadata.managedFields.get(0).fieldsV1.at("/f:status/f:list/0"),
                b.metadata.managedFields.get(0).fieldsV1.at("/f:status/f:list/0"),
                "a text in a tree");
        assertNotSame(a.metadata.name, b.metadata.name);

        Thing usual = Json.mapper().readValue(thing("web-1"), Thing.class);
        Thing other = Json.mapper().readValue(thing("web-2"), Thing.class);
        assertNotSame(usual.ports.get(0).protocol, other.ports.get(0).protocol, "the usual mapper shares nothing");
    }

    @Test
    void listsMapsAndTreesAreImmutableAndKeepOrderAndNulls() throws Exception {
        Thing thing = cached(CacheDecoding.reader(new Interner(), true), thing("web-1"));
        assertThrows(UnsupportedOperationException.class, () -> thing.ports.add(new Port()));
        assertThrows(UnsupportedOperationException.class, () -> thing.args.set(0, "x"));
        assertThrows(UnsupportedOperationException.class, () -> thing.metadata.labels.put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> thing.extra.remove("key-1"));
        assertThrows(
                UnsupportedOperationException.class,
                () -> thing.extra.entrySet().iterator().next().setValue("x"));
        ObjectNode fields = (ObjectNode) thing.metadata.managedFields.get(0).fieldsV1;
        assertThrows(UnsupportedOperationException.class, () -> fields.put("f:x", "y"));

        assertEquals(List.of("app", "tier"), List.copyOf(thing.metadata.labels.keySet()));
        assertEquals(java.util.Arrays.asList("--port=8080", null, "--verbose"), thing.args);
        Map<String, String> usual = Json.mapper().readValue(thing("web-1"), Thing.class).extra;
        assertEquals(13, thing.extra.size());
        assertEquals(usual, thing.extra);
        assertEquals(thing.extra, usual);
        assertEquals(usual.hashCode(), thing.extra.hashCode());
        assertEquals(List.copyOf(usual.keySet()), List.copyOf(thing.extra.keySet()), "in the order read");
        assertTrue(thing.extra.containsKey("none"));
        assertNull(thing.extra.get("none"));
        assertEquals("value-11", thing.extra.get("key-11"));
        assertFalse(thing.extra.containsKey("key-12"));
        assertNull(thing.extra.get(null));
        JsonNode status = fields.get("f:status");
        assertSame(status.get("."), status.get("f:phase"), "one empty object for all");
    }

    @Test
    void theUsualMapperAndATreeOfTheCacheAgree() throws Exception {
        String json = thing("web-1");
        JsonNode usual = Json.mapper()
                .readTree(json)
                .get("metadata")
                .get("managedFields")
                .get(0)
                .get("fieldsV1");
        Thing thing = cached(CacheDecoding.reader(new Interner(), true), json);
        assertEquals(usual, thing.metadata.managedFields.get(0).fieldsV1);
        assertEquals(
                usual.toString(), thing.metadata.managedFields.get(0).fieldsV1.toString());
        assertEquals(
                TextNode.valueOf("a"),
                thing.metadata.managedFields.get(0).fieldsV1.at("/f:status/f:list/0"));
    }

    /** A value repeated among many that come once stays one object: the table is bounded, not forgetful. */
    @Test
    void aRecurringValueStaysSharedAmongManyThatComeOnce() {
        Interner interner = new Interner();
        Set<String> copies = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < 200_000; i++) {
            char[] unique = ("uid-" + i).toCharArray();
            interner.intern(unique, 0, unique.length);
            if (i % 10 == 0) {
                char[] tcp = "xxTCPxx".toCharArray();
                copies.add(interner.intern(tcp, 2, 3));
            }
        }
        assertTrue(copies.size() < 100, copies.size() + " copies of TCP for 20,000 uses");
        String longText = "x".repeat(Interner.MAX_LENGTH + 1);
        assertNotSame(interner.intern(new String(longText)), interner.intern(new String(longText)), "not kept");
        Map<String, Integer> sameHash = new LinkedHashMap<>(); // "Aa" and "BB" collide: both kept, apart
        sameHash.put("Aa", 1);
        sameHash.put("BB", 2);
        sameHash.keySet().forEach(s -> assertEquals(s, interner.intern(s.toCharArray(), 0, 2)));
    }
}
