package dev.ccigen.generator.specs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccigen.generator.Compiler;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.TestDocs;
import dev.ccigen.generator.link.ApiModel;
import dev.ccigen.generator.link.GroupVersionModel;
import dev.ccigen.generator.link.LinkOptions;
import dev.ccigen.generator.link.ResourceModel;
import dev.ccigen.generator.problem.Problem;
import dev.ccigen.generator.problem.Problems;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** specs/cci: read strictly without warnings, exactly CCI's group-versions and resources, compiles, round-trips the docs' examples. */
class CciSpecTest {
    static final Path CCI = TestDocs.specs().resolve("cci");
    static final LinkOptions STRICT =
            new LinkOptions("dev.ccigen.cci", "CciClient", List.of(), List.of(), true, Map.of());
    static ApiModel model;
    static Problems problems = new Problems();
    static ClassLoader loader;
    static ObjectMapper mapper;

    @BeforeAll
    static void generate() throws Exception {
        Path root = Path.of("target", "generated-test", "cci");
        GeneratorConfig config = new GeneratorConfig(
                CCI.resolve("openapi-v2.json"), CCI.resolve("discovery"), root.resolve("src"), null, STRICT, true);
        model = new Generator().model(config, problems);
        new Generator().generate(config);
        Compiler.Result compiled = Compiler.compile(root.resolve("src"), root.resolve("classes"));
        assertEquals(List.of(), compiled.errors());
        assertEquals(List.of(), compiled.warnings());
        loader = new URLClassLoader(
                new URL[] {root.resolve("classes").toUri().toURL()}, CciSpecTest.class.getClassLoader());
        mapper = dev.ccigen.runtime.Json.mapper();
    }

    @Test
    void readsStrictlyWithoutWarnings() {
        assertEquals(
                List.of(),
                problems.all().stream()
                        .filter(p -> p.severity() != Problem.Severity.INFO)
                        .toList());
    }

    @Test
    void exactlyTheDocumentedGroupVersionsAndResources() {
        Map<String, List<String>> served = new TreeMap<>();
        for (GroupVersionModel gv : model.groupVersions()) {
            served.put(
                    gv.groupVersion(),
                    gv.resources().stream().map(ResourceModel::plural).toList());
        }
        assertEquals(List.of("storageclasses"), served.remove("storage.k8s.io/v1"));
        assertEquals(
                Map.of(
                        "v1",
                                List.of(
                                        "configmaps",
                                        "endpoints",
                                        "events",
                                        "namespaces",
                                        "persistentvolumeclaims",
                                        "pods",
                                        "resourcequotas",
                                        "secrets",
                                        "services"),
                        "apps/v1", List.of("deployments", "replicasets", "statefulsets"),
                        "batch/v1", List.of("jobs"),
                        "batch/v1beta1", List.of("cronjobs"),
                        "batch.volcano.sh/v1alpha1", List.of("jobs"),
                        "crd.yangtse.cni/v1", List.of("eippools"),
                        "extensions/v1beta1", List.of("ingresses"),
                        "metrics.k8s.io/v1beta1", List.of("pods"),
                        "networking.cci.io/v1beta1", List.of("networks"),
                        "rbac.authorization.k8s.io/v1", List.of("clusterroles", "rolebindings")),
                served);
    }

    /** Every resource CCI's API reference lists has a resource class, named after its kind, in the default client. */
    @Test
    void everyResourceOfTheReferenceHasAClass() throws Exception {
        Map<String, String> classOfKind = new TreeMap<>();
        for (GroupVersionModel gv : model.groupVersions()) {
            for (ResourceModel r : gv.resources()) {
                classOfKind.put(gv.group() + " " + r.kind(), gv.packageName() + "." + r.className());
            }
        }
        Map<String, String> reference = new TreeMap<>(Map.ofEntries(
                Map.entry(" ConfigMap", "core.v1.ConfigMaps"),
                Map.entry(" Pod", "core.v1.Pods"),
                Map.entry("storage.k8s.io StorageClass", "storage.v1.StorageClasses"),
                Map.entry(" Service", "core.v1.Services"),
                Map.entry("apps Deployment", "apps.v1.Deployments"),
                Map.entry("extensions Ingress", "extensions.v1beta1.Ingresses"),
                Map.entry("batch.volcano.sh Job", "batch.volcano.sh.v1alpha1.Jobs"),
                Map.entry(" Namespace", "core.v1.Namespaces"),
                Map.entry("rbac.authorization.k8s.io ClusterRole", "rbac.authorization.v1.ClusterRoles"),
                Map.entry(" Secret", "core.v1.Secrets"),
                Map.entry(" Endpoints", "core.v1.Endpoints"),
                Map.entry(" ResourceQuota", "core.v1.ResourceQuotas"),
                Map.entry("batch CronJob", "batch.v1beta1.CronJobs"),
                Map.entry(" Event", "core.v1.Events"),
                Map.entry(" PersistentVolumeClaim", "core.v1.PersistentVolumeClaims"),
                Map.entry("rbac.authorization.k8s.io RoleBinding", "rbac.authorization.v1.RoleBindings"),
                Map.entry("apps StatefulSet", "apps.v1.StatefulSets"),
                Map.entry("batch Job", "batch.v1.Jobs"),
                Map.entry("apps ReplicaSet", "apps.v1.ReplicaSets"),
                Map.entry("networking.cci.io Network", "networking.cci.io.v1beta1.Networks"),
                Map.entry("crd.yangtse.cni EIPPool", "crd.yangtse.cni.v1.EIPPools"),
                Map.entry("metrics.k8s.io PodMetrics", "metrics.v1beta1.Pods")));
        reference.forEach((kind, cls) -> {
            assertEquals("dev.ccigen.cci.api." + cls, classOfKind.get(kind), kind);
            assertDoesNotThrow(() -> loader.loadClass("dev.ccigen.cci.api." + cls), cls);
        });
    }

    @Test
    void verbsAreTheListingsVerbs() throws Exception {
        JsonNode listing = new ObjectMapper()
                .readTree(CCI.resolve("discovery/apis__metrics.k8s.io__v1beta1.json")
                        .toFile());
        ResourceModel podMetrics = resource("metrics.k8s.io/v1beta1", "pods");
        assertEquals(
                "[\"get\",\"list\"]",
                listing.path("resources").get(0).path("verbs").toString());
        assertTrue(podMetrics.get() && podMetrics.list());
        assertTrue(!podMetrics.create() && !podMetrics.delete() && !podMetrics.watch());
        ResourceModel eip = resource("crd.yangtse.cni/v1", "eippools");
        assertTrue(!eip.deleteCollection(), "EIPPool documents no deletecollection");
        assertEquals("dev.ccigen.runtime.Status", eip.deleteType());
        ResourceModel networks = resource("networking.cci.io/v1beta1", "networks");
        assertEquals(
                "dev.ccigen.cci.model.cci.v1beta1.Network",
                networks.deleteType(),
                "a Network delete answers the Network");
        assertTrue(
                resource("batch.volcano.sh/v1alpha1", "jobs")
                        .deleteCollectionType()
                        .endsWith("JobList"),
                "a VolcanoJob deletecollection answers a JobList");
        ResourceModel pods = resource("v1", "pods");
        assertEquals(
                List.of("log", "status"),
                pods.subresources().stream()
                        .map(ResourceModel.SubresourceModel::name)
                        .toList());
    }

    @ParameterizedTest
    @CsvSource({
        "volcanojob-create-request.json, dev.ccigen.cci.model.volcano.batch.v1alpha1.Job",
        "network-create-request.json, dev.ccigen.cci.model.cci.v1beta1.Network",
        "network-get-response.json, dev.ccigen.cci.model.cci.v1beta1.Network",
        "eippool-create-request.json, dev.ccigen.cci.model.yangtse.v1.EIPPool",
        "error-status-409.json, dev.ccigen.runtime.Status",
    })
    void documentationExamplesRoundTrip(String example, String className) throws Exception {
        JsonNode original = new ObjectMapper()
                .readTree(CCI.resolve("examples").resolve(example).toFile());
        Object object = mapper.treeToValue(original, loader.loadClass(className));
        assertEquals(original, new ObjectMapper().readTree(mapper.writeValueAsString(object)));
    }

    @Test
    void errorCodesCanBeLookedUp() throws Exception {
        Class<?> codes = loader.loadClass("dev.ccigen.cci.ErrorCodes");
        assertEquals(110, ((List<?>) codes.getMethod("all").invoke(null)).size());
        Optional<?> found =
                (Optional<?>) codes.getMethod("lookup", String.class).invoke(null, "CCI.02.409101");
        Object code = found.orElseThrow();
        assertEquals(409, code.getClass().getMethod("status").invoke(code));
        assertEquals(Optional.empty(), codes.getMethod("lookup", String.class).invoke(null, "CCI.99.999999"));
    }

    @Test
    void theIamDocumentIsAPlainOperationStyleApi() throws Exception {
        Path root = Path.of("target", "generated-test", "iam");
        GeneratorConfig config = new GeneratorConfig(
                TestDocs.specs().resolve("iam/openapi-v2.json"),
                null,
                root.resolve("src"),
                null,
                new LinkOptions("dev.ccigen.iam", "IamClient", List.of(), List.of(), true, Map.of()),
                true);
        new Generator().generate(config);
        String auth = Files.readString(root.resolve("src/dev/ccigen/iam/api/AuthApi.java"));
        assertTrue(auth.contains("keystoneCreateUserTokenByPassword("), auth);
        assertTrue(auth.contains("\"POST\", path$"), auth);
        assertTrue(auth.contains("keystoneCreateUserTokenByPasswordWithResponse("), "the token comes in a header");
        Compiler.Result compiled = Compiler.compile(root.resolve("src"), root.resolve("classes"));
        assertEquals(List.of(), compiled.errors());
    }

    static ResourceModel resource(String groupVersion, String plural) {
        return model.groupVersions().stream()
                .filter(g -> g.groupVersion().equals(groupVersion))
                .findFirst()
                .orElseThrow()
                .resources()
                .stream()
                .filter(r -> r.plural().equals(plural))
                .findFirst()
                .orElseThrow();
    }
}
