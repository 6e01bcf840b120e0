package dev.ccigen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.it.cci.CciClientTestServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * fabric8's KubernetesClient, a client no one here wrote, against the generated CciClientTestServer: what a user of
 * fabric8 does every day works as against a cluster (it authenticates with a bearer token the server accepts).
 */
@Timeout(60)
class Fabric8ClientTest {
    private CciClientTestServer server;
    private KubernetesClient k8s;

    @BeforeEach
    void start() {
        server = CciClientTestServer.start();
        server.acceptToken("fabric8-token");
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(server.uri().toString())
                .withOauthToken("fabric8-token")
                .withNamespace("ns")
                .withRequestRetryBackoffLimit(0)
                .build();
        k8s = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterEach
    void stop() {
        k8s.close();
        server.close();
    }

    private static Pod pod(String name, String app) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(Map.of("app", app))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage("nginx:1.25")
                .endContainer()
                .endSpec()
                .build();
    }

    @Test
    void createGetListByLabelAndDelete() {
        k8s.pods().resource(pod("web-1", "web")).create();
        k8s.pods().resource(pod("web-2", "web")).create();
        k8s.pods().resource(pod("db-1", "db")).create();
        Pod got = k8s.pods().withName("web-1").get();
        assertEquals("ns", got.getMetadata().getNamespace());
        assertEquals(36, got.getMetadata().getUid().length());
        assertEquals(
                List.of("web-1", "web-2"),
                k8s.pods().withLabel("app", "web").list().getItems().stream()
                        .map(p -> p.getMetadata().getName())
                        .toList());
        KubernetesClientException twin = org.junit.jupiter.api.Assertions.assertThrows(
                KubernetesClientException.class,
                () -> k8s.pods().resource(pod("web-1", "web")).create());
        assertEquals(409, twin.getCode());
        assertEquals("web-1", twin.getStatus().getDetails().getName());
        assertEquals("pods", twin.getStatus().getDetails().getKind());

        assertEquals(1, k8s.pods().withName("db-1").delete().size());
        assertNull(k8s.pods().withName("db-1").get());
        Pod edited = k8s.pods()
                .withName("web-2")
                .edit(p -> new PodBuilder(p)
                        .editMetadata()
                        .addToLabels("tier", "front")
                        .endMetadata()
                        .build());
        assertEquals("front", edited.getMetadata().getLabels().get("tier"));
    }

    @Test
    void watchAndInformerSeeEveryChange() throws Exception {
        BlockingQueue<String> watched = new LinkedBlockingQueue<>();
        BlockingQueue<String> informed = new LinkedBlockingQueue<>();
        try (Watch watch = k8s.pods().withLabel("app", "web").watch(new Watcher<Pod>() {
                    @Override
                    public void eventReceived(Action action, Pod pod) {
                        watched.add(action + " " + pod.getMetadata().getName());
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                });
                SharedIndexInformer<Pod> informer = k8s.pods().inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        informed.add("add " + pod.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(Pod before, Pod after) {
                        informed.add("update " + after.getMetadata().getName());
                    }

                    @Override
                    public void onDelete(Pod pod, boolean unknownFinalState) {
                        informed.add("delete " + pod.getMetadata().getName());
                    }
                })) {
            k8s.pods().resource(pod("web-1", "web")).create();
            assertEquals("ADDED web-1", watched.poll(10, TimeUnit.SECONDS));
            assertEquals("add web-1", informed.poll(10, TimeUnit.SECONDS));
            k8s.pods()
                    .withName("web-1")
                    .edit(p -> new PodBuilder(p)
                            .editMetadata()
                            .addToAnnotations("note", "x")
                            .endMetadata()
                            .build());
            assertEquals("MODIFIED web-1", watched.poll(10, TimeUnit.SECONDS));
            assertEquals("update web-1", informed.poll(10, TimeUnit.SECONDS));
            server.endWatches(); // both resume from their last resourceVersion
            k8s.pods().withName("web-1").delete();
            assertEquals("DELETED web-1", watched.poll(10, TimeUnit.SECONDS));
            assertEquals("delete web-1", informed.poll(10, TimeUnit.SECONDS));
            assertTrue(informer.hasSynced());
        }
    }

    @Test
    void serverSideApplySecretsAndExec() throws Exception {
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .addToMatchLabels("app", "web")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "web")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage("nginx:1.25")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        Deployment applied = k8s.apps()
                .deployments()
                .resource(deployment)
                .fieldManager("fabric8")
                .serverSideApply();
        assertEquals(2, applied.getSpec().getReplicas());
        assertEquals("fabric8", applied.getMetadata().getManagedFields().get(0).getManager());
        k8s.apps().deployments().withName("web").scale(4);
        assertEquals(4, k8s.apps().deployments().withName("web").get().getSpec().getReplicas());

        Secret secret = k8s.secrets()
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("s")
                        .endMetadata()
                        .addToStringData("password", "hunter2")
                        .build())
                .create();
        assertTrue(secret.getStringData() == null || secret.getStringData().isEmpty(), "never returned");
        assertEquals("aHVudGVyMg==", secret.getData().get("password"));
        ConfigMap cm = k8s.configMaps()
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("c")
                        .endMetadata()
                        .addToData("a", "b")
                        .build())
                .create();
        assertEquals("b", cm.getData().get("a"));

        k8s.pods().resource(pod("shell", "shell")).create();
        server.pod("ns", "shell").exec(List.of("date"), dev.ccigen.testserver.ExecHandler.reply("Mon\n", "", 0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExecWatch exec = k8s.pods().withName("shell").writingOutput(out).exec("date")) {
            assertEquals(0, exec.exitCode().get(10, TimeUnit.SECONDS));
        }
        assertEquals("Mon\n", out.toString(StandardCharsets.UTF_8));
        ByteArrayOutputStream echo = new ByteArrayOutputStream();
        try (ExecWatch exec = k8s.pods().withName("shell").writingOutput(echo).exec("sh", "-c", "echo hi; exit 4")) {
            assertEquals(4, exec.exitCode().get(10, TimeUnit.SECONDS));
        }
        assertEquals("hi\n", echo.toString(StandardCharsets.UTF_8));
    }
}
