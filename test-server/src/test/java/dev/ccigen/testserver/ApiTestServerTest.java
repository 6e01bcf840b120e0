package dev.ccigen.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccigen.runtime.AkSkSigner;
import dev.ccigen.runtime.Credentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server's HTTP side, spoken to with the JDK's client: routes, verbs, authentication, faults, listings. */
class ApiTestServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceType PODS = new ResourceType(
            "",
            "v1",
            "pods",
            "Pod",
            true,
            java.util.Set.of("get", "list", "watch", "create", "update", "patch", "delete"),
            java.util.Set.of("status", "log"),
            false,
            true,
            List.of("po"));

    private final HttpClient http = HttpClient.newHttpClient();
    private ApiTestServer server;

    @BeforeEach
    void start() {
        server = new ApiTestServer(
                List.of(PODS, ObjectStoreTest.DEPLOYMENTS, ObjectStoreTest.NAMESPACES), Clock.systemUTC());
        server.acceptToken("t");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> authed(String method, String path, String body) throws Exception {
        return body == null
                ? send(method, path, null, "X-Auth-Token", "t")
                : send(method, path, body, "X-Auth-Token", "t", "Content-Type", "application/json");
    }

    @Test
    void routesNamespacedAndClusterScopedResources() throws Exception {
        assertEquals(
                201,
                authed("POST", "/api/v1/namespaces/ns/pods", "{\"metadata\":{\"name\":\"web\"}}")
                        .statusCode());
        assertEquals(
                201,
                authed("POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"ns\"}}")
                        .statusCode());
        assertEquals(
                "web",
                JSON.readTree(authed("GET", "/api/v1/namespaces/ns/pods/web", null)
                                .body())
                        .path("metadata")
                        .path("name")
                        .asText());
        assertEquals(
                "Namespace",
                JSON.readTree(authed("GET", "/api/v1/namespaces/ns", null).body())
                        .path("kind")
                        .asText());
        assertEquals(
                "PodList",
                JSON.readTree(authed("GET", "/api/v1/pods", null).body())
                        .path("kind")
                        .asText());
        assertEquals(
                400,
                authed("POST", "/api/v1/pods", "{\"metadata\":{\"name\":\"x\"}}")
                        .statusCode());
        assertEquals(404, authed("GET", "/api/v1/namespaces/ns/widgets", null).statusCode());
        assertEquals(
                405, authed("GET", "/api/v1/namespaces/ns/pods/web/exec", null).statusCode(), "not in the listings");

        HttpResponse<String> notGranted = authed("DELETE", "/api/v1/namespaces/ns/pods", null);
        assertEquals(405, notGranted.statusCode(), "deletecollection is not granted here");
        JsonNode status = JSON.readTree(notGranted.body());
        assertEquals("MethodNotAllowed", status.path("reason").asText());
        assertTrue(status.path("message").asText().contains("the listings grant"), status.toString());

        assertEquals(
                400, authed("GET", "/api/v1/namespaces/ns/pods?limit=ten", null).statusCode());
        assertEquals(
                400,
                authed("GET", "/api/v1/namespaces/ns/pods?watch=true&timeoutSeconds=x", null)
                        .statusCode());
        HttpResponse<String> notJson = authed("POST", "/api/v1/namespaces/ns/pods", "{nope");
        assertEquals(400, notJson.statusCode());
        assertEquals("Status", JSON.readTree(notJson.body()).path("kind").asText());
        assertTrue(notJson.headers().firstValue("X-Request-Id").orElse("").startsWith("req-"));
    }

    @Test
    void deleteAnswersWhatTheDocumentDeclares() throws Exception {
        authed("POST", "/api/v1/namespaces/ns/pods", "{\"metadata\":{\"name\":\"web\"}}");
        assertEquals(
                "Pod",
                JSON.readTree(authed("DELETE", "/api/v1/namespaces/ns/pods/web", null)
                                .body())
                        .path("kind")
                        .asText());
        authed("POST", "/apis/apps/v1/namespaces/ns/deployments", "{\"metadata\":{\"name\":\"d\"}}");
        JsonNode status = JSON.readTree(authed("DELETE", "/apis/apps/v1/namespaces/ns/deployments/d", null)
                .body());
        assertEquals("Success", status.path("status").asText());
    }

    @Test
    void iamIssuesTokensAndTheGatewayChecksThem() throws Exception {
        HttpResponse<String> noToken = send("GET", "/api/v1/namespaces/ns/pods", null);
        assertEquals(401, noToken.statusCode());
        JsonNode body = JSON.readTree(noToken.body());
        assertEquals("APIGW.0301", body.path("error_code").asText());
        assertEquals(
                noToken.headers().firstValue("X-Request-Id").orElseThrow(),
                body.path("request_id").asText());

        HttpResponse<String> issued = send(
                "POST",
                ApiTestServer.TOKENS,
                "{\"auth\":{\"identity\":{\"methods\":[\"password\"],"
                        + "\"password\":{\"user\":{\"name\":\"u\",\"password\":\"p\",\"domain\":{\"name\":\"d\"}}}}}}");
        assertEquals(201, issued.statusCode());
        String token = issued.headers().firstValue("X-Subject-Token").orElseThrow();
        assertTrue(Instant.parse(JSON.readTree(issued.body())
                        .path("token")
                        .path("expires_at")
                        .asText())
                .isAfter(Instant.now()));
        assertEquals(
                200,
                send("GET", "/api/v1/namespaces/ns/pods", null, "X-Auth-Token", token)
                        .statusCode());
        server.expireTokens();
        assertEquals(
                401,
                send("GET", "/api/v1/namespaces/ns/pods", null, "X-Auth-Token", token)
                        .statusCode());

        server.gateway().required(false);
        assertEquals(200, send("GET", "/api/v1/namespaces/ns/pods", null).statusCode());
    }

    @Test
    void akSkSignaturesAreComputedAgain() throws Exception {
        server.acceptAkSk("AK1", "SK1");
        URI uri = server.uri().resolve("/api/v1/namespaces/ns/pods?labelSelector=app%3Dweb&limit=5");
        byte[] body = new byte[0];
        Map<String, String> signed = AkSkSigner.sign(
                "GET", uri, Map.of("X-Project-Id", "p1"), body, Credentials.of("AK1", "SK1"), Instant.now());
        HttpRequest.Builder ok = HttpRequest.newBuilder(uri).header("X-Project-Id", "p1");
        signed.forEach(ok::header);
        assertEquals(
                200, http.send(ok.build(), HttpResponse.BodyHandlers.ofString()).statusCode());

        HttpRequest.Builder tampered = HttpRequest.newBuilder(
                        server.uri().resolve("/api/v1/namespaces/ns/pods?limit=6"))
                .header("X-Project-Id", "p1");
        signed.forEach(tampered::header);
        HttpResponse<String> refused = http.send(tampered.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
        assertTrue(refused.body().contains("verify aksk signature fail"), refused.body());

        Map<String, String> old = AkSkSigner.sign(
                "GET",
                uri,
                Map.of(),
                body,
                Credentials.of("AK1", "SK1"),
                Instant.now().minus(Duration.ofMinutes(20)));
        HttpRequest.Builder late = HttpRequest.newBuilder(uri);
        old.forEach(late::header);
        assertTrue(http.send(late.build(), HttpResponse.BodyHandlers.ofString())
                .body()
                .contains("expired"));
    }

    @Test
    void faultsHitTheirResourceVerbAndCount() throws Exception {
        server.failNext("pods", 429).onlyFor("list").times(2);
        assertEquals(404, authed("GET", "/api/v1/namespaces/ns/pods/x", null).statusCode(), "a get is not a list");
        HttpResponse<String> throttled = authed("GET", "/api/v1/namespaces/ns/pods", null);
        assertEquals(429, throttled.statusCode());
        assertEquals("1", throttled.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(
                "APIGW.0308", JSON.readTree(throttled.body()).path("error_code").asText());
        assertEquals(429, authed("GET", "/api/v1/namespaces/ns/pods", null).statusCode());
        assertEquals(200, authed("GET", "/api/v1/namespaces/ns/pods", null).statusCode(), "twice, then answered");

        server.failNext("*", 503);
        HttpResponse<String> html = authed("GET", "/apis/apps/v1/namespaces/ns/deployments", null);
        assertEquals(503, html.statusCode());
        assertTrue(html.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        server.failNext("pods", 500).asStatus("CCI.00.500001", "boom");
        JsonNode status =
                JSON.readTree(authed("GET", "/api/v1/namespaces/ns/pods", null).body());
        assertEquals("CCI.00.500001", status.path("errorCode").asText());
        assertEquals("InternalError", status.path("reason").asText());
        server.failNext("iam", 500);
        assertEquals(500, send("POST", ApiTestServer.TOKENS, "{}").statusCode());
        assertEquals(7, server.requests().size());
        assertNull(server.requests().get(0).queryParameter("watch"));
    }

    @Test
    void servesTheListingsOfItsTable() throws Exception {
        JsonNode groups = JSON.readTree(authed("GET", "/apis", null).body());
        assertEquals("apps", groups.path("groups").get(0).path("name").asText());
        assertEquals(
                "apps/v1",
                groups.path("groups")
                        .get(0)
                        .path("preferredVersion")
                        .path("groupVersion")
                        .asText());
        assertEquals(
                "v1",
                JSON.readTree(authed("GET", "/api", null).body())
                        .path("versions")
                        .get(0)
                        .asText());
        JsonNode core = JSON.readTree(authed("GET", "/api/v1", null).body());
        assertEquals("APIResourceList", core.path("kind").asText());
        List<String> names = new java.util.ArrayList<>();
        core.path("resources").forEach(r -> names.add(r.path("name").asText()));
        assertEquals(List.of("pods", "pods/log", "pods/status", "namespaces"), names);
        assertEquals(
                "APIGroup",
                JSON.readTree(authed("GET", "/apis/apps", null).body())
                        .path("kind")
                        .asText());
        assertEquals(404, authed("GET", "/apis/batch", null).statusCode());
    }

    @Test
    void watchStreamsEventsUntilEnded() throws Exception {
        authed("POST", "/api/v1/namespaces/ns/pods", "{\"metadata\":{\"name\":\"a\"}}");
        java.util.concurrent.CompletableFuture<HttpResponse<String>> watch = http.sendAsync(
                HttpRequest.newBuilder(server.uri().resolve("/api/v1/namespaces/ns/pods?watch=true&resourceVersion=0"))
                        .header("X-Auth-Token", "t")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.requests().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        authed("DELETE", "/api/v1/namespaces/ns/pods/a", null);
        Thread.sleep(100);
        server.endWatches();
        String[] lines = watch.get().body().split("\n");
        assertEquals(2, lines.length, String.join("\n", lines));
        assertEquals("ADDED", JSON.readTree(lines[0]).path("type").asText());
        assertEquals("DELETED", JSON.readTree(lines[1]).path("type").asText());
        assertEquals(
                "2",
                JSON.readTree(lines[1])
                        .path("object")
                        .path("metadata")
                        .path("resourceVersion")
                        .asText());
        assertTrue(new String(lines[0].getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                .contains("\"name\":\"a\""));
    }
}
