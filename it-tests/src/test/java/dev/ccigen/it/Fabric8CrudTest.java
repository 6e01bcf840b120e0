package dev.ccigen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.it.cci.CciClient;
import dev.ccigen.it.cci.api.apps.v1.Deployments;
import dev.ccigen.it.cci.api.batch.volcano.sh.v1alpha1.Jobs;
import dev.ccigen.it.cci.api.core.v1.Namespaces;
import dev.ccigen.it.cci.api.core.v1.Pods;
import dev.ccigen.it.cci.model.apps.v1.Deployment;
import dev.ccigen.it.cci.model.apps.v1.DeploymentSpec;
import dev.ccigen.it.cci.model.core.v1.Container;
import dev.ccigen.it.cci.model.core.v1.Namespace;
import dev.ccigen.it.cci.model.core.v1.Pod;
import dev.ccigen.it.cci.model.core.v1.PodSpec;
import dev.ccigen.it.cci.model.core.v1.PodTemplateSpec;
import dev.ccigen.it.cci.model.meta.v1.LabelSelector;
import dev.ccigen.it.cci.model.meta.v1.ObjectMeta;
import dev.ccigen.it.cci.model.volcano.batch.v1alpha1.Job;
import dev.ccigen.it.cci.model.volcano.batch.v1alpha1.JobSpec;
import dev.ccigen.it.cci.model.volcano.batch.v1alpha1.TaskSpec;
import dev.ccigen.runtime.ConflictException;
import dev.ccigen.runtime.ListOptions;
import dev.ccigen.runtime.NotFoundException;
import dev.ccigen.runtime.Patch;
import dev.ccigen.runtime.Status;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated CCI client against fabric8's Kubernetes mock server in CRUD mode: a server that stores what it is
 * sent, answers with Kubernetes' status codes and Status bodies, filters by label, and applies JSON and merge patches.
 * (fabric8 7.5.2: 8.x runs on Jackson 3, which needs jackson-annotations 2.22 while our jackson-bom manages 2.21,
 * and fails with {@code NoClassDefFoundError: com/fasterxml/jackson/annotation/JsonApplyView}.)
 */
class Fabric8CrudTest {
    private static KubernetesMockServer server;
    private static CciClient client;

    @BeforeAll
    static void start() {
        CustomResourceDefinitionContext volcanoJobs = new CustomResourceDefinitionContext.Builder()
                .withGroup("batch.volcano.sh")
                .withVersion("v1alpha1")
                .withPlural("jobs")
                .withKind("Job")
                .withScope("Namespaced")
                .build();
        server = new KubernetesMockServer(
                new Context(),
                new MockWebServer(),
                new HashMap<>(),
                new KubernetesCrudDispatcher(List.of(volcanoJobs)),
                false);
        server.init();
        client = CciClient.builder()
                .endpoint(URI.create("http://" + server.getHostName() + ":" + server.getPort()))
                .token("t")
                .build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        server.destroy();
    }

    private static ObjectMeta meta(String name, Map<String, String> labels) {
        return ObjectMeta.builder().name(name).labels(labels).build();
    }

    private static Pod pod(String name, Map<String, String> labels) {
        return Pod.builder()
                .metadata(meta(name, labels))
                .spec(PodSpec.builder()
                        .containers(List.of(Container.builder()
                                .name("c")
                                .image("nginx:1.21")
                                .build()))
                        .build())
                .build();
    }

    private static List<String> names(List<? extends dev.ccigen.runtime.KubernetesObject> items) {
        return items.stream().map(o -> o.objectName()).sorted().collect(Collectors.toList());
    }

    @Test
    void podLifecycle() {
        Pods pods = client.coreV1().pods("crud");
        Pod created = pods.create(pod("web", Map.of("app", "web", "tier", "front")));
        assertEquals("web", created.getMetadata().getName());
        assertEquals("v1", created.getApiVersion());
        assertEquals("Pod", created.getKind());
        assertNotNull(created.getMetadata().getResourceVersion(), "the server set a resourceVersion");
        pods.create(pod("db", Map.of("app", "db")));

        Pod read = pods.get("web");
        assertEquals("nginx:1.21", read.getSpec().getContainers().get(0).getImage());

        assertEquals(List.of("db", "web"), names(pods.list().getItems()));
        assertEquals(
                List.of("web"),
                names(pods.list(ListOptions.builder().labelSelector("app=web").build())
                        .getItems()));
        assertEquals(
                List.of("db"),
                names(pods.listAll(
                                ListOptions.builder().labelSelector("app!=web").build())
                        .toList()));

        read.getMetadata().getLabels().put("replaced", "yes");
        Pod replaced = pods.replace(read);
        assertEquals("yes", replaced.getMetadata().getLabels().get("replaced"));
        assertEquals("yes", pods.get("web").getMetadata().getLabels().get("replaced"));

        Pod jsonPatched = pods.patch("web", Patch.json().replace("/metadata/labels/tier", "back"));
        assertEquals("back", jsonPatched.getMetadata().getLabels().get("tier"));

        Pod mergePatched =
                pods.patch("web", Patch.merge(Map.of("metadata", Map.of("labels", Map.of("merged", "true")))));
        assertEquals("true", mergePatched.getMetadata().getLabels().get("merged"));
        assertEquals(
                "back", mergePatched.getMetadata().getLabels().get("tier"), "a merge patch keeps the other labels");

        pods.delete("web");
        NotFoundException missing = assertThrows(NotFoundException.class, () -> pods.get("web"));
        assertEquals(404, missing.statusCode());
        // This mock answers a GET of a missing object with an empty body (a real apiserver sends a Status: see
        // CciBehaviourTest); whatever Status there is must be the server's.
        missing.status().ifPresent(s -> assertEquals(404, s.getCode()));
        assertTrue(missing.getMessage().contains("404"), missing.getMessage());
        assertEquals(List.of("db"), names(pods.list().getItems()));
        pods.delete("db");
    }

    @Test
    void secondCreateConflicts() {
        Pods pods = client.coreV1().pods("conflict");
        pods.create(pod("once", Map.of()));
        ConflictException conflict = assertThrows(ConflictException.class, () -> pods.create(pod("once", Map.of())));
        assertEquals(409, conflict.statusCode());
        Status status = conflict.status().orElseThrow();
        assertEquals(409, status.getCode());
        assertEquals("Failure", status.getStatus());
        assertTrue(status.getMessage().contains("already exists"), status.getMessage());
        assertEquals(status.getMessage(), conflict.errorMessage());
        assertTrue(conflict.getMessage().contains("already exists"), conflict.getMessage());
    }

    @Test
    void clusterScopedNamespace() {
        Namespaces namespaces = client.coreV1().namespaces();
        namespaces.create(Namespace.builder()
                .metadata(meta("team-a", Map.of("owner", "a")))
                .build());
        namespaces.create(Namespace.builder()
                .metadata(meta("team-b", Map.of("owner", "b")))
                .build());
        assertEquals("team-a", namespaces.get("team-a").getMetadata().getName());
        assertEquals(
                List.of("team-b"),
                names(namespaces
                        .list(ListOptions.builder().labelSelector("owner=b").build())
                        .getItems()));

        Namespace ns = namespaces.get("team-a");
        ns.getMetadata().getLabels().put("cost-center", "42");
        assertEquals("42", namespaces.replace(ns).getMetadata().getLabels().get("cost-center"));
        assertEquals(
                "x",
                namespaces
                        .patch("team-a", Patch.merge(Map.of("metadata", Map.of("labels", Map.of("patched", "x")))))
                        .getMetadata()
                        .getLabels()
                        .get("patched"));

        namespaces.delete("team-a");
        assertThrows(NotFoundException.class, () -> namespaces.get("team-a"));
        assertFalse(names(namespaces.list().getItems()).contains("team-a"));
    }

    @Test
    void deployment() {
        Deployments deployments = client.appsV1().deployments("apps");
        Map<String, String> labels = Map.of("app", "api");
        Deployment d = Deployment.builder()
                .metadata(meta("api", labels))
                .spec(DeploymentSpec.builder()
                        .replicas(2)
                        .selector(LabelSelector.builder().matchLabels(labels).build())
                        .template(PodTemplateSpec.builder()
                                .metadata(ObjectMeta.builder().labels(labels).build())
                                .spec(PodSpec.builder()
                                        .containers(List.of(Container.builder()
                                                .name("api")
                                                .image("api:1")
                                                .build()))
                                        .build())
                                .build())
                        .build())
                .build();
        assertEquals("apps/v1", deployments.create(d).getApiVersion());
        Deployment read = deployments.get("api");
        assertEquals(2, read.getSpec().getReplicas());

        read.getSpec().replicas(3);
        assertEquals(3, deployments.replace(read).getSpec().getReplicas());
        assertEquals(
                List.of("api"),
                names(deployments
                        .list(ListOptions.builder().labelSelector("app=api").build())
                        .getItems()));

        Deployment patched = deployments.patch("api", Patch.json().replace("/spec/replicas", 5));
        assertEquals(5, patched.getSpec().getReplicas());
        assertEquals(
                1,
                deployments
                        .patch("api", Patch.merge(Map.of("spec", Map.of("replicas", 1))))
                        .getSpec()
                        .getReplicas());

        deployments.delete("api");
        assertThrows(NotFoundException.class, () -> deployments.get("api"));
    }

    @Test
    void volcanoJob() {
        Jobs jobs = client.batchVolcanoShV1alpha1().jobs("hpc");
        Job job = Job.builder()
                .metadata(meta("mpi", Map.of("kind", "mpi")))
                .spec(JobSpec.builder()
                        .minAvailable(1)
                        .schedulerName("volcano")
                        .tasks(List.of(TaskSpec.builder()
                                .name("master")
                                .replicas(1)
                                .template(PodTemplateSpec.builder()
                                        .spec(PodSpec.builder()
                                                .containers(List.of(Container.builder()
                                                        .name("m")
                                                        .image("mpi:1")
                                                        .build()))
                                                .build())
                                        .build())
                                .build()))
                        .build())
                .build();
        Job created = jobs.create(job);
        assertEquals("batch.volcano.sh/v1alpha1", created.getApiVersion());
        assertEquals("Job", created.getKind());

        Job read = jobs.get("mpi");
        assertEquals("master", read.getSpec().getTasks().get(0).getName());
        assertEquals(
                List.of("mpi"),
                names(jobs.list(ListOptions.builder().labelSelector("kind=mpi").build())
                        .getItems()));

        read.getSpec().minAvailable(2);
        assertEquals(2, jobs.replace(read).getSpec().getMinAvailable());
        assertEquals(
                "gang",
                jobs.patch("mpi", Patch.merge(Map.of("metadata", Map.of("labels", Map.of("policy", "gang")))))
                        .getMetadata()
                        .getLabels()
                        .get("policy"));

        jobs.delete("mpi");
        assertThrows(NotFoundException.class, () -> jobs.get("mpi"));
    }
}
