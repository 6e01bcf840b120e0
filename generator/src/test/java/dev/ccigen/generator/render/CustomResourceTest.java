package dev.ccigen.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccigen.generator.Compiler;
import dev.ccigen.generator.GenerationResult;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.TestDocs;
import dev.ccigen.generator.link.ApiModel;
import dev.ccigen.generator.link.GroupVersionModel;
import dev.ccigen.generator.link.LinkOptions;
import dev.ccigen.generator.link.PropertyModel;
import dev.ccigen.generator.link.ResourceModel;
import dev.ccigen.generator.link.TypeModel;
import dev.ccigen.generator.problem.Problem;
import dev.ccigen.generator.problem.Problems;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each construct of a CustomResourceDefinition's schema becomes ({@code crd/widgets.yaml} holds one of each), the
 * resources a CRD gives, and a client of CRDs only that compiles without a warning and reads and writes back an object
 * with unknown fields at every level.
 */
class CustomResourceTest {
    private static final String MODEL = "io.test.model.example.";

    @TempDir
    static Path dir;

    static ApiModel model;
    static Problems problems = new Problems();
    static GenerationResult result;

    static GeneratorConfig config() {
        return new GeneratorConfig(null, null, dir.resolve("out"), null, LinkOptions.defaults("io.test"))
                .withCrds(TestDocs.resource("crd/widgets.yaml"))
                .withTestServer(dir.resolve("tests"));
    }

    @BeforeAll
    static void generate() {
        model = new Generator().model(config(), problems);
        result = new Generator().generate(config());
    }

    private static TypeModel type(String qualified) {
        return model.types().stream()
                .filter(t -> t.qualifiedName().equals(MODEL + qualified))
                .findFirst()
                .orElseThrow(() -> new AssertionError(MODEL + qualified + " in "
                        + model.types().stream().map(TypeModel::qualifiedName).toList()));
    }

    private static PropertyModel property(String qualified, String json) {
        return type(qualified).properties().stream()
                .filter(p -> p.jsonName().equals(json))
                .findFirst()
                .orElseThrow();
    }

    private static String javaType(String qualified, String json) {
        return property(qualified, json).javaType();
    }

    @Test
    void theKindHasObjectMetaAndEveryPropertyBesideSpecAndStatus() {
        assertEquals(
                List.of("apiVersion", "kind", "metadata", "operation", "spec", "status"),
                type("v1.Widget").properties().stream()
                        .map(PropertyModel::jsonName)
                        .toList());
        assertEquals("ObjectMeta", javaType("v1.Widget", "metadata"));
        assertEquals("WidgetOperation", javaType("v1.Widget", "operation"));
        assertEquals("OffsetDateTime", javaType("v1.WidgetOperation", "startedAt"));
        assertTrue(type("v1.Widget").isKubernetesObject());
        assertTrue(type("v1.WidgetList").isKubernetesList());
        assertEquals("example.com/v1", type("v1.Widget").apiVersion());
    }

    @Test
    void eachConstructMapsAsTheReadmeSays() {
        String spec = "v1.WidgetSpec";
        assertEquals("Integer", javaType(spec, "replicas")); // format int32
        assertEquals("Long", javaType(spec, "size")); // integer: int64, as Kubernetes reads it
        assertEquals("Double", javaType(spec, "ratio"));
        assertEquals("IntOrString", javaType(spec, "port")); // anyOf integer, string + x-kubernetes-int-or-string
        assertEquals("IntOrString", javaType(spec, "either")); // the same without the extension: a warning
        assertEquals("Color", property(spec, "color").enumType()); // enum: a Java enum, the raw text kept
        assertEquals("byte[]", javaType(spec, "data"));
        assertEquals("String", javaType(spec, "comment"));
        assertTrue(property(spec, "comment").nullable()); // nullable: the type itself, said for templates
        assertEquals("JsonNode", javaType(spec, "config")); // x-kubernetes-preserve-unknown-fields: any JSON
        assertEquals("Map<String, String>", javaType(spec, "labels"));
        assertEquals("Settings", javaType(spec, "settings")); // preserve-unknown with properties: a class
        assertEquals("JsonNode", javaType(spec, "manifest")); // an embedded resource without properties
        assertEquals("List<Ports>", javaType(spec, "ports"));
        assertEquals(
                Map.of("x-kubernetes-list-type", "map", "x-kubernetes-list-map-keys", "[\"name\"]"),
                property(spec, "ports").extensions());
        assertEquals("Target", javaType(spec, "target")); // oneOf of required fields: validation only
        assertEquals(List.of("max", "min"), names("v1.Limit")); // allOf: the parts' properties in one class
        assertTrue(
                String.join(" ", property(spec, "replicas").javadoc()).contains("Default (the server's): 1."),
                property(spec, "replicas").javadoc()::toString);
        assertTrue(String.join(" ", property(spec, "color").javadoc()).contains("Default (the server's): \"red\"."));
        assertTrue(property(spec, "size").required());
    }

    private static List<String> names(String qualified) {
        return type(qualified).properties().stream()
                .map(PropertyModel::jsonName)
                .toList();
    }

    @Test
    void embeddedResourcesAndPodTemplateMetadataAreObjectMeta() {
        assertEquals("SpecTemplate", javaType("v1.WidgetSpec", "template"));
        assertEquals(List.of("apiVersion", "kind", "metadata", "spec"), names("v1.SpecTemplate"));
        assertEquals("ObjectMeta", javaType("v1.SpecTemplate", "metadata"));
        assertEquals("ObjectMeta", javaType("v1.PodTemplate", "metadata"));
    }

    @Test
    void aShapeTwoKindsShareIsOneClass() {
        assertEquals("List<Ports>", javaType("v1.GizmoSpec", "ports"));
        assertEquals(
                1,
                model.types().stream()
                        .filter(t -> t.className().startsWith("Ports"))
                        .count());
    }

    @Test
    void eachServedVersionIsAResourceWithTheVerbsOfCustomResources() {
        GroupVersionModel v1 = groupVersion("v1");
        ResourceModel widgets = resource(v1, "widgets");
        assertTrue(widgets.namespaced());
        assertEquals(List.of("wd"), widgets.shortNames());
        assertEquals("widget", widgets.singular());
        assertTrue(widgets.get()
                && widgets.list()
                && widgets.watch()
                && widgets.create()
                && widgets.update()
                && widgets.patch()
                && widgets.delete()
                && widgets.deleteCollection());
        assertEquals("dev.ccigen.runtime.Status", widgets.deleteType());
        assertEquals(
                List.of("scale Scale get update patch", "status Widget get update patch"),
                widgets.subresources().stream()
                        .map(s -> s.name() + " " + s.type() + (s.get() ? " get" : "") + (s.update() ? " update" : "")
                                + (s.patch() ? " patch" : ""))
                        .toList());
        assertFalse(resource(v1, "gizmos").namespaced());
        assertTrue(v1.preferred());
        GroupVersionModel v1beta1 = groupVersion("v1beta1");
        assertFalse(v1beta1.preferred());
        assertTrue(type("v1beta1.Widget").deprecated());
        assertTrue(resource(v1beta1, "widgets").subresources().isEmpty());
    }

    private static GroupVersionModel groupVersion(String version) {
        return model.groupVersions().stream()
                .filter(gv -> gv.group().equals("example.com") && gv.version().equals(version))
                .findFirst()
                .orElseThrow();
    }

    private static ResourceModel resource(GroupVersionModel gv, String plural) {
        return gv.resources().stream()
                .filter(r -> r.plural().equals(plural))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theOneWarningIsTheTypedOneOf() {
        List<Problem> warnings = result.warnings().stream()
                .filter(p -> p.severity() == Problem.Severity.WARNING)
                .toList();
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).where().endsWith("widgets.yaml:150:17"), warnings.get(0)::toString);
        assertTrue(warnings.get(0).message().contains("without x-kubernetes-int-or-string"));
    }

    @Test
    void itCompilesWithoutAWarningAndReadsAndWritesBackUnknownFieldsEverywhere() throws Exception {
        Compiler.Result compiled = Compiler.compile(dir.resolve("out"), dir.resolve("classes"));
        assertEquals(List.of(), compiled.errors());
        assertEquals(List.of(), compiled.warnings());
        Compiler.Result server =
                Compiler.compile(dir.resolve("tests"), dir.resolve("test-classes"), List.of(dir.resolve("classes")));
        assertEquals(List.of(), server.errors());
        assertTrue(Files.isRegularFile(dir.resolve("tests/io/test/ApiClientTestServer.java")));
        // no document to serve, and the listings come from the server's resource table
        assertFalse(Files.exists(dir.resolve("tests/io/test/ApiClientTestServer/openapi-v2.json")));
        assertFalse(Files.exists(dir.resolve("tests/io/test/ApiClientTestServer/discovery")));
        String json = """
                {"apiVersion": "example.com/v1", "kind": "Widget", "extra": {"a": [1, 2.5, null]},
                 "metadata": {"name": "w", "labels": {"a": "b"}, "future": true},
                 "operation": {"startedAt": "2024-05-01T10:00:00Z"},
                 "spec": {"size": 3, "port": "http", "color": "blue", "data": "aGk=", "comment": "c",
                          "config": {"any": {"nested": [true, {"x": 1}]}}, "settings": {"mode": "m", "more": 1},
                          "manifest": {"apiVersion": "v1", "kind": "ConfigMap", "data": {"k": "v"}},
                          "template": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
                                       "spec": {"image": "i", "unknown": 2}},
                          "ports": [{"name": "a", "number": 80}], "limit": {"max": 2, "min": 1},
                          "either": 7, "labels": {}},
                 "status": {"replicas": 1, "observed": "x"}}
                """;
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {dir.resolve("classes").toUri().toURL()}, getClass().getClassLoader())) {
            ObjectMapper mapper = dev.ccigen.runtime.Json.mapper();
            JsonNode original = mapper.readTree(json);
            Object widget = loader.loadClass("io.test.Kinds")
                    .getMethod("decode", JsonNode.class)
                    .invoke(null, original);
            assertEquals(MODEL + "v1.Widget", widget.getClass().getName());
            assertEquals(original, mapper.readTree(mapper.writeValueAsString(widget)));
            Object spec = widget.getClass().getMethod("getSpec").invoke(widget);
            assertNull(spec.getClass().getMethod("getReplicas").invoke(spec), "a default is the server's to apply");
        }
    }
}
