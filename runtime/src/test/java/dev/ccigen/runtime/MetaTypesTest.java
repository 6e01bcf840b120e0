package dev.ccigen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runtime's classes for the document's meta kinds write back exactly what they read, and print what was sent. */
class MetaTypesTest {

    private static JsonNode tree(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    @Test
    void deleteOptionsReadAreWrittenBackExactly() throws Exception {
        // as inside an Eviction: no kind or apiVersion, a dryRun value of its own, fields no method sets
        JsonNode read = tree("{\"gracePeriodSeconds\":1,\"preconditions\":{\"uid\":\"uidValue\",\"resourceVersion\":"
                + "\"resourceVersionValue\"},\"orphanDependents\":true,\"propagationPolicy\":\"propagationPolicyValue\","
                + "\"dryRun\":[\"dryRunValue\"],\"ignoreStoreReadErrorWithClusterBreakingPotential\":true}");
        DeleteOptions options = Json.mapper().treeToValue(read, DeleteOptions.class);
        assertEquals(read, tree(Json.mapper().writeValueAsString(options)));
        assertEquals(List.of("dryRunValue"), options.dryRun());
        assertNull(options.propagationPolicy(), "not a policy this client knows, and kept as read");
        assertEquals(1L, options.gracePeriodSeconds());

        JsonNode preconditionsOnly = tree("{\"preconditions\":{}}");
        assertEquals(
                preconditionsOnly,
                Json.mapper().valueToTree(Json.mapper().treeToValue(preconditionsOnly, DeleteOptions.class)));
    }

    @Test
    void deleteOptionsBuiltAreSentAsKubernetesClientsSendThem() throws Exception {
        DeleteOptions built = DeleteOptions.builder()
                .propagationPolicy(DeleteOptions.PropagationPolicy.Background)
                .gracePeriodSeconds(0)
                .preconditionResourceVersion("42")
                .dryRun(true)
                .build();
        assertEquals(
                tree(
                        "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Background\","
                                + "\"gracePeriodSeconds\":0,\"preconditions\":{\"resourceVersion\":\"42\"},\"dryRun\":[\"All\"]}"),
                built.toBody());
        assertEquals(DeleteOptions.PropagationPolicy.Background, built.propagationPolicy());
        DeleteOptions read = Json.mapper().treeToValue(tree("{\"orphanDependents\":false}"), DeleteOptions.class);
        assertEquals(
                tree("{\"orphanDependents\":false,\"gracePeriodSeconds\":5}"),
                read.toBuilder().gracePeriodSeconds(5).build().toBody());
        assertEquals(tree("{\"orphanDependents\":false}"), read.toBody(), "toBuilder changed a copy");
        assertEquals(
                tree("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\"}"),
                DeleteOptions.none().toBody());
    }

    @Test
    void aStatusIsWrittenBackAsItWasRead() throws Exception {
        for (String json : List.of(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\","
                        + "\"details\":{\"name\":\"web\",\"kind\":\"pods\",\"uid\":\"u-1\"}}",
                "{\"status\":\"Failure\",\"details\":{\"causes\":[]}}",
                "{\"status\":\"Failure\",\"details\":{\"causes\":[{\"reason\":\"r\",\"field\":\"f\",\"x\":1}]},\"y\":2}")) {
            Status status = Json.mapper().readValue(json, Status.class);
            assertEquals(tree(json), tree(Json.mapper().writeValueAsString(status)), json);
        }
        Status.Details details = new Status.Details();
        assertEquals(List.of(), details.getCauses(), "empty, not null, when not sent");
        assertEquals("{}", Json.mapper().writeValueAsString(details));
    }

    @Test
    void aWatchEventIsWrittenAsKubernetesWritesIt() throws Exception {
        JsonNode raw = tree("{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"name\":\"a\"}}}");
        TestPod pod = Json.mapper().treeToValue(raw.get("object"), TestPod.class);
        pod.metadata.resourceVersion = "2"; // the object as it is now
        assertEquals(
                tree("{\"type\":\"MODIFIED\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
                        + "\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"2\"}}}"),
                tree(Json.mapper().writeValueAsString(new WatchEvent<>(WatchEvent.Type.MODIFIED, pod, raw))));
        JsonNode unknown = tree("{\"type\":\"2\",\"object\":{\"kind\":\"CustomType\"}}");
        assertEquals(
                unknown,
                tree(Json.mapper().writeValueAsString(new WatchEvent<>(null, unknown.get("object"), unknown))),
                "a type this client does not know is written as read");
    }

    @Test
    void statusPrintsWhatTheServerSent() throws Exception {
        Status deleted = Json.mapper()
                .readValue(
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\","
                                + "\"details\":{\"name\":\"web\",\"kind\":\"pods\",\"uid\":\"u-1\"}}",
                        Status.class);
        assertEquals("Status{status=Success, details={name=web, kind=pods, uid=u-1}}", deleted.toString());
        Status conflict = Json.mapper()
                .readValue(
                        "{\"kind\":\"Status\",\"status\":\"Failure\",\"message\":\"pods \\\"web\\\" already exists\","
                                + "\"reason\":\"AlreadyExists\",\"code\":409,\"errorCode\":\"CCI.02.409101\","
                                + "\"details\":{\"causes\":[{\"reason\":\"FieldValueRequired\",\"field\":\"spec\"}]}}",
                        Status.class);
        assertEquals(
                "Status{status=Failure, reason=AlreadyExists, message=pods \"web\" already exists, code=409, "
                        + "errorCode=CCI.02.409101, details={causes=[{reason=FieldValueRequired, field=spec}]}}",
                conflict.toString());
    }
}
