package dev.ccigen.generator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.TestDocs;
import dev.ccigen.generator.problem.Problem;
import dev.ccigen.generator.problem.Problems;
import dev.ccigen.generator.read.Discovery;
import dev.ccigen.generator.read.DiscoveryReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape of the generated API on the real Kubernetes 1.20 document and listings: names from kinds, one surface
 * (no operation reachable two ways), the listings deciding scope.
 */
class ApiShapeTest {
    static ApiModel model;

    @BeforeAll
    static void link() {
        if (KubernetesLinkTest.model == null) {
            KubernetesLinkTest.link();
        }
        model = KubernetesLinkTest.model;
    }

    @Test
    void resourceClassesAndAccessorsAreNamedAfterTheirKind() {
        Map<String, String> expected = Map.of(
                "persistentvolumeclaims", "PersistentVolumeClaims",
                "resourcequotas", "ResourceQuotas",
                "configmaps", "ConfigMaps",
                "serviceaccounts", "ServiceAccounts",
                "endpoints", "Endpoints",
                "componentstatuses", "ComponentStatuses");
        expected.forEach((plural, name) -> {
            ResourceModel r = KubernetesLinkTest.resource("", "v1", plural);
            assertEquals(name, r.className());
            assertEquals(Character.toLowerCase(name.charAt(0)) + name.substring(1), r.accessor());
        });
        assertEquals(
                "NetworkPolicies",
                KubernetesLinkTest.resource("networking.k8s.io", "v1", "networkpolicies")
                        .className());
        assertEquals(
                "ClusterRoleBindings",
                KubernetesLinkTest.resource("rbac.authorization.k8s.io", "v1", "clusterrolebindings")
                        .className());
        assertEquals(
                "csiDrivers",
                KubernetesLinkTest.resource("storage.k8s.io", "v1", "csidrivers")
                        .accessor());
        // subresources too: the listing's kind, or the name where they differ
        ResourceModel serviceAccounts = KubernetesLinkTest.resource("", "v1", "serviceaccounts");
        assertEquals("Token", KubernetesLinkTest.sub(serviceAccounts, "token").methodSuffix());
        assertEquals(
                "Status",
                KubernetesLinkTest.sub(KubernetesLinkTest.resource("", "v1", "pods"), "status")
                        .methodSuffix());
    }

    @Test
    void acronymsReadAsWords() {
        assertEquals("apiServices", Naming.accessor("APIServices"));
        assertEquals("csiDrivers", Naming.accessor("CSIDrivers"));
        assertEquals("pods", Naming.accessor("Pods"));
        assertEquals("eip", Naming.accessor("EIP"));
        assertEquals(
                "PersistentVolumeClaims", ResourceLinker.kindCased("persistentvolumeclaims", "PersistentVolumeClaim"));
        assertEquals("NetworkPolicies", ResourceLinker.kindCased("networkpolicies", "NetworkPolicy"));
        assertEquals("status", ResourceLinker.kindCased("status", "Pod"));
        assertEquals("pods", ResourceLinker.kindCased("pods", null));
    }

    @Test
    void everyOperationIsReachedOneWay() {
        for (OperationGroupModel tag : model.operationGroups()) {
            for (OperationGroupModel.OperationModel op : tag.operations()) {
                // an operation of a group-version is on its class when the listings serve it, and nowhere when not
                String[] gv = PathShape.groupVersionOf(op.path());
                assertFalse(gv != null && gv[1] != null, tag.accessor() + "() has " + op.path());
            }
            assertFalse(tag.accessor().endsWith("Operations"), tag.accessor());
        }
        GroupVersionModel core = KubernetesLinkTest.groupVersion("", "v1");
        List<String> coreOps = core.operations().operations().stream()
                .map(OperationGroupModel.OperationModel::path)
                .toList();
        assertTrue(coreOps.contains("/api/v1/"), coreOps::toString);
        assertTrue(coreOps.stream().anyMatch(p -> p.endsWith("/proxy")), coreOps::toString);
        // storage.k8s.io/v1beta1 is in the document, not in the listings: not even its discovery operation is generated
        assertTrue(model.operationGroups().stream()
                .flatMap(g -> g.operations().stream())
                .noneMatch(o -> o.path().startsWith("/apis/storage.k8s.io/v1beta1")));
    }

    /**
     * One surface, tidier: the discovery documents of every group are {@code client.discovery()}'s methods, not one
     * class per group beside the group-versions; a group-version's operations are named without what its class says.
     */
    @Test
    void discoveryIsOneClassAndGroupVersionOperationsDropTheirClassName() {
        List<OperationGroupModel> discovery = model.operationGroups().stream()
                .filter(OperationGroupModel::discovery)
                .toList();
        assertEquals(1, discovery.size());
        assertEquals("Discovery", discovery.get(0).className());
        assertEquals("discovery", discovery.get(0).accessor());
        assertEquals(
                List.of(
                        "coreAPIVersions /api/",
                        "apiVersions /apis/",
                        "appsAPIGroup /apis/apps/",
                        "batchAPIGroup /apis/batch/",
                        "networkingAPIGroup /apis/networking.k8s.io/",
                        "rbacAuthorizationAPIGroup /apis/rbac.authorization.k8s.io/",
                        "storageAPIGroup /apis/storage.k8s.io/"),
                discovery.get(0).operations().stream()
                        .map(o -> o.methodName() + " " + o.path())
                        .toList());
        // what is left to tags is what belongs to no group: /version, /logs, the OpenID documents
        assertEquals(
                List.of("wellKnown", "logs", "openid", "version"), // by tag: WellKnown, logs, openid, version
                model.operationGroups().stream()
                        .filter(g -> !g.discovery())
                        .map(OperationGroupModel::accessor)
                        .toList());
        List<String> core = KubernetesLinkTest.groupVersion("", "v1").operations().operations().stream()
                .map(OperationGroupModel.OperationModel::methodName)
                .toList();
        assertTrue(core.contains("apiResources"), core::toString);
        assertTrue(core.contains("connectGetNamespacedPodProxy"), core::toString);
        assertTrue(core.stream().noneMatch(m -> m.contains("CoreV1")), core::toString);
        assertEquals(
                List.of("apiResources"),
                KubernetesLinkTest.groupVersion("rbac.authorization.k8s.io", "v1").operations().operations().stream()
                        .map(OperationGroupModel.OperationModel::methodName)
                        .toList());
        assertEquals("APIResources", OperationLinker.withoutGet("GetAPIResources"));
        assertEquals("Getaway", OperationLinker.withoutGet("Getaway"));
        assertEquals(null, OperationLinker.withoutClassName("GetCoreV1beta1APIResources", "CoreV1"));
    }

    @Test
    void whatNeedsAWebSocketIsAMethodWhereTheListingsGrantIt() {
        Stream<OperationGroupModel> all = Stream.concat(
                model.operationGroups().stream(),
                model.groupVersions().stream()
                        .map(GroupVersionModel::operations)
                        .filter(o -> o != null));
        List<String> paths = all.flatMap(g -> g.operations().stream())
                .map(OperationGroupModel.OperationModel::path)
                .toList();
        assertTrue(
                paths.stream()
                        .noneMatch(p -> p.endsWith("/exec") || p.endsWith("/attach") || p.endsWith("/portforward")),
                paths::toString);
        ResourceModel pods = KubernetesLinkTest.resource("", "v1", "pods");
        assertTrue(
                pods.exec() && pods.attach() && pods.portForward(),
                "the listings grant pods/exec, /attach, /portforward");
        ResourceModel services = KubernetesLinkTest.resource("", "v1", "services");
        assertFalse(services.exec() || services.attach() || services.portForward());
        assertTrue(
                KubernetesLinkTest.problems.all().stream()
                        .noneMatch(p -> p.message().contains("WebSocket")),
                () -> KubernetesLinkTest.problems.all().toString());
    }

    @Test
    void aWebSocketSubresourceTheListingsDoNotGrantIsLeftOutAndSaidSo(@TempDir Path dir) throws IOException {
        Path listings = copyOfTheListings(dir);
        Path core = listings.resolve("api__v1.json");
        String text = Files.readString(core);
        String attach = "\"name\": \"pods/attach\",";
        assertTrue(text.contains(attach), "the listing's layout changed");
        Files.writeString(core, text.replace(attach, "\"name\": \"pods/attachments\","));
        Problems p = new Problems();
        Discovery discovery = new DiscoveryReader().read(listings, p);
        ApiModel linked =
                new Linker().link(KubernetesLinkTest.spec, discovery, LinkOptions.defaults("io.example.k8s"), p);
        ResourceModel pods = linked.groupVersions().stream()
                .filter(gv -> gv.group().isEmpty() && gv.version().equals("v1"))
                .flatMap(gv -> gv.resources().stream())
                .filter(r -> r.plural().equals("pods"))
                .findFirst()
                .orElseThrow();
        assertTrue(pods.exec() && !pods.attach() && pods.portForward());
        assertTrue(
                p.all().stream()
                        .anyMatch(
                                problem -> problem.message()
                                        .equals(
                                                "left out, a WebSocket subresource no listed "
                                                        + "resource is granted: GET /api/v1/namespaces/{namespace}/pods/{name}/attach")),
                () -> p.all().toString());
    }

    /** The Kubernetes listings, copied to {@code dir} to be edited. */
    private static Path copyOfTheListings(Path dir) throws IOException {
        Path listings = dir.resolve("discovery");
        Files.createDirectories(listings);
        try (Stream<Path> files = Files.list(TestDocs.kubernetesListings())) {
            for (Path f : files.toList()) {
                Files.copy(f, listings.resolve(f.getFileName()));
            }
        }
        return listings;
    }

    @Test
    void theListingsDecideTheScope(@TempDir Path dir) throws IOException {
        Path listings = copyOfTheListings(dir);
        Path core = listings.resolve("api__v1.json");
        String text = Files.readString(core);
        String configMaps = "\"name\": \"configmaps\",";
        int at = text.indexOf(configMaps);
        int flag = text.indexOf("\"namespaced\": true", at);
        assertTrue(at > 0 && flag > at, "the listing's layout changed");
        Files.writeString(
                core,
                text.substring(0, flag) + "\"namespaced\": false"
                        + text.substring(flag + "\"namespaced\": true".length()));

        Problems p = new Problems();
        Discovery discovery = new DiscoveryReader().read(listings, p);
        ApiModel m = new Linker().link(KubernetesLinkTest.spec, discovery, LinkOptions.defaults("io.example.k8s"), p);
        ResourceModel cm = m.groupVersions().stream()
                .filter(g -> g.groupVersion().equals("v1"))
                .findFirst()
                .orElseThrow()
                .resources()
                .stream()
                .filter(r -> r.plural().equals("configmaps"))
                .findFirst()
                .orElseThrow();
        assertFalse(cm.namespaced());
        Problem warning = p.all().stream()
                .filter(x -> x.message().contains("configmaps is cluster-scoped in the listings"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(p.all().toString()));
        assertEquals(Problem.Severity.WARNING, warning.severity());
        assertTrue(warning.file().endsWith("api__v1.json") && warning.pointer() != null, warning::toString);

        Problems strict = new Problems();
        new Linker()
                .link(
                        KubernetesLinkTest.spec,
                        discovery,
                        new LinkOptions("io.example.k8s", "K", List.of(), List.of(), true, Map.of()),
                        strict);
        assertTrue(strict.all().stream()
                .anyMatch(x -> x.isError() && x.message().contains("configmaps is cluster-scoped")));
    }
}
