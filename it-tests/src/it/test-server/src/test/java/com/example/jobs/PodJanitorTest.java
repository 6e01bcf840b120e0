package com.example.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.cci.CciClientTestServer;
import com.example.cci.api.core.v1.Pods;
import com.example.cci.model.core.v1.Pod;
import com.example.cci.model.meta.v1.ObjectMeta;
import dev.ccigen.runtime.Patch;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The project's own tests: its code against the server ccigen generated, no cloud account, no network. */
class PodJanitorTest {
    private CciClientTestServer server;
    private Pods pods;

    @BeforeEach
    void start() {
        server = CciClientTestServer.start();
        pods = server.client().coreV1().pods("jobs");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void pod(String name, boolean cleanup, String phase) {
        pods.create(Pod.builder().metadata(ObjectMeta.builder().name(name)
                .labels(cleanup ? Map.of("cleanup", "true") : Map.of()).build()).build());
        pods.patchStatus(name, Patch.merge(Map.of("status", Map.of("phase", phase))));
    }

    @Test
    void runsOnTheJacksonTheProjectChose() {
        assertEquals(System.getProperty("expected.jackson"),
                com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    }

    @Test
    void deletesOnlyFailedPodsMarkedForCleanUpThroughThrottlingAndTokenExpiry() {
        pod("a", true, "Failed");
        pod("b", true, "Running");
        pod("c", false, "Failed");
        pod("d", true, "Failed");
        pod("e", true, "Failed");
        server.failNext("pods", 429).retryAfter(0).onlyFor("list");
        server.expireTokens();

        List<String> deleted = new PodJanitor(server.client()).deleteFailed("jobs");

        assertEquals(List.of("a", "d", "e"), deleted);
        assertEquals(List.of("b", "c"), pods.list().getItems().stream().map(p -> p.getMetadata().getName()).toList());
        long pages = server.requests("GET", "/api/v1/namespaces/jobs/pods").stream()
                .filter(r -> "2".equals(r.queryParameter("limit"))).count();
        assertEquals(4, pages, "the throttled try, the try with the expired token, then two pages of two");
    }

    @Test
    void awaitsAPhaseByWatching() throws Exception {
        pod("job", false, "Pending");
        CompletableFuture<Pod> running = CompletableFuture.supplyAsync(
                () -> new PodJanitor(server.client()).awaitPhase("jobs", "job", "Succeeded"));
        Thread.sleep(200);
        pods.patchStatus("job", Patch.merge(Map.of("status", Map.of("phase", "Succeeded"))));
        assertEquals("Succeeded", running.get(10, TimeUnit.SECONDS).getStatus().getPhase());
    }
}
