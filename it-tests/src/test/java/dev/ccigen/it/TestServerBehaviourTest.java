package dev.ccigen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccigen.it.cci.CciClient;
import dev.ccigen.it.cci.CciClientTestServer;
import dev.ccigen.it.cci.api.core.v1.Pods;
import dev.ccigen.it.cci.model.apps.v1.Deployment;
import dev.ccigen.it.cci.model.apps.v1.DeploymentSpec;
import dev.ccigen.it.cci.model.autoscaling.v1.Scale;
import dev.ccigen.it.cci.model.autoscaling.v1.ScaleSpec;
import dev.ccigen.it.cci.model.core.v1.Pod;
import dev.ccigen.it.cci.model.meta.v1.ObjectMeta;
import dev.ccigen.runtime.IamTokenProvider;
import dev.ccigen.runtime.ListOptions;
import dev.ccigen.runtime.LogOptions;
import dev.ccigen.runtime.NotFoundException;
import dev.ccigen.runtime.Patch;
import dev.ccigen.runtime.ServerErrorException;
import dev.ccigen.runtime.UnauthorizedException;
import dev.ccigen.runtime.Watch;
import dev.ccigen.runtime.WatchEvent;
import dev.ccigen.testserver.RecordedRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CciBehaviourTest's scenarios, with its assertions, against the generated CciClientTestServer instead of hand-written
 * handlers: what the client sees of IAM, the gateway and CCI must be the same whichever server answers.
 */
class TestServerBehaviourTest {
    private static final String PODS = "/api/v1/namespaces/ns/pods";
    private static final String TOKENS = "/v3/auth/tokens";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CciBehaviourTest.MutableClock clock = new CciBehaviourTest.MutableClock(Instant.now());
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private CciClientTestServer server;

    /** The server under test: over HTTP here; TestServerBehaviourInProcessTest runs the same tests in process. */
    CciClientTestServer startServer(java.time.Clock clock) {
        return CciClientTestServer.start(clock);
    }

    @BeforeEach
    void start() {
        server = startServer(clock);
        server.client().coreV1().pods("ns").create(pod("web"));
        server.clearRequests();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Pod pod(String name) {
        return Pod.builder().metadata(ObjectMeta.builder().name(name).build()).build();
    }

    private CciClient client() {
        return server.clientBuilder().sleeper(sleeps::add).build();
    }

    private CciClient iamClient() {
        return server.clientBuilder()
                .iam(IamTokenProvider.builder()
                        .iamEndpoint(server.uri())
                        .username("alice")
                        .password("s3cret")
                        .domainName("acme")
                        .projectName("cn-north-4")
                        .clock(clock))
                .sleeper(sleeps::add)
                .build();
    }

    @Test
    void iamTokenIsFetchedOnceSentAsXAuthTokenAndRefreshedWhenExpired() throws IOException {
        int before = server.gateway().tokensIssued();
        try (CciClient client = iamClient()) {
            Pods pods = client.coreV1().pods("ns");
            pods.get("web");
            pods.get("web");
            assertEquals(before + 1, server.gateway().tokensIssued(), "one IAM call while the token is valid");

            CciBehaviourTest.assertPasswordTokenRequest(
                    server.requests("POST", TOKENS).get(0).body());

            clock.advance(Duration.ofHours(25));
            pods.get("web");
            assertEquals(before + 2, server.gateway().tokensIssued(), "an expired token is fetched again");
            List<String> sent = server.requests("GET", PODS + "/web").stream()
                    .map(c -> c.header("X-Auth-Token"))
                    .toList();
            assertEquals(3, sent.size());
            assertEquals(sent.get(0), sent.get(1));
            assertFalse(sent.get(1).equals(sent.get(2)));
        }
    }

    @Test
    void gateway401RefreshesTheTokenOnceAndRetries() {
        try (CciClient client = iamClient()) {
            client.coreV1().pods("ns").get("web");
            int issued = server.gateway().tokensIssued();
            server.expireTokens();
            assertEquals(
                    "web", client.coreV1().pods("ns").get("web").getMetadata().getName());
            assertEquals(issued + 1, server.gateway().tokensIssued());
        }
        assertEquals(3, server.requests("GET", PODS + "/web").size(), "one, then a 401 and its retry");
    }

    @Test
    void gateway401WithAStaticTokenIsAnUnauthorizedException() {
        try (CciClient client = server.clientBuilder().token("static-token").build()) {
            UnauthorizedException e = assertThrows(
                    UnauthorizedException.class,
                    () -> client.coreV1().pods("ns").get("web"));
            assertEquals(401, e.statusCode());
            assertEquals("APIGW.0301", e.errorCode());
            assertTrue(e.errorMessage().startsWith("Incorrect IAM authentication information"), e.errorMessage());
            assertTrue(e.requestId().startsWith("req-"), e.requestId());
            assertTrue(e.getMessage().contains("APIGW.0301"), e.getMessage());
            assertFalse(e.getMessage().contains("static-token"), "the token never appears in a message");
        }
    }

    @Test
    void forbiddenAndNotFoundCarryTheStatusAndCciErrorCode() {
        server.failNext("pods", 403).asStatus("CCI.01.403101", "only gpu beta users can use gpu in cci");
        try (CciClient client = client()) {
            NotFoundException missing = CciBehaviourTest.assertGpuForbiddenAndPodMissing(
                    client.coreV1().pods("ns"));
            assertNull(missing.errorCode(), "CCI documents no code for a missing pod");
        }
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfter() {
        server.failNext("pods", 429).retryAfter(3);
        try (CciClient client = client()) {
            assertEquals(
                    "web", client.coreV1().pods("ns").get("web").getMetadata().getName());
        }
        assertEquals(2, server.requests("GET", PODS + "/web").size());
        assertEquals(List.of(Duration.ofSeconds(3)), sleeps);
    }

    @Test
    void htmlBadGatewayIsAServerErrorNotAParseError() {
        server.failNext("pods", 502);
        try (CciClient client = server.clientBuilder().maxRetries(0).build()) {
            ServerErrorException e = assertThrows(
                    ServerErrorException.class, () -> client.coreV1().pods("ns").get("web"));
            CciBehaviourTest.assertHtmlBadGateway(e);
            assertTrue(e.body().startsWith("<html>") && e.body().contains("502 Bad Gateway"), e.body());
        }
    }

    @Test
    void watchReadsTheChangesAsTheyHappen() throws Exception {
        List<String> seen = new ArrayList<>();
        try (CciClient client = client();
                Watch<Pod> watch = client.coreV1()
                        .pods("ns")
                        .watch(ListOptions.builder().labelSelector("app=w").build())) {
            Pods pods = client.coreV1().pods("ns");
            pods.create(Pod.builder()
                    .metadata(ObjectMeta.builder()
                            .name("w")
                            .labels(Map.of("app", "w"))
                            .build())
                    .build());
            pods.patch("w", Patch.merge(Map.of("metadata", Map.of("annotations", Map.of("a", "b")))));
            pods.delete("w");
            pods.create(pod("unlabelled"));
            for (WatchEvent<Pod> event : watch) {
                seen.add(event.type() + " " + event.object().getMetadata().getName());
                if (seen.size() == 3) {
                    break;
                }
            }
        }
        assertEquals(List.of("ADDED w", "MODIFIED w", "DELETED w"), seen);
        RecordedRequest watch = server.requests("GET", PODS).get(0);
        assertTrue(
                watch.query().contains("watch=true") && watch.query().contains("labelSelector=app%3Dw"), watch.query());
    }

    @Test
    void strategicMergePatch() throws IOException {
        try (CciClient client = client()) {
            CciBehaviourTest.patchLabelByStrategicMerge(client.coreV1().pods("ns"));
        }
        RecordedRequest call = server.requests("PATCH", PODS + "/web").get(0);
        CciBehaviourTest.assertStrategicMergeRequest(call.header("Content-Type"), call.body());
    }

    @Test
    void logsAndScale() {
        server.podLog("ns", "web", "line 1\nline 2\n");
        try (CciClient client = client()) {
            assertEquals(
                    "line 1\nline 2\n",
                    client.coreV1()
                            .pods("ns")
                            .log(
                                    "web",
                                    LogOptions.builder()
                                            .container("c")
                                            .tailLines(2)
                                            .build()));
            String query = server.requests("GET", PODS + "/web/log").get(0).query();
            assertTrue(query.contains("container=c") && query.contains("tailLines=2"), query);

            client.appsV1()
                    .deployments("ns")
                    .create(Deployment.builder()
                            .metadata(ObjectMeta.builder().name("api").build())
                            .spec(DeploymentSpec.builder().replicas(2).build())
                            .build());
            Scale scale = client.appsV1().deployments("ns").getScale("api");
            assertEquals(2, scale.getSpec().getReplicas());
            Scale replaced = client.appsV1()
                    .deployments("ns")
                    .replaceScale(
                            "api", scale.spec(ScaleSpec.builder().replicas(4).build()));
            assertEquals(4, replaced.getSpec().getReplicas());
            assertEquals(
                    4, client.appsV1().deployments("ns").get("api").getSpec().getReplicas());
        }
    }
}
