package dev.ccigen.runtime;

import static dev.ccigen.runtime.TestSupport.json;
import static dev.ccigen.runtime.TestSupport.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransportTest {

    private MockWebServer server;
    private final TestSupport.RecordingSleeper sleeper = new TestSupport.RecordingSleeper();
    private final TestSupport.MutableClock clock = new TestSupport.MutableClock(Instant.parse("2024-05-01T10:00:00Z"));

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ClientBuilder<Transport> builder(URI endpoint) {
        return new ClientBuilder<>(t -> t)
                .endpoint(endpoint)
                .token("secret-token")
                .sleeper(sleeper)
                .clock(clock)
                .maxRetryAfter(Duration.ofSeconds(60));
    }

    private static MockResponse busy(int code, String retryAfter) {
        return json(code, "{}")
                .newBuilder()
                .addHeader("Retry-After", retryAfter)
                .build();
    }

    @Test
    void retryAfterSecondsDateAndHugeValues() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(7).atOffset(ZoneOffset.UTC));
        server.enqueue(busy(429, "3"));
        server.enqueue(busy(503, date));
        server.enqueue(busy(429, "99999999999999999999999"));
        server.enqueue(json(200, "{\"ok\":true}"));
        Transport transport = builder(uri(server)).build();
        JsonNode result = transport.call(Request.builder("GET", "/api/v1/pods").build(), JsonNode.class);
        assertTrue(result.path("ok").asBoolean());
        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(7), Duration.ofSeconds(60)), sleeper.sleeps);
    }

    @Test
    void statusRetryAfterSecondsUnparsableHeaderAndGivingUp() {
        server.enqueue(json(
                429,
                "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"TooManyRequests\","
                        + "\"message\":\"slow down\",\"code\":429,\"details\":{\"retryAfterSeconds\":2}}"));
        server.enqueue(busy(503, "soon"));
        server.enqueue(busy(503, "1"));
        server.enqueue(busy(503, "1"));
        Transport transport = builder(uri(server)).build();
        ServerErrorException e = assertThrows(
                ServerErrorException.class,
                () -> transport.call(
                        Request.builder("PUT", "/api/v1/pods/x")
                                .jsonBody(Map.of())
                                .build(),
                        JsonNode.class));
        assertEquals(503, e.statusCode());
        // "soon" is no Retry-After at all: the transport's own backoff (at most 200 ms * 2 for the second retry)
        assertEquals(3, sleeper.sleeps.size(), sleeper.sleeps.toString());
        assertEquals(Duration.ofSeconds(2), sleeper.sleeps.get(0));
        assertTrue(sleeper.sleeps.get(1).compareTo(Duration.ofMillis(400)) <= 0, sleeper.sleeps.toString());
        assertEquals(Duration.ofSeconds(1), sleeper.sleeps.get(2));
        assertEquals(4, server.getRequestCount());
    }

    @Test
    void noRetryForPostOrWhenRetriesAreOff() {
        server.enqueue(busy(429, "1"));
        Transport transport = builder(uri(server)).build();
        assertThrows(
                TooManyRequestsException.class,
                () -> transport.call(
                        Request.builder("POST", "/api/v1/pods")
                                .jsonBody(Map.of())
                                .build(),
                        JsonNode.class));
        assertEquals(1, server.getRequestCount());

        server.enqueue(busy(503, "1"));
        Transport noRetries = builder(uri(server)).maxRetries(0).build();
        assertThrows(
                ServerErrorException.class,
                () -> noRetries.call(Request.builder("GET", "/api/v1/pods").build(), JsonNode.class));
        assertEquals(2, server.getRequestCount());
        assertTrue(sleeper.sleeps.isEmpty());
    }

    @Test
    void connectionRefusedIsRetriedForGetOnly() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Transport transport = builder(URI.create("http://127.0.0.1:" + closedPort))
                .maxRetries(2)
                .initialBackoff(Duration.ofMillis(100))
                .build();
        TransportException e = assertThrows(
                TransportException.class,
                () -> transport.call(Request.builder("GET", "/api/v1/pods").build(), JsonNode.class));
        assertEquals(0, e.statusCode());
        assertEquals(2, sleeper.sleeps.size());
        assertTrue(
                sleeper.sleeps.get(0).toMillis() <= 100 && sleeper.sleeps.get(1).toMillis() <= 200,
                sleeper.sleeps.toString());
        assertEquals(
                "connection refused by 127.0.0.1:" + closedPort
                        + ": nothing accepts connections there (GET http://127.0.0.1:" + closedPort + "/api/v1/pods)",
                e.getMessage());

        sleeper.sleeps.clear();
        assertThrows(
                TransportException.class,
                () -> transport.call(
                        Request.builder("POST", "/api/v1/pods")
                                .jsonBody(Map.of())
                                .build(),
                        JsonNode.class));
        assertTrue(sleeper.sleeps.isEmpty());
    }

    @Test
    void redirectToAnotherHostDropsTheToken() throws Exception {
        try (MockWebServer other = new MockWebServer()) {
            other.start();
            server.enqueue(new MockResponse.Builder()
                    .code(307)
                    .addHeader("Location", "/api/v1/elsewhere")
                    .build());
            server.enqueue(new MockResponse.Builder()
                    .code(302)
                    .addHeader("Location", other.url("/api/v1/there").toString())
                    .build());
            other.enqueue(json(200, "{\"metadata\":{\"name\":\"moved\"}}"));
            Transport transport = builder(uri(server)).build();
            TestPod pod =
                    transport.call(Request.builder("GET", "/api/v1/pods/x").build(), TestPod.class);
            assertEquals("moved", pod.objectName());
            assertEquals("secret-token", server.takeRequest().getHeaders().get("X-Auth-Token"));
            RecordedRequest sameHost = server.takeRequest();
            assertEquals("/api/v1/elsewhere", sameHost.getTarget());
            assertEquals("secret-token", sameHost.getHeaders().get("X-Auth-Token"));
            RecordedRequest otherHost = other.takeRequest();
            assertEquals("/api/v1/there", otherHost.getTarget());
            assertNull(otherHost.getHeaders().get("X-Auth-Token"));
        }
    }

    @Test
    void endpointBasePathHeadersQueryAndBody() throws Exception {
        server.enqueue(json(201, "{}"));
        Transport transport = builder(server.url("/proxy/cci/").uri())
                .projectId("p-1")
                .userAgent("test-agent")
                .header("X-Extra", "1")
                .build();
        transport.call(
                "POST",
                "/api/v1/namespaces/" + Request.pathSegment("a b/c") + "/pods",
                Map.of("labelSelector", List.of("app=web"), "dryRun", List.of("All", "x")),
                Map.of("X-Call", "2"),
                Map.of("k", "v"),
                null,
                Json.mapper().constructType(JsonNode.class));
        RecordedRequest recorded = server.takeRequest();
        assertTrue(
                recorded.getTarget().startsWith("/proxy/cci/api/v1/namespaces/a%20b%2Fc/pods?"), recorded.getTarget());
        assertTrue(recorded.getTarget().contains("labelSelector=app%3Dweb"));
        assertTrue(recorded.getTarget().contains("dryRun=All&dryRun=x"));
        assertEquals("p-1", recorded.getHeaders().get("X-Project-Id"));
        assertEquals("test-agent", recorded.getHeaders().get("User-Agent"));
        assertEquals("1", recorded.getHeaders().get("X-Extra"));
        assertEquals("2", recorded.getHeaders().get("X-Call"));
        assertEquals("application/json", recorded.getHeaders().get("Accept"));
        assertEquals("application/json", recorded.getHeaders().get("Content-Type"));
        assertEquals("{\"k\":\"v\"}", recorded.getBody().utf8());
        assertEquals("%2E%2E", Request.pathSegment(".."));
    }
}
