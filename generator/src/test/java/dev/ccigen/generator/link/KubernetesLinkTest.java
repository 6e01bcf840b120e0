package dev.ccigen.generator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.TestDocs;
import dev.ccigen.generator.problem.Problem;
import dev.ccigen.generator.problem.Problems;
import dev.ccigen.generator.read.ApiSpec;
import dev.ccigen.generator.read.Discovery;
import dev.ccigen.generator.read.DiscoveryReader;
import dev.ccigen.generator.read.SpecReader;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Links the real Kubernetes 1.20 document with real discovery listings and checks resources by hand. */
class KubernetesLinkTest {
    static ApiSpec spec;
    static ApiModel model;
    static Problems problems = new Problems();

    @BeforeAll
    static void link() {
        spec = new SpecReader().read(TestDocs.kubernetes(), problems);
        Discovery discovery = new DiscoveryReader().read(TestDocs.kubernetesListings(), problems);
        model = new Linker().link(spec, discovery, LinkOptions.defaults("io.example.k8s"), problems);
    }

    @Test
    void readsTheWholeDocument() {
        assertFalse(
                problems.hasErrors(),
                () -> problems.all().stream()
                        .filter(Problem::isError)
                        .limit(5)
                        .toList()
                        .toString());
        assertEquals(654, spec.definitions().size());
        assertEquals(1063, spec.operations().size());
        assertNotNull(spec.definition("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps"));
        // vendor extensions are kept verbatim
        var containers =
                spec.definition("io.k8s.api.core.v1.PodSpec").properties().get("containers");
        assertEquals("merge", containers.extensions().text("x-kubernetes-patch-strategy"));
        assertEquals("name", containers.extensions().text("x-kubernetes-patch-merge-key"));
    }

    @Test
    void podsAreNamespacedWithTheirVerbsAndSubresources() {
        ResourceModel pods = resource("", "v1", "pods");
        assertTrue(pods.namespaced());
        assertEquals("Pod", pods.kind());
        assertTrue(pods.type().endsWith("Pod"));
        assertTrue(pods.get()
                && pods.list()
                && pods.create()
                && pods.update()
                && pods.patch()
                && pods.delete()
                && pods.deleteCollection()
                && pods.watch());
        List<String> subs = pods.subresources().stream()
                .map(ResourceModel.SubresourceModel::name)
                .toList();
        assertTrue(subs.containsAll(List.of("log", "status", "eviction", "binding")), subs.toString());
        ResourceModel.SubresourceModel log = sub(pods, "log");
        assertTrue(log.text() && log.get());
        ResourceModel.SubresourceModel eviction = sub(pods, "eviction");
        assertTrue(eviction.create() && !eviction.get());
        assertEquals("io.example.k8s.api.core.v1", pods.packageName());
    }

    @Test
    void namespacesAreClusterScoped() {
        ResourceModel ns = resource("", "v1", "namespaces");
        assertFalse(ns.namespaced());
        assertTrue(ns.get() && ns.list() && ns.create() && ns.delete());
        assertFalse(ns.deleteCollection(), "Kubernetes has no deletecollection for namespaces");
    }

    @Test
    void deploymentsHaveScale() {
        ResourceModel d = resource("apps", "v1", "deployments");
        ResourceModel.SubresourceModel scale = sub(d, "scale");
        assertTrue(scale.get() && scale.update() && scale.patch());
        assertTrue(scale.type().endsWith("Scale"), scale.type());
        assertEquals("Status", d.deleteCollectionType().replaceAll(".*\\.", ""));
    }

    @Test
    void theListingsDecideWhatIsServed() {
        // The modern listings have no batch/v1beta1: CronJobs are served from batch/v1 only, and 1.20 has
        // batch/v1 cronjobs not at all — a warning naming both places, and no resource.
        assertNull(groupVersion("batch", "v1beta1"));
        assertTrue(
                problems.all().stream()
                        .anyMatch(p -> p.severity() == Problem.Severity.WARNING
                                && p.message().contains("batch/v1 cronjobs")
                                && p.file().toString().endsWith("apis__batch__v1.json")),
                () -> problems.all().toString());
        // a verb the listings grant that the 1.20 document has no operation for: a warning naming both places, no
        // method
        assertTrue(
                problems.all().stream()
                        .anyMatch(p -> p.severity() == Problem.Severity.WARNING
                                && p.message().contains("grant verb \"deletecollection\" on v1 services")
                                && p.message().contains("swagger-1.20.json.gz has no operation for it")
                                && p.file().toString().endsWith("api__v1.json")
                                && p.pointer().startsWith("/resources/")),
                () -> problems.all().toString());
        ResourceModel services = resource("", "v1", "services");
        assertTrue(services.get() && services.list() && services.delete());
        assertFalse(services.deleteCollection(), "granted, but not served by the document");
    }

    @Test
    void withoutListingsTheDocumentYieldsResources() {
        Problems p = new Problems();
        ApiModel m = new Linker().link(spec, null, LinkOptions.defaults("io.example.k8s"), p);
        GroupVersionModel batch = m.groupVersions().stream()
                .filter(g -> g.group().equals("batch") && g.version().equals("v1beta1"))
                .findFirst()
                .orElseThrow();
        ResourceModel cronjobs = batch.resources().stream()
                .filter(r -> r.plural().equals("cronjobs"))
                .findFirst()
                .orElseThrow();
        assertTrue(cronjobs.namespaced() && cronjobs.get() && cronjobs.watch());
        assertTrue(sub(cronjobs, "status").update());
    }

    @Test
    void javaNamesAreDecidedOnce() {
        TypeModel pod = type("io.k8s.api.core.v1.Pod");
        assertEquals("io.example.k8s.model.core.v1.Pod", pod.qualifiedName());
        assertEquals("v1", pod.apiVersion());
        assertEquals("Pod", pod.kind());
        assertTrue(pod.isKubernetesObject());
        TypeModel meta = type("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        assertEquals("io.example.k8s.model.meta.v1.ObjectMeta", meta.qualifiedName());
        assertTrue(type("io.k8s.api.core.v1.PodList").isKubernetesList());
        TypeModel props = type("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps");
        List<String> fields =
                props.properties().stream().map(PropertyModel::fieldName).toList();
        assertTrue(
                fields.containsAll(List.of("ref", "schema", "default_", "enum_", "xKubernetesIntOrString")),
                fields.toString());
        // ListMeta's "continue" is a keyword: the field is sanitised, the getter reads naturally
        PropertyModel cont = type("io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta").properties().stream()
                .filter(p -> p.jsonName().equals("continue"))
                .findFirst()
                .orElseThrow();
        assertEquals("continue_", cont.fieldName());
        assertEquals("getContinue", cont.getter());
        // Quantity and IntOrString are runtime types, not classes
        PropertyModel limits = type("io.k8s.api.core.v1.ResourceRequirements").properties().stream()
                .filter(p -> p.jsonName().equals("limits"))
                .findFirst()
                .orElseThrow();
        assertEquals("Map<String, Quantity>", limits.javaType());
    }

    @Test
    void sameSimpleNamesInTwoPackagesStayDistinct() {
        assertEquals(
                "io.example.k8s.model.extensions.v1beta1.Ingress",
                type("io.k8s.api.extensions.v1beta1.Ingress").qualifiedName());
        assertEquals(
                "io.example.k8s.model.networking.v1.Ingress",
                type("io.k8s.api.networking.v1.Ingress").qualifiedName());
    }

    @Test
    void theGroupFilterLeavesOutEverythingOfTheGroupsItExcludes() {
        Problems p = new Problems();
        ApiModel apps = new Linker()
                .link(
                        spec,
                        new DiscoveryReader().read(TestDocs.kubernetesListings(), p),
                        new LinkOptions("io.example.k8s", "K", List.of("apps"), List.of(), false, java.util.Map.of()),
                        p);
        assertEquals(
                List.of("apps/v1"),
                apps.groupVersions().stream()
                        .map(GroupVersionModel::groupVersion)
                        .toList());
        List<String> paths = apps.operationGroups().stream()
                .flatMap(g -> g.operations().stream())
                .map(OperationGroupModel.OperationModel::path)
                .toList();
        assertTrue(
                paths.stream()
                        .allMatch(path ->
                                path.startsWith("/apis/apps/") || path.equals("/apis/") || !path.startsWith("/api")),
                paths::toString);
        // apps/v1's own discovery operation is a method of its group-version class, not of a tag's class
        assertTrue(apps.groupVersions().get(0).operations().operations().stream()
                .anyMatch(o -> o.path().equals("/apis/apps/v1/")));
        assertFalse(paths.contains("/apis/apps/v1/"), paths::toString);
        assertTrue(p.all().stream().anyMatch(x -> x.message().equals("left out by the group filter: v1 pods")));
    }

    static TypeModel type(String definition) {
        return model.types().stream()
                .filter(t -> definition.equals(t.definitionName()))
                .findFirst()
                .orElseThrow();
    }

    static GroupVersionModel groupVersion(String group, String version) {
        return model.groupVersions().stream()
                .filter(g -> g.group().equals(group) && g.version().equals(version))
                .findFirst()
                .orElse(null);
    }

    static ResourceModel resource(String group, String version, String plural) {
        GroupVersionModel gv = groupVersion(group, version);
        assertNotNull(gv, group + "/" + version);
        return gv.resources().stream()
                .filter(r -> r.plural().equals(plural))
                .findFirst()
                .orElseThrow();
    }

    static ResourceModel.SubresourceModel sub(ResourceModel r, String name) {
        return r.subresources().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(r.plural() + " has no " + name + ": " + r.subresources()));
    }
}
