package dev.ccigen.runtime;

import static dev.ccigen.runtime.TestSupport.json;
import static dev.ccigen.runtime.TestSupport.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The password and tokens must not show up anywhere a human or a log collector could read them. */
class SecretsTest {

    private static final String PASSWORD = "Pa55-w0rd-xyz";
    private static final String TOKEN = "MIIatAYJKoZIhvcNAQcC-token-1";
    private static final String TOKEN_2 = "MIIatAYJKoZIhvcNAQcC-token-2";
    /** A quote and a backslash: JSON escapes it, so an echo of the request body shows it differently. */
    private static final String ODD_PASSWORD = "Odd\"pa55\\w0rd";

    private static final String ODD_PASSWORD_IN_JSON = "Odd\\\"pa55\\\\w0rd";

    private final Logger runtimeLogger = Logger.getLogger("dev.ccigen.runtime");
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logged.add(formatter.format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private MockWebServer iam;
    private MockWebServer api;

    @BeforeEach
    void start() throws Exception {
        runtimeLogger.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        runtimeLogger.addHandler(capture);
        iam = new MockWebServer();
        iam.start();
        api = new MockWebServer();
        api.start();
    }

    @AfterEach
    void stop() {
        runtimeLogger.removeHandler(capture);
        runtimeLogger.setLevel(null);
        iam.close();
        api.close();
    }

    @Test
    void secretsNeverAppear() {
        IamTokenProvider.Builder builder = IamTokenProvider.builder()
                .iamEndpoint(uri(iam))
                .username("IAMUser")
                .password(PASSWORD)
                .domainName("IAMDomain")
                .projectId("0605767a")
                .requestTimeout(Duration.ofSeconds(5));
        IamTokenProvider tokens = builder.build();
        iam.enqueue(IamTokenProviderTest.issued(TOKEN, "2099-01-04T09:05:22.701000Z"));
        iam.enqueue(IamTokenProviderTest.issued(TOKEN_2, "2099-01-04T09:05:22.701000Z"));
        iam.enqueue(
                json(
                        401,
                        "{\"error\":{\"code\":401,\"message\":\"The username or password is wrong.\",\"title\":\"Unauthorized\"}}"));
        Transport transport = new ClientBuilder<>(t -> t)
                .endpoint(uri(api))
                .iam(tokens)
                .maxRetries(0)
                .build();

        List<String> seen = new ArrayList<>();
        api.enqueue(json(401, "{\"error_code\":\"APIGW.0307\",\"error_msg\":\"The token must be updated.\"}"));
        api.enqueue(json(200, "{}"));
        transport.call(Request.builder("GET", "/api/v1/namespaces").build(), JsonNode.class);
        api.enqueue(json(503, "<html>down</html>"));
        ApiException e = assertThrows(
                ApiException.class,
                () -> transport.call(
                        Request.builder("GET", "/api/v1/namespaces").build(), JsonNode.class));
        seen.add(e.getMessage());
        seen.add(e.toString());
        tokens.invalidate(TOKEN_2);
        ApiException iamFailure = assertThrows(IamAuthenticationException.class, tokens::token);
        seen.add(iamFailure.getMessage());
        seen.add(iamFailure.toString());
        seen.add(tokens.toString());
        seen.add(builder.toString());
        seen.add(transport.toString());
        seen.add(StaticTokenProvider.of(TOKEN).toString());

        assertTrue(logged.stream().anyMatch(line -> line.contains("/api/v1/namespaces")), "DEBUG lines were captured");
        seen.addAll(logged);
        for (String text : seen) {
            assertFalse(text.contains(PASSWORD), text);
            assertFalse(text.contains(TOKEN), text);
            assertFalse(text.contains(TOKEN_2), text);
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void collect(List<String> seen, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            seen.add(String.valueOf(t.getMessage()));
            seen.add(t.toString());
        }
        if (e instanceof ApiException api) {
            seen.add(api.body());
            seen.add(String.valueOf(api.errorMessage()));
            seen.add(api.headers().toString());
        }
    }

    @Test
    void secretsNeverAppearEvenWhenServersEchoThem() throws Exception {
        List<String> seen = new ArrayList<>();
        IamTokenProvider.Builder builder = IamTokenProvider.builder()
                .iamEndpoint(uri(iam))
                .username("IAMUser")
                .password(ODD_PASSWORD)
                .domainName("IAMDomain")
                .projectName("cn-north-4")
                .requestTimeout(Duration.ofSeconds(5));
        IamTokenProvider tokens = builder.build();

        // IAM rejects the request and echoes it: in a JSON message, and in an HTML page
        String echoed = "{\"auth\":{\"identity\":{\"password\":{\"user\":{\"name\":\"IAMUser\",\"password\":\""
                + ODD_PASSWORD_IN_JSON + "\"}}}}}";
        iam.enqueue(json(
                400,
                Json.mapper()
                        .createObjectNode()
                        .set(
                                "error",
                                Json.mapper()
                                        .createObjectNode()
                                        .put("code", 400)
                                        .put("message", "bad request body: " + echoed))
                        .toString()));
        iam.enqueue(new MockResponse.Builder()
                .code(400)
                .body("<html><pre>" + echoed + "\npassword=" + ODD_PASSWORD + "</pre></html>")
                .build());
        for (int i = 0; i < 2; i++) {
            IamAuthenticationException e = assertThrows(IamAuthenticationException.class, tokens::token);
            assertEquals(400, e.statusCode());
            assertTrue(e.body().contains("bad request body") || e.body().contains("<pre>"), e.body());
            collect(seen, e);
        }
        // IAM answers 201 with a token but no expiry: the decoding error must not show the token header
        iam.enqueue(json(201, "{\"token\":{}}")
                .newBuilder()
                .addHeader("X-Subject-Token", TOKEN)
                .build());
        ResponseDecodingException undecodable = assertThrows(ResponseDecodingException.class, tokens::token);
        assertEquals("***", undecodable.header("X-Subject-Token"));
        collect(seen, undecodable);

        iam.enqueue(IamTokenProviderTest.issued(TOKEN, "2099-01-04T09:05:22.701000Z"));
        Transport transport = new ClientBuilder<>(t -> t)
                .endpoint(uri(api))
                .iam(tokens)
                .maxRetries(0)
                .build();
        // the API echoes the token: in an error page, a response header, a broken 200 and a redirect target
        api.enqueue(new MockResponse.Builder()
                .code(500)
                .addHeader("X-Auth-Token", TOKEN)
                .body("<html>Request headers: X-Auth-Token: " + TOKEN + "</html>")
                .build());
        collect(
                seen,
                assertThrows(
                        ServerErrorException.class,
                        () -> transport.call(
                                Request.builder("GET", "/api/v1/namespaces").build(), JsonNode.class)));
        api.enqueue(json(200, "{\"youSent\": \"" + TOKEN + "\", oops"));
        collect(
                seen,
                assertThrows(
                        ResponseDecodingException.class,
                        () -> transport.call(
                                Request.builder("GET", "/api/v1/namespaces").build(), JsonNode.class)));
        for (int i = 0; i <= 5; i++) {
            api.enqueue(new MockResponse.Builder()
                    .code(302)
                    .addHeader("Location", "/login?token=" + TOKEN + "&i=" + i)
                    .build());
        }
        collect(
                seen,
                assertThrows(
                        RedirectException.class,
                        () -> transport.call(
                                Request.builder("GET", "/api/v1/namespaces").build(), JsonNode.class)));
        api.enqueue(new MockResponse.Builder()
                .code(302)
                .addHeader("Location", "ftp://x/?token=" + TOKEN)
                .build());
        collect(
                seen,
                assertThrows(
                        RedirectException.class,
                        () -> transport.call(
                                Request.builder("GET", "/api/v1/namespaces").build(), JsonNode.class)));

        // transport failures: the API and IAM unreachable
        Transport unreachable = new ClientBuilder<>(t -> t)
                .endpoint(URI.create("http://127.0.0.1:" + closedPort()))
                .token(TOKEN)
                .maxRetries(1)
                .sleeper(d -> {})
                .build();
        collect(
                seen,
                assertThrows(
                        TransportException.class,
                        () -> unreachable.call(
                                Request.builder("GET", "/api/v1/namespaces")
                                        .header("X-Auth-Token", TOKEN)
                                        .build(),
                                JsonNode.class)));
        IamTokenProvider iamDown = IamTokenProvider.builder()
                .iamEndpoint(URI.create("http://127.0.0.1:" + closedPort()))
                .username("IAMUser")
                .password(ODD_PASSWORD)
                .domainName("IAMDomain")
                .projectId("p")
                .build();
        collect(seen, assertThrows(TransportException.class, iamDown::token));

        // a refresh ahead of expiry fails with an echo: logged at WARNING, the current token kept
        TestSupport.MutableClock clock = new TestSupport.MutableClock(java.time.Instant.parse("2099-01-01T00:00:00Z"));
        IamTokenProvider refreshing = IamTokenProvider.builder()
                .iamEndpoint(uri(iam))
                .username("IAMUser")
                .password(ODD_PASSWORD)
                .domainName("IAMDomain")
                .projectName("cn-north-4")
                .clock(clock)
                .build();
        iam.enqueue(IamTokenProviderTest.issued(TOKEN_2, "2099-01-02T00:00:00.000000Z"));
        iam.enqueue(json(
                500,
                "{\"error\":{\"code\":500,\"message\":\"failed for password " + ODD_PASSWORD_IN_JSON + " and token "
                        + TOKEN_2 + "\"}}"));
        assertEquals(TOKEN_2, refreshing.token());
        clock.advance(Duration.ofMinutes(23 * 60 + 30));
        assertEquals(TOKEN_2, refreshing.token());
        assertTrue(logged.stream().anyMatch(line -> line.contains("IAM token refresh failed")), logged.toString());

        // every runtime object a user may print
        ClientBuilder<Transport> clientBuilder =
                new ClientBuilder<>(t -> t).endpoint(uri(api)).iam(builder);
        seen.add(clientBuilder.toString());
        seen.add(new ClientBuilder<>(t -> t).endpoint(uri(api)).token(TOKEN).toString());
        seen.add(clientBuilder.build().toString());
        seen.add(transport.toString());
        seen.add(tokens.toString());
        seen.add(iamDown.toString());
        seen.add(builder.toString());
        seen.add(StaticTokenProvider.of(TOKEN).toString());
        seen.add(Request.builder("GET", "/x")
                .header("X-Auth-Token", TOKEN)
                .jsonBody(Map.of("k", "v"))
                .build()
                .toString());

        assertTrue(logged.stream().anyMatch(line -> line.contains("following to")), "redirects were logged");
        seen.addAll(logged);
        for (String text : seen) {
            assertFalse(text.contains(ODD_PASSWORD), text);
            assertFalse(text.contains(ODD_PASSWORD_IN_JSON), text);
            assertFalse(text.contains(TOKEN), text);
            assertFalse(text.contains(TOKEN_2), text);
        }
    }
}
