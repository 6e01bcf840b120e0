package dev.ccigen.runtime;

import static dev.ccigen.runtime.FakeKubelet.exit;
import static dev.ccigen.runtime.TestSupport.json;
import static dev.ccigen.runtime.TestSupport.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The user's hook: every attempt of calls, streams, WebSocket upgrades and IAM's token request passes the interceptors,
 * which add headers and see method, URI, kind, retry, status, time and failures, and never a credential.
 */
@Timeout(30)
class InterceptorTest {

    private static final String TOKEN = "MIIatAYJKoZIhvcNAQcC-interceptor-token";
    private static final String PASSWORD = "Pa55-w0rd-interceptor";
    private static final String ACCESS_KEY = "AKINTERCEPTORTEST0001";
    private static final String SECRET_KEY = "SKinterceptorTestSecretKey0001";
    private static final String SECURITY_TOKEN = "STinterceptor-security-token-0001";
    private static final String BEARER = "Bearer bearer-secret-of-a-proxy";

    @AutoClose
    private final MockWebServer server = TestSupport.startedServer();

    /** What an interceptor records: one line per attempt, and everything it could read. */
    private static final class Recorder implements Interceptor {
        final List<String> attempts = new CopyOnWriteArrayList<>();
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public Attempt.Response intercept(Chain chain) throws IOException {
            Attempt attempt = chain.attempt();
            seen.add(attempt.toString());
            seen.add(attempt.headers().toString());
            seen.add(attempt.uri().toString());
            try {
                Attempt.Response response = chain.proceed(attempt.withHeader("X-Trace", "t-" + attempts.size()));
                attempts.add(attempt.kind() + " " + attempt.method() + " "
                        + attempt.uri().getPath() + " retry " + attempt.retry() + " redirect " + attempt.redirect()
                        + " -> " + response.statusCode());
                seen.add(response.toString());
                seen.add(response.headers().toString());
                seen.add(response.uri().toString());
                assertFalse(response.elapsed().isNegative());
                return response;
            } catch (IOException e) {
                attempts.add(attempt.kind() + " " + attempt.method() + " "
                        + attempt.uri().getPath() + " retry " + attempt.retry() + " failed "
                        + e.getClass().getSimpleName());
                seen.add(e.toString());
                throw e;
            }
        }
    }

    private ClientBuilder<Transport> client(Recorder recorder) {
        return new ClientBuilder<>(t -> t)
                .endpoint(uri(server))
                .interceptor(recorder)
                .sleeper(d -> {})
                .requestTimeout(Duration.ofSeconds(5));
    }

    /** Every header of {@code request} on one line. */
    private static String echo(RecordedRequest request) {
        StringBuilder line = new StringBuilder();
        request.getHeaders()
                .forEach(pair -> line.append(pair.getFirst())
                        .append('=')
                        .append(pair.getSecond())
                        .append("; "));
        return line.toString();
    }

    private static Request get(String path) {
        return Request.builder("GET", path).build();
    }

    @Test
    void seesEachAttemptOfACallRetriesAndRedirectsIncludedAndAddsHeaders() throws Exception {
        server.enqueue(json(503, "{}"));
        server.enqueue(new MockResponse.Builder()
                .code(302)
                .addHeader("Location", "/moved")
                .build());
        server.enqueue(json(200, "{\"metadata\":{\"name\":\"p\"}}"));
        Recorder recorder = new Recorder();
        Transport transport = client(recorder).token(TOKEN).build();

        assertEquals("p", transport.call(get("/api/v1/pods/p"), TestPod.class).objectName());

        assertEquals(
                List.of(
                        "CALL GET /api/v1/pods/p retry 0 redirect 0 -> 503",
                        "CALL GET /api/v1/pods/p retry 1 redirect 0 -> 302",
                        "CALL GET /moved retry 1 redirect 1 -> 200"),
                recorder.attempts);
        for (int i = 0; i < 3; i++) {
            RecordedRequest sent = server.takeRequest();
            assertEquals("t-" + i, sent.getHeaders().get("X-Trace"), "the header the interceptor added");
            assertEquals(TOKEN, sent.getHeaders().get("X-Auth-Token"), "added after the interceptor");
        }
        recorder.seen.forEach(text -> assertFalse(text.contains(TOKEN), text));
    }

    @Test
    void seesAttemptsWithoutAResponseAndTheirFailure() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Recorder recorder = new Recorder();
        Transport transport = client(recorder)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .maxRetries(2)
                .build();
        TransportException e = assertThrows(TransportException.class, () -> transport.call(get("/x"), JsonNode.class));
        assertEquals(TransportException.Reason.CONNECTION_REFUSED, e.reason());
        assertEquals(
                List.of(
                        "CALL GET /x retry 0 failed ConnectException",
                        "CALL GET /x retry 1 failed ConnectException",
                        "CALL GET /x retry 2 failed ConnectException"),
                recorder.attempts);
    }

    @Test
    void streamsAndWebSocketUpgradesPassTheSameChain() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .body(ResourceCallsTest.event("ADDED", "a", "1"))
                .build());
        server.enqueue(new FakeKubelet((ws, upgrade) -> exit(ws, 0), null).upgrade("v5.channel.k8s.io"));
        Recorder recorder = new Recorder();
        Transport transport = client(recorder).token(TOKEN).build();
        ResourceCalls<TestPod, KubernetesList<TestPod>> pods = FakeKubelet.pods(transport);

        try (Watch<TestPod> watch = new ResourceCalls<>(
                        transport, "/api/v1", "pods", "ns", TestPod.class, TestPod.List_.class)
                .watch(ListOptions.none())) {
            assertEquals("a", watch.next().object().objectName());
        }
        assertEquals(
                0,
                pods.exec("web", ExecOptions.builder().build(), List.of("true")).exitCode());

        assertEquals(
                List.of(
                        "STREAM GET /api/v1/namespaces/ns/pods retry 0 redirect 0 -> 200",
                        "WEBSOCKET GET /api/v1/namespaces/ns/pods/web/exec retry 0 redirect 0 -> 101"),
                recorder.attempts);
        assertEquals("t-0", server.takeRequest().getHeaders().get("X-Trace"));
        assertEquals("t-1", server.takeRequest().getHeaders().get("X-Trace"), "on the upgrade request too");
    }

    @Test
    void iamsTokenRequestGoesThroughTheClientsChainWithoutAToken() throws Exception {
        try (MockWebServer iam = TestSupport.startedServer()) {
            iam.enqueue(json(503, "{}")); // retried: the token request is safe to repeat
            iam.enqueue(IamTokenProviderTest.issued(TOKEN, "2099-01-01T00:00:00.000000Z"));
            server.enqueue(json(200, "{}"));
            Recorder recorder = new Recorder();
            Transport transport = client(recorder)
                    .projectId("project-of-the-api")
                    .iam(IamTokenProvider.builder()
                            .iamEndpoint(uri(iam))
                            .username("alice")
                            .password(PASSWORD)
                            .domainName("acme")
                            .projectName("cn-north-4"))
                    .build();

            transport.call(get("/api/v1/pods"), JsonNode.class);

            assertEquals(
                    List.of(
                            "CALL POST /v3/auth/tokens retry 0 redirect 0 -> 503",
                            "CALL POST /v3/auth/tokens retry 1 redirect 0 -> 201",
                            "CALL GET /api/v1/pods retry 0 redirect 0 -> 200"),
                    recorder.attempts);
            RecordedRequest login = iam.takeRequest();
            assertNull(login.getHeaders().get("X-Auth-Token"));
            assertNull(login.getHeaders().get("X-Project-Id"), "the API's own headers stay with the API");
            assertEquals("t-0", login.getHeaders().get("X-Trace"));
            assertTrue(
                    recorder.seen.stream()
                            .anyMatch(s -> s.toLowerCase(java.util.Locale.ROOT).contains("x-subject-token=[***]")),
                    recorder.seen.toString());
            for (String text : recorder.seen) {
                assertFalse(text.contains(TOKEN), text);
                assertFalse(text.contains(PASSWORD), text);
            }
        }
    }

    @Test
    void credentialsAreNeverVisibleThroughIt() {
        Recorder recorder = new Recorder();
        server.setDispatcher(TestSupport.dispatcher(request -> json(200, "{}")
                .newBuilder()
                .addHeader("X-Echo", echo(request)) // a server that echoes every header
                .addHeader("Set-Cookie", "session=" + TOKEN)
                .build()));
        Transport akSk = client(recorder)
                .akSk(ACCESS_KEY, SECRET_KEY)
                .securityToken(SECURITY_TOKEN)
                .header("Authorization", BEARER) // a configured header that carries credentials
                .build();
        Transport token = client(recorder).token(TOKEN).build();
        akSk.call(get("/a"), JsonNode.class);
        token.call(get("/b"), JsonNode.class);
        assertEquals(2, recorder.attempts.size());
        assertTrue(recorder.seen.stream().anyMatch(s -> s.contains("Authorization=***")), recorder.seen.toString());
        for (String text : recorder.seen) {
            for (String secret : List.of(TOKEN, ACCESS_KEY, SECRET_KEY, SECURITY_TOKEN, BEARER)) {
                assertFalse(text.contains(secret), secret + " in " + text);
            }
        }
        Attempt[] captured = new Attempt[1];
        Transport refusing = client(new Recorder())
                .interceptor(chain -> {
                    captured[0] = chain.attempt();
                    return chain.proceed(chain.attempt());
                })
                .token(TOKEN)
                .build();
        refusing.call(get("/c"), JsonNode.class);
        for (String header : List.of("X-Auth-Token", "authorization", "X-Security-Token", "Cookie")) {
            assertThrows(IllegalArgumentException.class, () -> captured[0].withHeader(header, "mine"), header);
        }
    }

    @Test
    void theFirstAddedIsTheOutermostAndEachProceedsOnce() throws Exception {
        server.setDispatcher(TestSupport.dispatcher(request -> json(200, "{}")));
        List<String> order = new ArrayList<>();
        Transport transport = new ClientBuilder<>(t -> t)
                .endpoint(uri(server))
                .interceptor(chain -> {
                    order.add("outer in");
                    Attempt.Response response = chain.proceed(chain.attempt().withHeader("X-Outer", "1"));
                    order.add("outer out");
                    return response;
                })
                .interceptor(chain -> {
                    order.add("inner in, X-Outer=" + chain.attempt().headers().get("x-outer"));
                    Attempt.Response response = chain.proceed(chain.attempt());
                    order.add("inner out");
                    return response;
                })
                .build();
        transport.call(get("/x"), JsonNode.class);
        assertEquals(List.of("outer in", "inner in, X-Outer=1", "inner out", "outer out"), order);

        Transport twice = new ClientBuilder<>(t -> t)
                .endpoint(uri(server))
                .interceptor(chain -> {
                    chain.proceed(chain.attempt());
                    return chain.proceed(chain.attempt());
                })
                .build();
        assertThrows(IllegalStateException.class, () -> twice.call(get("/x"), JsonNode.class));
        Transport elsewhere = new ClientBuilder<>(t -> t)
                .endpoint(uri(server))
                .interceptor(chain -> {
                    chain.proceed(chain.attempt());
                    return null;
                })
                .build();
        assertThrows(IllegalStateException.class, () -> elsewhere.call(get("/x"), JsonNode.class));
    }

    @Test
    void anExceptionOfAnInterceptorReachesTheCallerAsItIs() {
        server.enqueue(json(200, "{}"));
        Transport transport = new ClientBuilder<>(t -> t)
                .endpoint(uri(server))
                .interceptor(chain -> {
                    chain.proceed(chain.attempt());
                    throw new IllegalArgumentException("a bug in the interceptor");
                })
                .build();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> transport.call(get("/x"), JsonNode.class));
        assertEquals("a bug in the interceptor", e.getMessage());
    }
}
