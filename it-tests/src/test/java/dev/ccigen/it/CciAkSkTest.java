package dev.ccigen.it;

import static dev.ccigen.it.FakeServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.it.cci.CciClient;
import dev.ccigen.it.cci.model.core.v1.Pod;
import dev.ccigen.runtime.ListOptions;
import dev.ccigen.runtime.SignatureRejectedException;
import dev.ccigen.runtime.Watch;
import dev.ccigen.runtime.WatchEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated CCI client signing with AK/SK against the in-test server, which checks every signature with code of
 * its own ({@link GatewaySignature}) and refuses a bad one as the API gateway does: 401, {@code APIGW.0301}.
 */
class CciAkSkTest {
    private static final String PODS = "/api/v1/namespaces/ns/pods";
    private static final String AK = "AKCCIITEST00000001";
    private static final String SK = "cci-it-test-secret-key-0001";

    private FakeServer server;
    /** Starts at the real time: the server compares X-Sdk-Date with its own clock. */
    private final CciBehaviourTest.MutableClock clock =
            new CciBehaviourTest.MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer().requireAkSk(Map.of(AK, SK));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CciClient client(String secretKey) {
        return CciClient.builder()
                .endpoint(server.uri())
                .akSk(AK, secretKey)
                .projectId("p-1")
                .clock(clock)
                .sleeper(clock::advance)
                .build();
    }

    private static String pod(String name, String resourceVersion) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"ns\","
                + "\"resourceVersion\":\"" + resourceVersion + "\"}}";
    }

    @Test
    void signedRequestsAreAccepted() {
        server.on("POST", PODS, (call, ex) -> json(ex, 201, call.body()));
        server.on(
                "GET",
                PODS,
                (call, ex) -> json(
                        ex,
                        200,
                        "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[" + pod("web", "1")
                                + "]}"));
        try (CciClient client = client(SK)) {
            client.coreV1()
                    .pods("ns")
                    .create(Pod.builder()
                            .metadata(dev.ccigen.it.cci.model.meta.v1.ObjectMeta.builder()
                                    .name("web")
                                    .build())
                            .build());
            List<Pod> pods = client.coreV1()
                    .pods("ns")
                    .list(ListOptions.builder()
                            .labelSelector("app in (web, db),tier!=cache")
                            .limit(5)
                            .build())
                    .getItems();
            assertEquals("web", pods.get(0).getMetadata().getName());
        }
        FakeServer.Call create = server.calls("POST", PODS).get(0);
        assertEquals("p-1", create.header("X-Project-Id"));
        assertNull(create.header("X-Auth-Token"));
        assertTrue(create.header("Authorization").startsWith("SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders="));
    }

    @Test
    void aWrongSignatureIsRefusedWithAClearException() {
        server.on("GET", PODS + "/web", (call, ex) -> json(ex, 200, pod("web", "1")));
        try (CciClient client = client("not-the-secret-key")) {
            SignatureRejectedException e = assertThrows(
                    SignatureRejectedException.class,
                    () -> client.coreV1().pods("ns").get("web"));
            assertEquals(401, e.statusCode());
            assertEquals("APIGW.0301", e.errorCode());
            assertTrue(
                    e.getMessage()
                            .startsWith("HTTP 401 Unauthorized: [APIGW.0301] Incorrect IAM authentication"
                                    + " information: verify aksk signature fail (request id req-"),
                    e.getMessage());
            assertTrue(
                    e.getMessage().contains("check that the secret key is the one of this access key"), e.getMessage());
            assertFalse(e.getMessage().contains(AK), e.getMessage());
        }
        assertEquals(1, server.calls("GET", PODS + "/web").size(), "a refused signature is not retried");
    }

    @Test
    void aClockMinutesOffIsShownNextToTheServers() {
        clock.advance(Duration.ofMinutes(-30));
        try (CciClient client = client(SK)) {
            SignatureRejectedException e = assertThrows(
                    SignatureRejectedException.class,
                    () -> client.coreV1().pods("ns").get("web"));
            assertTrue(
                    e.getMessage().contains("the clocks differ")
                            && e.getMessage().contains("min behind")
                            && e.getMessage().contains(clock.instant().toString()),
                    e.getMessage());
        }
    }

    @Test
    void aRetriedRequestIsSignedAgainWithAFreshDate() {
        AtomicInteger calls = new AtomicInteger();
        server.on("GET", PODS + "/web", (call, ex) -> {
            if (calls.incrementAndGet() == 1) {
                json(ex, 503, "{}", "Retry-After", "2");
            } else {
                json(ex, 200, pod("web", "1"));
            }
        });
        try (CciClient client = client(SK)) {
            assertEquals(
                    "web", client.coreV1().pods("ns").get("web").getMetadata().getName());
        }
        List<FakeServer.Call> sent = server.calls("GET", PODS + "/web");
        assertEquals(2, sent.size(), "both attempts passed the signature check");
        assertNotEquals(sent.get(0).header("X-Sdk-Date"), sent.get(1).header("X-Sdk-Date"));
        assertNotEquals(sent.get(0).header("Authorization"), sent.get(1).header("Authorization"));
    }

    @Test
    void aResumedWatchIsSignedForItsNewQuery() {
        AtomicInteger streams = new AtomicInteger();
        server.on("GET", PODS, (call, ex) -> {
            String type = streams.incrementAndGet() == 1 ? "ADDED" : "DELETED";
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) { // one event, then the stream is cut mid-event
                out.write(("{\"type\":\"" + type + "\",\"object\":" + pod("w", String.valueOf(streams.get())) + "}\n"
                                + "{\"type\":\"MODI")
                        .getBytes(StandardCharsets.UTF_8));
            }
        });
        List<String> seen = new ArrayList<>();
        try (CciClient client = client(SK);
                Watch<Pod> watch = client.coreV1()
                        .pods("ns")
                        .watch(ListOptions.builder().resumeWatch(true).build())) {
            for (WatchEvent<Pod> event : watch) {
                seen.add(event.type().toString());
                if (seen.size() == 2) {
                    break;
                }
            }
        }
        assertEquals(List.of("ADDED", "DELETED"), seen);
        List<FakeServer.Call> sent = server.calls("GET", PODS);
        assertTrue(
                sent.get(1).query().contains("resourceVersion=1"), sent.get(1).query());
        assertNotEquals(sent.get(0).header("Authorization"), sent.get(1).header("Authorization"));
    }
}
