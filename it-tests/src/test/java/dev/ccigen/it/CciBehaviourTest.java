package dev.ccigen.it;

import static dev.ccigen.it.FakeServer.json;
import static dev.ccigen.it.FakeServer.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccigen.it.cci.CciClient;
import dev.ccigen.it.cci.api.core.v1.Pods;
import dev.ccigen.it.cci.model.autoscaling.v1.Scale;
import dev.ccigen.it.cci.model.autoscaling.v1.ScaleSpec;
import dev.ccigen.it.cci.model.core.v1.Pod;
import dev.ccigen.runtime.ForbiddenException;
import dev.ccigen.runtime.IamTokenProvider;
import dev.ccigen.runtime.ListOptions;
import dev.ccigen.runtime.LogOptions;
import dev.ccigen.runtime.NotFoundException;
import dev.ccigen.runtime.Patch;
import dev.ccigen.runtime.ServerErrorException;
import dev.ccigen.runtime.UnauthorizedException;
import dev.ccigen.runtime.Watch;
import dev.ccigen.runtime.WatchEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated CCI client against an in-test server that answers as CCI, its API gateway and IAM do: tokens issued
 * with 201 and X-Subject-Token, the gateway's error body, Kubernetes Status bodies with CCI's errorCode, 429 with
 * Retry-After, an HTML 502 from a proxy, a chunked watch stream, strategic merge patch.
 */
class CciBehaviourTest {
    private static final String PODS = "/api/v1/namespaces/ns/pods";
    private static final String TOKENS = "/v3/auth/tokens";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeServer server;
    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T08:00:00Z"));
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CciClient client() {
        return CciClient.builder()
                .endpoint(server.uri())
                .token("static-token")
                .sleeper(sleeps::add)
                .build();
    }

    private CciClient iamClient() {
        return CciClient.builder()
                .endpoint(server.uri())
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

    /** IAM: 201, the token in X-Subject-Token, valid for 24 hours from the (test) clock's now. */
    private final AtomicInteger issued = new AtomicInteger();

    private void iamIssuesTokens() {
        server.on("POST", TOKENS, (call, ex) -> {
            String token = "tok-" + issued.incrementAndGet();
            json(
                    ex,
                    201,
                    "{\"token\":{\"expires_at\":\"" + clock.instant().plus(Duration.ofHours(24)) + "\",\"issued_at\":\""
                            + clock.instant() + "\",\"methods\":[\"password\"]}}",
                    "X-Subject-Token",
                    token);
        });
    }

    private static String pod(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"ns\"}}";
    }

    private static String status(int code, String reason, String message, String errorCode) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
                + message + "\",\"reason\":\"" + reason + "\",\"code\":" + code + ",\"errorCode\":\"" + errorCode
                + "\"}";
    }

    @Test
    void iamTokenIsFetchedOnceSentAsXAuthTokenAndRefreshedWhenExpired() throws IOException {
        iamIssuesTokens();
        server.on("GET", PODS + "/web", (call, ex) -> json(ex, 200, pod("web")));
        try (CciClient client = iamClient()) {
            Pods pods = client.coreV1().pods("ns");
            pods.get("web");
            pods.get("web");
            assertEquals(1, issued.get(), "one IAM call while the token is valid");

            assertPasswordTokenRequest(server.calls("POST", TOKENS).get(0).body());

            clock.advance(Duration.ofHours(25));
            pods.get("web");
            assertEquals(2, issued.get(), "an expired token is fetched again");
            List<String> sent = server.calls("GET", PODS + "/web").stream()
                    .map(c -> c.header("X-Auth-Token"))
                    .toList();
            assertEquals(List.of("tok-1", "tok-1", "tok-2"), sent);
        }
    }

    @Test
    void gateway401RefreshesTheTokenOnceAndRetries() {
        iamIssuesTokens();
        server.on("GET", PODS + "/web", (call, ex) -> {
            if ("tok-1".equals(call.header("X-Auth-Token"))) {
                json(
                        ex,
                        401,
                        "{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication information: verify aksk signature fail\",\"request_id\":\"req-401\"}");
            } else {
                json(ex, 200, pod("web"));
            }
        });
        try (CciClient client = iamClient()) {
            assertEquals(
                    "web", client.coreV1().pods("ns").get("web").getMetadata().getName());
        }
        assertEquals(2, issued.get());
        assertEquals(2, server.calls("GET", PODS + "/web").size());
    }

    @Test
    void gateway401WithAStaticTokenIsAnUnauthorizedException() {
        server.on(
                "GET",
                PODS + "/web",
                (call, ex) -> json(
                        ex,
                        401,
                        "{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication information\",\"request_id\":\"req-401\"}"));
        try (CciClient client = client()) {
            UnauthorizedException e = assertThrows(
                    UnauthorizedException.class,
                    () -> client.coreV1().pods("ns").get("web"));
            assertEquals(401, e.statusCode());
            assertEquals("APIGW.0301", e.errorCode());
            assertEquals("Incorrect IAM authentication information", e.errorMessage());
            assertEquals("req-401", e.requestId());
            assertTrue(e.getMessage().contains("APIGW.0301"), e.getMessage());
            assertFalse(e.getMessage().contains("static-token"), "the token never appears in a message");
        }
    }

    @Test
    void forbiddenAndNotFoundCarryTheStatusAndCciErrorCode() {
        server.on(
                "GET",
                PODS + "/gpu",
                (call, ex) -> json(
                        ex, 403, status(403, "Forbidden", "only gpu beta users can use gpu in cci", "CCI.01.403101")));
        server.on(
                "GET",
                PODS + "/missing",
                (call, ex) ->
                        json(ex, 404, status(404, "NotFound", "pods \\\"missing\\\" not found", "CCI.02.404001")));
        try (CciClient client = client()) {
            NotFoundException missing =
                    assertGpuForbiddenAndPodMissing(client.coreV1().pods("ns"));
            assertEquals("CCI.02.404001", missing.errorCode());
            assertEquals("CCI.02.404001", missing.status().orElseThrow().getErrorCode());
        }
    }

    /**
     * Pod "gpu" is refused with CCI's 403 and code, pod "missing" is a 404 NotFound Status; answers the latter for the
     * server-specific checks. Shared with TestServerBehaviourTest.
     */
    static NotFoundException assertGpuForbiddenAndPodMissing(Pods pods) {
        ForbiddenException forbidden = assertThrows(ForbiddenException.class, () -> pods.get("gpu"));
        assertEquals("CCI.01.403101", forbidden.errorCode());
        assertEquals("only gpu beta users can use gpu in cci", forbidden.errorMessage());

        NotFoundException missing = assertThrows(NotFoundException.class, () -> pods.get("missing"));
        assertEquals(404, missing.statusCode());
        assertEquals("NotFound", missing.status().orElseThrow().getReason());
        assertEquals("pods \"missing\" not found", missing.errorMessage());
        return missing;
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfter() {
        AtomicInteger calls = new AtomicInteger();
        server.on("GET", PODS + "/web", (call, ex) -> {
            if (calls.incrementAndGet() == 1) {
                json(ex, 429, status(429, "TooManyRequests", "slow down", "CCI.01.429001"), "Retry-After", "3");
            } else {
                json(ex, 200, pod("web"));
            }
        });
        try (CciClient client = client()) {
            assertEquals(
                    "web", client.coreV1().pods("ns").get("web").getMetadata().getName());
        }
        assertEquals(2, calls.get());
        assertEquals(List.of(Duration.ofSeconds(3)), sleeps);
    }

    @Test
    void htmlBadGatewayIsAServerErrorNotAParseError() {
        String html = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
        server.on("GET", PODS + "/web", (call, ex) -> respond(ex, 502, "text/html", html));
        try (CciClient client = CciClient.builder()
                .endpoint(server.uri())
                .token("t")
                .maxRetries(0)
                .build()) {
            ServerErrorException e = assertThrows(
                    ServerErrorException.class, () -> client.coreV1().pods("ns").get("web"));
            assertHtmlBadGateway(e);
            assertEquals(html, e.body());
        }
    }

    @Test
    void watchReadsAChunkedEventStream() throws Exception {
        server.on("GET", PODS, (call, ex) -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = ex.getResponseBody()) {
                for (String type : List.of("ADDED", "MODIFIED", "DELETED")) {
                    out.write(("{\"type\":\"" + type + "\",\"object\":" + pod("w-" + type.toLowerCase()) + "}\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    sleep(20);
                }
            }
        });
        List<String> seen = new ArrayList<>();
        try (CciClient client = client();
                Watch<Pod> watch = client.coreV1()
                        .pods("ns")
                        .watch(ListOptions.builder().labelSelector("app=w").build())) {
            for (WatchEvent<Pod> event : watch) {
                seen.add(event.type() + " " + event.object().getMetadata().getName());
            }
        }
        assertEquals(List.of("ADDED w-added", "MODIFIED w-modified", "DELETED w-deleted"), seen);
        String query = server.calls("GET", PODS).get(0).query();
        assertTrue(query.contains("watch=true") && query.contains("labelSelector=app%3Dw"), query);
    }

    @Test
    void strategicMergePatch() throws IOException {
        server.on(
                "PATCH",
                PODS + "/web",
                (call, ex) -> json(
                        ex,
                        200,
                        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\",\"labels\":{\"smp\":\"yes\"}}}"));
        try (CciClient client = client()) {
            patchLabelByStrategicMerge(client.coreV1().pods("ns"));
        }
        FakeServer.Call call = server.calls("PATCH", PODS + "/web").get(0);
        assertStrategicMergeRequest(call.header("Content-Type"), call.body());
    }

    /** Sets the label smp=yes on pod web with a strategic merge patch; the answer has it. */
    static void patchLabelByStrategicMerge(Pods pods) {
        Pod patched =
                pods.patch("web", Patch.strategicMerge(Map.of("metadata", Map.of("labels", Map.of("smp", "yes")))));
        assertEquals("yes", patched.getMetadata().getLabels().get("smp"));
    }

    /** The request of {@link #patchLabelByStrategicMerge}, as the server received it. */
    static void assertStrategicMergeRequest(String contentType, String body) throws IOException {
        assertTrue(contentType.startsWith("application/strategic-merge-patch+json"), contentType);
        assertEquals(
                "yes",
                JSON.readTree(body).path("metadata").path("labels").path("smp").asText());
    }

    @Test
    void logsAndScale() {
        server.on("GET", PODS + "/web/log", (call, ex) -> respond(ex, 200, "text/plain", "line 1\nline 2\n"));
        server.on(
                "GET",
                "/apis/apps/v1/namespaces/ns/deployments/api/scale",
                (call, ex) -> json(
                        ex,
                        200,
                        "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"api\"},\"spec\":{\"replicas\":2}}"));
        server.on("PUT", "/apis/apps/v1/namespaces/ns/deployments/api/scale", (call, ex) -> json(ex, 200, call.body()));
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
            String query = server.calls("GET", PODS + "/web/log").get(0).query();
            assertTrue(query.contains("container=c") && query.contains("tailLines=2"), query);

            Scale scale = client.appsV1().deployments("ns").getScale("api");
            assertEquals(2, scale.getSpec().getReplicas());
            Scale replaced = client.appsV1()
                    .deployments("ns")
                    .replaceScale(
                            "api", scale.spec(ScaleSpec.builder().replicas(4).build()));
            assertEquals(4, replaced.getSpec().getReplicas());
        }
    }

    /** IAM's password-method token request, as iamClient() makes it (alice, acme, cn-north-4). Shared with TestServerBehaviourTest. */
    static void assertPasswordTokenRequest(String body) throws IOException {
        JsonNode request = JSON.readTree(body);
        JsonNode identity = request.path("auth").path("identity");
        assertEquals("password", identity.path("methods").get(0).asText());
        assertEquals(
                "alice", identity.path("password").path("user").path("name").asText());
        assertEquals(
                "acme",
                identity.path("password")
                        .path("user")
                        .path("domain")
                        .path("name")
                        .asText());
        assertEquals(
                "cn-north-4",
                request.path("auth").path("scope").path("project").path("name").asText());
    }

    /** A proxy's HTML 502 is a ServerErrorException with no error code and no Status, and no parse error in sight. */
    static void assertHtmlBadGateway(ServerErrorException e) {
        assertEquals(502, e.statusCode());
        assertNull(e.errorCode());
        assertTrue(e.status().isEmpty());
        assertTrue(e.getMessage().contains("502"), e.getMessage());
        assertFalse(e.getMessage().contains("JsonParseException"), e.getMessage());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
