package dev.ccigen.runtime;

import static dev.ccigen.runtime.TestSupport.json;
import static dev.ccigen.runtime.TestSupport.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The transport with AK/SK: what goes on the wire, when it is signed again, and how refusals read. */
class TransportAkSkTest {

    private static final String AK = "AKTESTEXAMPLE000001";
    private static final String SK = "sk-test-secret-0001";
    private static final String SECURITY_TOKEN = "st-test-security-token-0001";
    private static final String GATEWAY_401 = "{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM"
            + " authentication information: verify aksk signature fail\",\"request_id\":\"r-1\"}";

    @AutoClose
    private final MockWebServer server = TestSupport.startedServer();

    private final TestSupport.MutableClock clock = new TestSupport.MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    /** Waits move the clock, as real ones would. */
    private final Sleeper sleeper = clock::advance;

    private ClientBuilder<Transport> builder(URI endpoint) {
        return new ClientBuilder<>(t -> t)
                .endpoint(endpoint)
                .akSk(AK, SK)
                .sleeper(sleeper)
                .clock(clock);
    }

    private static String date(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    @Test
    void theRequestOnTheWireIsSignedAsTheOfficialSignerSignsIt() throws Exception {
        server.enqueue(json(200, "{}"));
        Transport transport = builder(uri(server))
                .projectId("p-1")
                .securityToken(SECURITY_TOKEN)
                .build();
        transport.call(
                Request.builder("POST", "/api/v1/namespaces/" + Request.pathSegment("a b") + "/pods")
                        .query("labelSelector", "app=web")
                        .query("dryRun", List.of("All", "x"))
                        .jsonBody(Map.of("kind", "Pod"))
                        .build(),
                JsonNode.class);

        RecordedRequest recorded = server.takeRequest();
        assertEquals("20260501T100000Z", recorded.getHeaders().get("X-Sdk-Date"));
        assertEquals(SECURITY_TOKEN, recorded.getHeaders().get("X-Security-Token"));
        assertEquals("p-1", recorded.getHeaders().get("X-Project-Id"));

        // the official signer, given what arrived (path and query decoded, as its users pass them)
        HttpRequest.HttpRequestBuilder sdk = HttpRequest.newBuilder()
                .withEndpoint(uri(server).toString().replaceAll("/$", ""))
                .withPath("/api/v1/namespaces/a b/pods")
                .withMethod(HttpMethod.POST)
                .addQueryParam("labelSelector", List.of("app=web"))
                .addQueryParam("dryRun", List.of("All", "x"))
                .withBodyAsString(recorded.getBody().utf8());
        for (String name : recorded.getHeaders().names()) {
            if (!name.equalsIgnoreCase("Authorization")
                    && !name.equalsIgnoreCase("Host")
                    && !name.equalsIgnoreCase("Content-Length")
                    && !name.equalsIgnoreCase("Connection")) {
                sdk.addHeader(name, recorded.getHeaders().get(name));
            }
        }
        String expected = AKSKSigner.getInstance()
                .sign(sdk.build(), new BasicCredentials().withAk(AK).withSk(SK))
                .get("Authorization");
        assertEquals(expected, recorded.getHeaders().get("Authorization"));
    }

    @Test
    void everyRetryIsSignedAgainWithTheDateOfItsOwn() throws Exception {
        server.enqueue(
                json(503, "{}").newBuilder().addHeader("Retry-After", "30").build());
        server.enqueue(json(200, "{}"));
        builder(uri(server)).build().call(Request.builder("GET", "/api/v1/pods").build(), JsonNode.class);

        RecordedRequest first = server.takeRequest();
        RecordedRequest retry = server.takeRequest();
        assertEquals("20260501T100000Z", first.getHeaders().get("X-Sdk-Date"));
        assertEquals("20260501T100030Z", retry.getHeaders().get("X-Sdk-Date"));
        assertNotEquals(
                first.getHeaders().get("Authorization"), retry.getHeaders().get("Authorization"));
    }

    @Test
    void redirectsAreSignedOnlyForTheEndpointsOwnOrigin() throws Exception {
        try (MockWebServer other = TestSupport.startedServer()) {
            server.enqueue(new MockResponse.Builder()
                    .code(307)
                    .addHeader("Location", "/api/v1/moved")
                    .build());
            server.enqueue(new MockResponse.Builder()
                    .code(307)
                    .addHeader("Location", other.url("/api/v1/there").toString())
                    .build());
            other.enqueue(json(200, "{}"));
            builder(uri(server))
                    .build()
                    .call(Request.builder("GET", "/api/v1/here").build(), JsonNode.class);

            server.takeRequest();
            RecordedRequest moved = server.takeRequest();
            assertEquals("/api/v1/moved", moved.getTarget());
            assertTrue(moved.getHeaders().get("Authorization").startsWith("SDK-HMAC-SHA256 Access=" + AK + ", "));
            RecordedRequest elsewhere = other.takeRequest();
            assertNull(elsewhere.getHeaders().get("Authorization"));
            assertNull(elsewhere.getHeaders().get("X-Sdk-Date"));
        }
    }

    @Test
    void aRefusedSignatureSaysSoAndShowsBothClocksWhenTheyDiffer() {
        server.enqueue(json(401, GATEWAY_401)
                .newBuilder()
                .addHeader("Date", date(clock.instant().minus(Duration.ofMinutes(20))))
                .build());
        Transport transport = builder(uri(server)).build();
        SignatureRejectedException e = assertThrows(
                SignatureRejectedException.class,
                () -> transport.call(Request.builder("GET", "/api/v1/pods").build(), JsonNode.class));
        assertEquals("APIGW.0301", e.errorCode());
        assertEquals(Duration.ofMinutes(20), e.clockSkew());
        assertTrue(e.getMessage().contains("verify aksk signature fail"), e.getMessage());
        assertTrue(
                e.getMessage().contains("2026-05-01T09:40:00Z")
                        && e.getMessage().contains("2026-05-01T10:00:00Z")
                        && e.getMessage().contains("20 min ahead"),
                e.getMessage());
        assertEquals(1, server.getRequestCount(), "a refused signature is not retried");
    }

    @Test
    void aRefusedSignatureWithClocksInStepPointsAtTheKeys() {
        server.enqueue(json(401, GATEWAY_401)
                .newBuilder()
                .addHeader("Date", date(clock.instant()))
                .build());
        SignatureRejectedException e = assertThrows(
                SignatureRejectedException.class,
                () -> builder(uri(server))
                        .build()
                        .call(Request.builder("GET", "/x").build(), JsonNode.class));
        assertTrue(e.getMessage().contains("check that the secret key is the one of this access key"), e.getMessage());
        assertFalse(e.getMessage().contains("clocks differ"), e.getMessage());
    }

    @Test
    void anotherUnauthorizedStaysWhatItIs() {
        server.enqueue(json(
                401,
                "{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication"
                        + " information: Get secretKey failed\"}"));
        ApiException e = assertThrows(
                ApiException.class,
                () -> builder(uri(server))
                        .build()
                        .call(Request.builder("GET", "/x").build(), JsonNode.class));
        assertInstanceOf(UnauthorizedException.class, e);
        assertFalse(e instanceof SignatureRejectedException);
    }

    @Test
    void keysEchoedByTheServerNeverReachTheException() {
        String echo = "{\"error_code\":\"APIGW.0301\",\"error_msg\":\"verify aksk signature fail for " + AK + " / " + SK
                + " / " + SECURITY_TOKEN + "\"}";
        server.enqueue(json(401, echo)
                .newBuilder()
                .addHeader("X-Echo", "Access=" + AK + " " + SECURITY_TOKEN)
                .build());
        Transport transport = builder(uri(server)).securityToken(SECURITY_TOKEN).build();
        ApiException e = assertThrows(
                ApiException.class,
                () -> transport.call(Request.builder("GET", "/x").build(), JsonNode.class));
        String everything = e.getMessage() + e.body() + e.headers() + e.errorMessage() + e;
        for (String secret : List.of(AK, SK, SECURITY_TOKEN)) {
            assertFalse(everything.contains(secret), everything);
        }
    }

    @Test
    void keysEchoedInARedirectNeverReachALogLine() {
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger runtimeLogger = Logger.getLogger("dev.ccigen.runtime");
        Handler capture = new StreamHandler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(new SimpleFormatter().format(record));
            }
        };
        capture.setLevel(Level.ALL);
        runtimeLogger.setLevel(Level.ALL);
        runtimeLogger.addHandler(capture);
        try {
            server.enqueue(new MockResponse.Builder()
                    .code(307)
                    .addHeader("Location", "/moved?ak=" + AK + "&st=" + SECURITY_TOKEN)
                    .build());
            server.enqueue(json(401, "{\"error_msg\":\"verify aksk signature fail\"}"));
            Transport transport =
                    builder(uri(server)).securityToken(SECURITY_TOKEN).build();
            assertThrows(
                    SignatureRejectedException.class,
                    () -> transport.call(Request.builder("GET", "/x").build(), JsonNode.class));
        } finally {
            runtimeLogger.removeHandler(capture);
            runtimeLogger.setLevel(null);
        }
        assertTrue(logged.stream().anyMatch(line -> line.contains("/moved")), "DEBUG lines were captured: " + logged);
        for (String line : logged) {
            assertFalse(line.contains(AK) || line.contains(SK) || line.contains(SECURITY_TOKEN), line);
        }
    }

    @Test
    void oneSchemePerClient() {
        ClientBuilder<Transport> both = builder(uri(server)).token("a-token");
        IllegalStateException e = assertThrows(IllegalStateException.class, both::build);
        assertTrue(e.getMessage().contains("authenticates one way"), e.getMessage());
        assertThrows(
                IllegalStateException.class,
                () -> builder(uri(server))
                        .credentials(Credentials.fixed(Credentials.of(AK, SK)))
                        .build());
        assertThrows(
                IllegalStateException.class,
                () -> new ClientBuilder<>(t -> t)
                        .endpoint(uri(server))
                        .securityToken(SECURITY_TOKEN)
                        .build());
        String shown = builder(uri(server)).securityToken(SECURITY_TOKEN).toString();
        assertFalse(shown.contains(AK) || shown.contains(SK) || shown.contains(SECURITY_TOKEN), shown);
    }
}
