package dev.ccigen.runtime;

import static dev.ccigen.runtime.TestSupport.json;
import static dev.ccigen.runtime.TestSupport.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IamTokenProviderTest {

    static final Instant NOW = Instant.parse("2020-01-03T09:05:22Z");

    private MockWebServer iam;
    private MockWebServer api;
    private final TestSupport.MutableClock clock = new TestSupport.MutableClock(NOW);

    @BeforeEach
    void start() throws Exception {
        iam = new MockWebServer();
        iam.start();
        api = new MockWebServer();
        api.start();
    }

    @AfterEach
    void stop() {
        iam.close();
        api.close();
    }

    static MockResponse issued(String token, String expiresAt) {
        return json(
                        201,
                        "{\"token\":{\"catalog\":[],\"expires_at\":\"" + expiresAt + "\",\"issued_at\":"
                                + "\"2020-01-03T09:05:22.701000Z\",\"methods\":[\"password\"]}}")
                .newBuilder()
                .addHeader("X-Subject-Token", token)
                .build();
    }

    IamTokenProvider.Builder provider() {
        return IamTokenProvider.builder()
                .iamEndpoint(uri(iam))
                .username("IAMUser")
                .password("IAMPassword".toCharArray())
                .domainName("IAMDomain")
                .projectName("cn-north-4")
                .clock(clock);
    }

    Transport transport(TokenProvider tokens) {
        return new ClientBuilder<>(t -> t)
                .endpoint(uri(api))
                .tokenProvider(tokens)
                .build();
    }

    @Test
    void fetchesSendsCachesAndRefreshesAheadOfExpiry() throws Exception {
        iam.enqueue(issued("token-1", "2020-01-04T09:05:22.701000Z"));
        iam.enqueue(issued("token-2", "2020-01-05T09:05:22.701000Z"));
        Transport transport = transport(provider().build());
        for (int i = 0; i < 3; i++) {
            api.enqueue(json(200, "{}"));
        }
        transport.call(Request.builder("GET", "/api/v1/namespaces").build(), JsonNode.class);
        transport.call(Request.builder("GET", "/api/v1/namespaces").build(), JsonNode.class);

        RecordedRequest auth = iam.takeRequest();
        assertEquals("POST", auth.getMethod());
        assertEquals("/v3/auth/tokens?nocatalog=true", auth.getTarget());
        assertEquals("application/json;charset=utf8", auth.getHeaders().get("Content-Type"));
        JsonNode body = Json.mapper().readTree(auth.getBody().utf8());
        assertEquals("password", body.at("/auth/identity/methods/0").asText());
        assertEquals("IAMUser", body.at("/auth/identity/password/user/name").asText());
        assertEquals(
                "IAMPassword", body.at("/auth/identity/password/user/password").asText());
        assertEquals(
                "IAMDomain", body.at("/auth/identity/password/user/domain/name").asText());
        assertEquals("cn-north-4", body.at("/auth/scope/project/name").asText());
        assertEquals("token-1", api.takeRequest().getHeaders().get("X-Auth-Token"));
        assertEquals("token-1", api.takeRequest().getHeaders().get("X-Auth-Token"));
        assertEquals(1, iam.getRequestCount());

        clock.advance(Duration.ofHours(23).plusMinutes(1)); // within the hour before expiry
        transport.call(Request.builder("GET", "/api/v1/namespaces").build(), JsonNode.class);
        assertEquals(2, iam.getRequestCount());
        assertEquals("token-2", api.takeRequest().getHeaders().get("X-Auth-Token"));
    }

    @Test
    void a401RefreshesOnceAndRetriesOnce() throws Exception {
        iam.enqueue(issued("old", "2020-01-04T09:05:22.701000Z"));
        iam.enqueue(issued("new", "2020-01-04T09:05:22.701000Z"));
        api.enqueue(json(401, "{\"error_code\":\"APIGW.0307\",\"error_msg\":\"The token must be updated.\"}"));
        api.enqueue(json(201, "{\"metadata\":{\"name\":\"p\"}}"));
        Transport transport = transport(provider().build());
        // POST too: a 401 means the request never ran
        TestPod created = transport.call(
                Request.builder("POST", "/api/v1/pods").jsonBody(new TestPod()).build(), TestPod.class);
        assertEquals("p", created.objectName());
        assertEquals("old", api.takeRequest().getHeaders().get("X-Auth-Token"));
        assertEquals("new", api.takeRequest().getHeaders().get("X-Auth-Token"));
        assertEquals(2, iam.getRequestCount());

        api.enqueue(json(401, "{}"));
        api.enqueue(json(
                401, "{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication information\"}"));
        iam.enqueue(issued("newer", "2020-01-04T09:05:22.701000Z"));
        UnauthorizedException e = assertThrows(
                UnauthorizedException.class,
                () -> transport.call(Request.builder("GET", "/api/v1/pods").build(), JsonNode.class));
        assertEquals("APIGW.0301", e.errorCode());
        assertEquals(3, iam.getRequestCount());
    }

    @Test
    void twoClientsThatShareTheProviderLogInOnce() throws Exception {
        iam.enqueue(issued("shared", "2020-01-04T09:05:22.701000Z"));
        try (MockWebServer other = TestSupport.startedServer();
                IamTokenProvider shared = provider().build()) {
            api.enqueue(json(200, "{}"));
            other.enqueue(json(200, "{}"));
            Transport cci = transport(shared);
            Transport second = new ClientBuilder<>(t -> t)
                    .endpoint(uri(other))
                    .tokenProvider(shared)
                    .build();
            cci.call(Request.builder("GET", "/api/v1/pods").build(), JsonNode.class);
            second.call(Request.builder("GET", "/v3/projects").build(), JsonNode.class);
            assertEquals(1, iam.getRequestCount(), "one login for both clients");
            assertEquals("shared", api.takeRequest().getHeaders().get("X-Auth-Token"));
            assertEquals("shared", other.takeRequest().getHeaders().get("X-Auth-Token"));
        }
    }

    @Test
    void aWaitForAnotherThreadsLoginEndsWhenItsCallIsCancelled() throws Exception {
        CountDownLatch answering = new CountDownLatch(1);
        iam.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                answering.countDown();
                return issued("slow", "2020-01-04T09:05:22.701000Z")
                        .newBuilder()
                        .headersDelay(1500, TimeUnit.MILLISECONDS)
                        .build();
            }
        });
        IamTokenProvider tokens = provider().build();
        Transport transport = transport(tokens);
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            Future<String> first = pool.submit(() -> tokens.token(transport, Cancel.NEVER));
            assertTrue(answering.await(10, TimeUnit.SECONDS));
            Cancel cancel = new Cancel();
            long start = System.nanoTime();
            new Thread(() -> {
                        sleepQuietly(100);
                        cancel.fire();
                    })
                    .start();
            assertThrows(Cancel.Cancelled.class, () -> tokens.token(transport, cancel));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited < 1000, "the wait ended with its call, not with the login: " + waited + " ms");
            assertEquals("slow", first.get(10, TimeUnit.SECONDS), "the login goes on for the thread that made it");
            assertEquals("slow", tokens.token(transport, new Cancel()));
            assertEquals(1, iam.getRequestCount());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void twentyThreadsMakeOneIamCall() throws Exception {
        AtomicInteger iamCalls = new AtomicInteger();
        iam.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return issued("token-" + iamCalls.incrementAndGet(), "2020-01-04T09:05:22.701000Z")
                        .newBuilder()
                        .headersDelay(200, TimeUnit.MILLISECONDS)
                        .build();
            }
        });
        IamTokenProvider tokens = provider().build();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return tokens.token();
                }));
            }
            go.countDown();
            for (Future<String> result : results) {
                assertEquals("token-1", result.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, iamCalls.get());

            // 20 requests rejected with the same token: one refresh
            List<Future<?>> invalidations = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                invalidations.add(pool.submit(() -> {
                    tokens.invalidate("token-1");
                    return tokens.token();
                }));
            }
            for (Future<?> f : invalidations) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertEquals(2, iamCalls.get());
            tokens.invalidate("token-1"); // stale: the cached token is token-2 now
            assertEquals("token-2", tokens.token());
            assertEquals(2, iamCalls.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void iamRejectionSaysIamFailedAndIsNotTheApisUnauthorized() {
        iam.enqueue(json(
                401,
                "{\"error\":{\"code\":401,\"message\":\"The username or password is wrong.\","
                        + "\"title\":\"Unauthorized\"}}"));
        Transport transport = transport(provider().build());
        ApiException thrown = assertThrows(
                ApiException.class,
                () -> transport.call(Request.builder("GET", "/api/v1/pods").build(), JsonNode.class));
        IamAuthenticationException e = assertInstanceOf(IamAuthenticationException.class, thrown);
        assertFalse(
                thrown instanceof UnauthorizedException, "the API did not reject a token: IAM refused the credentials");
        String tokens = uri(iam).resolve("/v3/auth/tokens?nocatalog=true").toString();
        assertEquals(
                "IAM token request failed: HTTP 401 Unauthorized: [401] The username or password is wrong. (POST "
                        + tokens + ")",
                e.getMessage());
        assertEquals(401, e.statusCode());
        assertEquals(tokens, e.uri().toString());
        assertEquals("401", e.errorCode());
        assertEquals("The username or password is wrong.", e.errorMessage());
        assertEquals("Unauthorized", e.title());
        assertFalse(e.getMessage().contains("IAMPassword"));
        assertEquals(0, api.getRequestCount());

        // IAM failing (a 500 with a text code) is the same type, with IAM's code
        iam.enqueue(json(500, "{\"error\":{\"code\":\"IAM.0001\",\"message\":\"Internal error\"}}"));
        IamAuthenticationException down = assertThrows(
                IamAuthenticationException.class,
                () -> transport.call(Request.builder("GET", "/api/v1/pods").build(), JsonNode.class));
        assertEquals(
                "IAM token request failed: HTTP 500 Internal Server Error: [IAM.0001] Internal error (POST " + tokens
                        + ")",
                down.getMessage());
        assertNull(down.title());
    }

    @Test
    void anExpiredTokenAtTheApiIsStillTheApisUnauthorized() {
        iam.enqueue(issued("token-1", "2099-01-01T00:00:00.000000Z"));
        iam.enqueue(issued("token-2", "2099-01-01T00:00:00.000000Z"));
        api.enqueue(json(401, "{\"error_code\":\"APIGW.0307\",\"error_msg\":\"The token must be updated.\"}"));
        api.enqueue(json(401, "{\"error_code\":\"APIGW.0307\",\"error_msg\":\"The token must be updated.\"}"));
        Transport transport = transport(provider().build());
        ApiException e = assertThrows(
                ApiException.class,
                () -> transport.call(Request.builder("GET", "/api/v1/pods").build(), JsonNode.class));
        assertInstanceOf(UnauthorizedException.class, e);
        assertFalse(e instanceof IamAuthenticationException);
        assertEquals("GET", e.method());
        assertEquals("/api/v1/pods", e.uri().getPath());
        assertEquals("APIGW.0307", e.errorCode());
    }
}
