package dev.ccigen.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccigen.generator.GeneratedKubernetes;
import dev.ccigen.generator.TestDocs;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Reads real Kubernetes objects into the generated classes and writes them back: the JSON trees must be
 * equal (an explicit {@code null} field counts as absent, as it does for Kubernetes; a {@code null} in a map or a
 * list is kept). The same guarantee for each Kubernetes document, 1.20 and the newest.
 */
@ParameterizedClass
@FieldSource("dev.ccigen.generator.GeneratedKubernetes#VERSIONS")
class RoundTripTest {
    static GeneratedKubernetes k8s;
    static String version;
    static ObjectMapper mapper;
    static final ObjectMapper plain = new ObjectMapper();

    @Parameter
    String kubernetesVersion;

    @BeforeEach
    void generate() throws Exception {
        version = kubernetesVersion;
        k8s = GeneratedKubernetes.get(kubernetesVersion); // generated and compiled once per version
        mapper = dev.ccigen.runtime.Json.mapper();
    }

    @ParameterizedTest
    @CsvSource({
        "pod.json, model.core.v1.Pod",
        "deployment.json, model.apps.v1.Deployment",
        "service.json, model.core.v1.Service",
        "configmap.json, model.core.v1.ConfigMap",
        "secret.json, model.core.v1.Secret",
        "cronjob.json, model.batch.v1beta1.CronJob",
        "ingress.json, model.networking.v1.Ingress",
        "podlist.json, model.core.v1.PodList",
        "status.json, dev.ccigen.runtime.Status",
        "unknown-field.json, model.core.v1.ConfigMap",
        "event.json, model.core.v1.Event",
    })
    void roundTrips(String fixture, String className) throws Exception {
        JsonNode original = fixture(fixture);
        if (version.equals("1.36") && className.contains(".v1beta1.CronJob")) { // served as batch/v1 since 1.21
            ((ObjectNode) original).put("apiVersion", "batch/v1");
            className = className.replace(".v1beta1.", ".v1.");
        }
        Object object = mapper.treeToValue(original, k8s.load(className));
        JsonNode written = plain.readTree(mapper.writeValueAsString(object));
        assertEquals(withoutNulls(original), written);
        // and again, through the object: equal objects, equal hash codes
        Object again = mapper.readValue(mapper.writeValueAsString(object), k8s.load(className));
        assertEquals(object, again);
        assertEquals(object.hashCode(), again.hashCode());
    }

    @Test
    void typedValues() throws Exception {
        Object pod = mapper.treeToValue(fixture("pod.json"), k8s.load("model.core.v1.Pod"));
        Object container = ((List<?>) get(get(pod, "getSpec"), "getContainers")).get(0);
        Map<?, ?> limits = (Map<?, ?>) get(get(container, "getResources"), "getLimits");
        Object cpu = limits.get("cpu");
        assertEquals("Quantity", cpu.getClass().getSimpleName());
        assertEquals("500m", cpu.toString());
        assertEquals(0, new BigDecimal("0.5").compareTo((BigDecimal) get(cpu, "toBigDecimal")));
        assertEquals(
                0, new BigDecimal("1000").compareTo((BigDecimal) get(limits.get("ephemeral-storage"), "toBigDecimal")));
        Object port = get(get(get(container, "getLivenessProbe"), "getHttpGet"), "getPort");
        assertEquals("IntOrString", port.getClass().getSimpleName());
        assertEquals(8080, get(port, "intValue"));
        Object created = get(get(pod, "getMetadata"), "getCreationTimestamp");
        assertEquals("OffsetDateTime", created.getClass().getSimpleName());

        Object secret = mapper.treeToValue(fixture("secret.json"), k8s.load("model.core.v1.Secret"));
        Map<?, ?> data = (Map<?, ?>) get(secret, "getData");
        assertEquals("admin", new String((byte[]) data.get("username")));
        assertFalse(secret.toString().contains("YWRtaW4"), secret::toString);
        assertTrue(secret.toString().contains("<redacted>"), secret::toString);
    }

    @Test
    void topLevelKindsDefaultApiVersionAndKindButReadingDoesNot() throws Exception {
        Class<?> podClass = k8s.load("model.core.v1.Pod");
        Object fresh = podClass.getConstructor().newInstance();
        assertEquals("v1", get(fresh, "getApiVersion"));
        assertEquals("Pod", get(fresh, "getKind"));
        Object built = get(podClass.getMethod("builder").invoke(null), "build");
        assertEquals("Pod", get(built, "getKind"));
        Object deployment =
                k8s.load("model.apps.v1.Deployment").getConstructor().newInstance();
        assertEquals("apps/v1", get(deployment, "getApiVersion"));
        // a list item as servers send it, without apiVersion and kind, stays without them
        Object item = mapper.readValue("{\"metadata\": {\"name\": \"a\"}}", podClass);
        assertNull(get(item, "getKind"));
        assertEquals("{\"metadata\":{\"name\":\"a\"}}", mapper.writeValueAsString(item));
    }

    @Test
    void unknownFieldsSurviveAReadModifyWrite() throws Exception {
        Object cm = mapper.treeToValue(fixture("unknown-field.json"), k8s.load("model.core.v1.ConfigMap"));
        Map<?, ?> unknown = (Map<?, ?>) get(cm, "getUnknownFields");
        assertEquals(List.of("aFieldFrom127"), List.copyOf(unknown.keySet()));
        ((Map<String, String>) get(cm, "getData")).put("c", "d");
        JsonNode written = plain.readTree(mapper.writeValueAsString(cm));
        assertEquals(
                "in a newer Kubernetes",
                written.path("aFieldFrom127").path("added").asText());
        assertEquals(
                "12345678901234567890", written.path("aFieldFrom127").path("n").toString());
        assertEquals(
                2,
                written.path("metadata")
                        .path("someNewMetadataField")
                        .path("nested")
                        .get(1)
                        .asInt());
    }

    @Test
    void timesAreWrittenAsKubernetesWritesThem() throws Exception {
        Object event = mapper.treeToValue(fixture("event.json"), k8s.load("model.core.v1.Event"));
        JsonNode written = plain.readTree(mapper.writeValueAsString(event));
        assertEquals("2021-03-04T05:06:07.123456Z", written.path("eventTime").asText(), "MicroTime: six digits");
        Object pod = mapper.readValue(
                "{\"metadata\": {\"creationTimestamp\": \"2021-03-04T13:06:07.5+08:00\"}}",
                k8s.load("model.core.v1.Pod"));
        assertEquals(
                "2021-03-04T05:06:07Z",
                plain.readTree(mapper.writeValueAsString(pod))
                        .path("metadata")
                        .path("creationTimestamp")
                        .asText(),
                "Time: UTC, whole seconds");
    }

    @Test
    void kindsFindsEveryTopLevelKind() throws Exception {
        Method classFor = k8s.load("Kinds").getMethod("classFor", String.class, String.class);
        assertEquals(Optional.of(k8s.load("model.apps.v1.Deployment")), classFor.invoke(null, "apps/v1", "Deployment"));
        assertEquals(Optional.of(k8s.load("model.core.v1.PodList")), classFor.invoke(null, "v1", "PodList"));
        assertEquals(Optional.empty(), classFor.invoke(null, "v1", "NoSuchKind"));
        Object decoded = k8s.load("Kinds").getMethod("decode", JsonNode.class).invoke(null, fixture("service.json"));
        assertEquals(k8s.load("model.core.v1.Service"), decoded.getClass());
    }

    /**
     * Every kind the document declares, with every field set as Kubernetes sets them in its own round-trip fixtures
     * ({@link KindFixtures}), is written back exactly as it was read: by the generated models, and by the runtime's
     * classes for the meta kinds (DeleteOptions, Status, WatchEvent), whichever group-version lists them. An Eviction's
     * DeleteOptions gains no apiVersion, a DeleteOptions keeps a dryRun other than All, an enum keeps a value it does not
     * know, a watch event a type it does not know.
     */
    @Test
    void everyKindFilledAsKubernetesFillsItsFixturesRoundTripsExactly() throws Exception {
        JsonNode definitions = definitions();
        KindFixtures fixtures = new KindFixtures(definitions);
        List<String> differ = new ArrayList<>();
        int viaRuntime = 0;
        int kinds = 0;
        for (var d : definitions.properties()) {
            for (JsonNode gvk : d.getValue().path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asText();
                String apiVersion = (group.isEmpty() ? "" : group + "/")
                        + gvk.path("version").asText();
                String kind = gvk.path("kind").asText();
                ObjectNode fixture = fixtures.fixture(d.getKey(), apiVersion, kind);
                Object decoded = decode(fixture, apiVersion, kind);
                JsonNode written = plain.readTree(mapper.writeValueAsString(decoded));
                if (!written.equals(fixture)) {
                    differ.add(apiVersion + " " + kind + ": " + excerpt(fixture) + "\n  -> " + excerpt(written));
                }
                viaRuntime += decoded.getClass().getPackageName().equals("dev.ccigen.runtime") ? 1 : 0;
                kinds++;
            }
        }
        assertEquals(List.of(), differ.stream().limit(5).toList(), differ.size() + " kinds differ");
        assertTrue(kinds > 250, "kinds: " + kinds);
        assertTrue(viaRuntime > 20, "through the runtime's classes: " + viaRuntime);
    }

    /**
     * Kubernetes' own round-trip fixtures ({@code k8s.io/api} {@code testdata/v1.20.0} and {@code testdata/v1.36.0},
     * each against the document of its version): every one is written back as it was read (an explicit null counts
     * as absent), through a generated model or a runtime class where the document declares its kind, as the JSON it is
     * where it does not (options kinds, AdmissionReview). The JSON fixtures of both versions are in
     * {@code kubernetes/k8s-api-testdata.zip} (kubernetes/SOURCES.md); the system property
     * {@code ccigen.kubernetesTestdata} points at another copy of that {@code testdata} folder instead.
     */
    @Test
    void kubernetesOwnFixturesRoundTripExactly() throws Exception {
        String root = System.getProperty("ccigen.kubernetesTestdata", "");
        java.util.SortedMap<String, JsonNode> fixtures = new java.util.TreeMap<>();
        try (java.nio.file.FileSystem zip = root.isEmpty()
                        ? java.nio.file.FileSystems.newFileSystem(TestDocs.resource("kubernetes/k8s-api-testdata.zip"))
                        : null;
                Stream<Path> list = Files.list(
                        zip != null ? zip.getPath("v" + version + ".0") : Path.of(root, "v" + version + ".0"))) {
            for (Path file : list.toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(".json") && !fileName.contains("after_roundtrip")) {
                    fixtures.put(fileName, plain.readTree(Files.readAllBytes(file)));
                }
            }
        }
        List<String> differ = new ArrayList<>();
        int typed = 0;
        for (var fixture : fixtures.entrySet()) {
            JsonNode original = fixture.getValue();
            String[] name = fixture.getKey().split("\\.");
            String group = String.join(".", java.util.Arrays.copyOfRange(name, 0, name.length - 3));
            String apiVersion = (group.equals("core") ? "" : group + "/") + name[name.length - 3];
            Object decoded = decode((ObjectNode) original, apiVersion, name[name.length - 2]);
            JsonNode written = plain.readTree(mapper.writeValueAsString(decoded));
            // Kubernetes 1.20 wrote a zero time as null ("creationTimestamp": null), which a client leaves out
            if (!written.equals(original) && !written.equals(withoutNulls(original))) {
                differ.add(fixture.getKey() + ": " + excerpt(written));
            }
            typed += decoded instanceof JsonNode ? 0 : 1;
        }
        System.out.println("[kubernetes " + version + "] " + fixtures.size() + " fixtures of k8s.io/api round-trip, "
                + typed + " through the client's classes");
        assertEquals(List.of(), differ.stream().limit(5).toList(), differ.size() + " fixtures differ");
        assertTrue(typed > 90, "typed: " + typed);
    }

    /**
     * {@code node} decoded as the client decodes a manifest ({@code Kinds.decode}); one without apiVersion and kind
     * (a WatchEvent) as {@code apiVersion}/{@code kind}.
     */
    private static Object decode(ObjectNode node, String apiVersion, String kind) throws Exception {
        ObjectNode manifest = node;
        if (!node.has("apiVersion") && !node.has("kind")) {
            manifest = node.deepCopy();
            manifest.put("apiVersion", apiVersion);
            manifest.put("kind", kind);
        }
        return k8s.load("Kinds").getMethod("decode", JsonNode.class).invoke(null, manifest);
    }

    private static String excerpt(JsonNode json) {
        String text = json.toString();
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    private static JsonNode definitions() throws IOException {
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(k8s.document))) {
            return plain.readTree(in).path("definitions");
        }
    }

    /**
     * Every group/version/kind the document's definitions declare resolves, the meta kinds listed under every
     * group-version too: WatchEvent and DeleteOptions are the runtime's, as are Status and its parts.
     */
    @Test
    void kindsResolvesEveryKindTheDocumentDeclares() throws Exception {
        Method classFor = k8s.load("Kinds").getMethod("classFor", String.class, String.class);
        JsonNode definitions;
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(k8s.document))) {
            definitions = plain.readTree(in).path("definitions");
        }
        List<String> missing = new ArrayList<>();
        int declared = 0;
        for (JsonNode definition : definitions) {
            for (JsonNode gvk : definition.path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asText();
                String apiVersion = group.isEmpty()
                        ? gvk.path("version").asText()
                        : group + "/" + gvk.path("version").asText();
                declared++;
                if (((Optional<?>) classFor.invoke(
                                null, apiVersion, gvk.path("kind").asText()))
                        .isEmpty()) {
                    missing.add(apiVersion + " " + gvk.path("kind").asText());
                }
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(declared > 250, "declared: " + declared);
        assertEquals(Optional.of(dev.ccigen.runtime.WatchEvent.class), classFor.invoke(null, "v1", "WatchEvent"));
        assertEquals(Optional.of(dev.ccigen.runtime.WatchEvent.class), classFor.invoke(null, "apps/v1", "WatchEvent"));
        assertEquals(
                Optional.of(dev.ccigen.runtime.DeleteOptions.class),
                classFor.invoke(null, "batch/v1", "DeleteOptions"));
        assertEquals(Optional.of(dev.ccigen.runtime.Status.class), classFor.invoke(null, "v1", "Status"));
    }

    /** A WatchEvent as a manifest decodes to the runtime's event, with its object decoded by the object's own kind. */
    @Test
    void kindsDecodesAWatchEventAndItsObject() throws Exception {
        JsonNode event = plain.readTree("{\"apiVersion\": \"v1\", \"kind\": \"WatchEvent\", \"type\": \"ADDED\","
                + " \"object\": " + fixture("service.json") + "}");
        Object decoded = k8s.load("Kinds").getMethod("decode", JsonNode.class).invoke(null, event);
        assertEquals(dev.ccigen.runtime.WatchEvent.class, decoded.getClass());
        assertEquals("ADDED", get(decoded, "type").toString());
        assertEquals(k8s.load("model.core.v1.Service"), get(decoded, "object").getClass());
    }

    /**
     * Kubernetes writes {@code null} as a map's value (a PodDisruptionBudget's {@code status.disruptedPods}) and
     * leaves it in lists: both are kept on a read and a write, while a null field stays absent.
     */
    @Test
    void nullInsideAMapOrAListIsKept() throws Exception {
        String apiVersion = version.equals("1.20") ? "policy/v1beta1" : "policy/v1";
        JsonNode pdb = plain.readTree("{\"apiVersion\": \"" + apiVersion + "\", \"kind\": \"PodDisruptionBudget\","
                + " \"metadata\": {\"name\": \"web\", \"labels\": {\"app\": \"web\"}},"
                + " \"status\": {\"currentHealthy\": 2, \"desiredHealthy\": 2, \"disruptionsAllowed\": 0,"
                + " \"expectedPods\": 3, \"observedGeneration\": 1, \"disruptedPods\": {\"a-pod\": null,"
                + " \"b-pod\": \"2024-01-02T03:04:05Z\"}}}");
        Object decoded = k8s.load("Kinds").getMethod("decode", JsonNode.class).invoke(null, pdb);
        assertEquals("PodDisruptionBudget", decoded.getClass().getSimpleName());
        Map<?, ?> disrupted = (Map<?, ?>) get(get(decoded, "getStatus"), "getDisruptedPods");
        assertTrue(disrupted.containsKey("a-pod") && disrupted.get("a-pod") == null, disrupted::toString);
        assertEquals(pdb, plain.readTree(mapper.writeValueAsString(decoded)));

        JsonNode pod = plain.readTree("{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"},"
                + " \"spec\": {\"containers\": [{\"name\": \"c\", \"args\": [\"a\", null, \"b\"]}]}}");
        Object read = mapper.treeToValue(pod, k8s.load("model.core.v1.Pod"));
        assertEquals(pod, plain.readTree(mapper.writeValueAsString(read)));
    }

    /**
     * Every field of every model class takes part in {@code equals}: for each field in turn, an object that differs from a
     * fresh one in that field only is not equal to it (either way round).
     */
    @Test
    void equalsSeesEveryField() throws Exception {
        List<String> blind = new ArrayList<>();
        List<String> unsampled = new ArrayList<>();
        int checked = 0;
        Path models =
                k8s.sources.resolve(GeneratedKubernetes.BASE.replace('.', '/')).resolve("model");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(models)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            String name = k8s.sources
                    .relativize(file)
                    .toString()
                    .replace(java.io.File.separatorChar, '.')
                    .replaceAll("\\.java$", "");
            Class<?> type = Class.forName(name, true, k8s.loader);
            if (type.isEnum() || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            Constructor<?> fresh = type.getConstructor();
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object a = fresh.newInstance();
                Object b = fresh.newInstance();
                field.setAccessible(true);
                Object value = sample(field.getType());
                if (value == null) {
                    unsampled.add(type.getSimpleName() + "." + field.getName() + " ("
                            + field.getType().getName() + ")");
                    continue;
                }
                field.set(b, value);
                checked++;
                if (a.equals(b) || b.equals(a)) {
                    blind.add(type.getSimpleName() + "." + field.getName());
                }
            }
        }
        assertEquals(List.of(), unsampled, "fields this test cannot change");
        assertEquals(List.of(), blind, "fields equals does not see");
        assertTrue(checked > 2000, "fields checked: " + checked);
    }

    /** A value of {@code type} that no fresh object holds; null when this test does not know how to make one. */
    private static Object sample(Class<?> type) throws Exception {
        if (type == String.class) {
            return "changed";
        } else if (type == Long.class || type == long.class) {
            return 42L;
        } else if (type == Integer.class || type == int.class) {
            return 42;
        } else if (type == Double.class || type == double.class) {
            return 4.2;
        } else if (type == Float.class || type == float.class) {
            return 4.2f;
        } else if (type == Boolean.class || type == boolean.class) {
            return true;
        } else if (type == byte[].class) {
            return new byte[] {1};
        } else if (List.class.isAssignableFrom(type)) {
            return new ArrayList<>(java.util.Collections.singletonList(null));
        } else if (Map.class.isAssignableFrom(type)) {
            Map<String, Object> map = new java.util.HashMap<>();
            map.put("changed", null);
            return map;
        } else if (type == java.time.OffsetDateTime.class) {
            return java.time.OffsetDateTime.parse("2024-01-02T03:04:05Z");
        } else if (JsonNode.class.isAssignableFrom(type)) {
            return plain.getNodeFactory().textNode("changed");
        } else if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        for (Method m : type.getMethods()) { // IntOrString.of(String), Quantity.of(String); DeleteOptions.none()
            if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == type) {
                if (m.getName().equals("of")
                        && m.getParameterCount() == 1
                        && m.getParameterTypes()[0] == String.class) {
                    return m.invoke(null, "1");
                } else if (m.getParameterCount() == 0) {
                    return m.invoke(null);
                }
            }
        }
        try {
            return type.getConstructor().newInstance(); // a model class: a fresh object where the field was null
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    static Object get(Object target, String method) throws Exception {
        return target.getClass().getMethod(method).invoke(target);
    }

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = RoundTripTest.class.getResourceAsStream("/roundtrip/" + name)) {
            return plain.readTree(in);
        }
    }

    /** Kubernetes treats an explicit null like an absent field; so do the generated classes. */
    static JsonNode withoutNulls(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node.isObject()) {
            ((ObjectNode) node).properties().removeIf(e -> e.getValue().isNull());
        }
        node.forEach(RoundTripTest::strip);
    }
}
