package dev.ccigen.runtime;

import static dev.ccigen.runtime.TestSupport.json;
import static dev.ccigen.runtime.TestSupport.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    private static final Map<Integer, Class<? extends ApiException>> CLASSES = Map.of(
            400,
            BadRequestException.class,
            401,
            UnauthorizedException.class,
            403,
            ForbiddenException.class,
            404,
            NotFoundException.class,
            409,
            ConflictException.class,
            410,
            GoneException.class,
            422,
            UnprocessableEntityException.class,
            429,
            TooManyRequestsException.class,
            500,
            ServerErrorException.class,
            502,
            ServerErrorException.class);

    private MockWebServer server;
    private Transport transport;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        transport =
                new ClientBuilder<>(t -> t).endpoint(uri(server)).maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ApiException fail(MockResponse response) {
        server.enqueue(response);
        return assertThrows(
                ApiException.class,
                () -> transport.call(
                        Request.builder("GET", "/api/v1/namespaces/abc").build(), TestPod.class));
    }

    /** An HTML page says its title, or without one its text, in a few words: never the markup. */
    @Test
    void anHtmlPageIsItsTitleOrItsText() {
        assertEquals(
                "an HTML page titled \"Sign in & continue\"",
                ErrorBody.parse("<!DOCTYPE html>\n<html><head><TITLE>\n Sign in &amp; continue </TITLE>"
                                + "<script>var x = '<b>';</script></head><body>…</body></html>")
                        .errorMessage);
        assertEquals(
                "an HTML page: Service Unavailable Try again later.",
                ErrorBody.parse("<html><body><style>p { color: red }</style><h1>Service Unavailable</h1>"
                                + "<!-- node 7 --><p>Try again later.</p></body></html>")
                        .errorMessage);
        assertEquals("an HTML page", ErrorBody.parse("<html><body></body></html>").errorMessage);
        assertEquals("<b>not a page</b>", ErrorBody.parse("<b>not a page</b>").errorMessage);
    }

    @Test
    void everyStatusWithEveryBodyShape() {
        for (int code : new int[] {400, 401, 403, 404, 405, 409, 410, 422, 429, 500, 502, 503}) {
            Class<? extends ApiException> expected =
                    CLASSES.getOrDefault(code, code >= 500 ? ServerErrorException.class : ApiException.class);

            ApiException e = fail(json(
                            code,
                            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                                    + "\"status\":\"Failure\",\"message\":\"namespace name already exists\",\"reason\":\"Conflict\","
                                    + "\"details\":{\"name\":\"abc\",\"kind\":\"namespaces\",\"causes\":[{\"field\":\"metadata.name\"}]},"
                                    + "\"code\":" + code + ",\"errorCode\":\"CCI.02.409101\",\"newField\":1}")
                    .newBuilder()
                    .addHeader("X-Request-Id", "1a2b3c")
                    .build());
            assertEquals(expected, e.getClass(), "status " + code);
            assertEquals(code, e.statusCode());
            assertEquals("CCI.02.409101", e.errorCode());
            assertEquals("namespace name already exists", e.errorMessage());
            assertEquals("1a2b3c", e.requestId());
            assertEquals(
                    "metadata.name",
                    e.status().orElseThrow().getDetails().getCauses().get(0).getField());
            assertEquals(1, e.status().orElseThrow().additionalProperties().get("newField"));
            assertTrue(e.getMessage().startsWith("HTTP " + code), e.getMessage());
            assertTrue(
                    e.getMessage().endsWith("[CCI.02.409101] namespace name already exists (request id 1a2b3c)"),
                    e.getMessage());

            e = fail(json(
                    code,
                    "{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication "
                            + "information: decrypt token fail\",\"request_id\":\"r-42\"}"));
            assertEquals(expected, e.getClass());
            assertEquals("APIGW.0301", e.errorCode());
            assertEquals("Incorrect IAM authentication information: decrypt token fail", e.errorMessage());
            assertEquals("r-42", e.requestId());
            assertTrue(e.status().isEmpty());
            assertTrue(
                    e.getMessage()
                            .endsWith(
                                    "[APIGW.0301] Incorrect IAM authentication information: decrypt token fail (request id r-42)"));

            e = fail(json(
                    code,
                    "{\"error\":{\"code\":" + code + ",\"message\":\"The username or password is wrong.\","
                            + "\"title\":\"Unauthorized\"}}"));
            assertEquals(expected, e.getClass());
            assertNull(e.errorCode());
            assertEquals("The username or password is wrong.", e.errorMessage());
            assertTrue(e.getMessage().endsWith(": The username or password is wrong."), e.getMessage());

            e = fail(new MockResponse.Builder()
                    .code(code)
                    .addHeader("Content-Type", "text/html")
                    .body("<html>\n<head><title>" + code + " Oops</title></head>\n<body>\n  nginx\n</body>\n</html>\n")
                    .build());
            assertEquals(expected, e.getClass());
            assertNull(e.errorCode());
            assertEquals("an HTML page titled \"" + code + " Oops\"", e.errorMessage());
            assertFalse(e.getMessage().contains("\n"));

            e = fail(new MockResponse.Builder().code(code).build());
            assertEquals(expected, e.getClass());
            assertNull(e.errorCode());
            assertNull(e.errorMessage());
            assertNull(e.requestId());
            assertEquals("", e.body());
        }
    }

    @Test
    void oneLineMessages() {
        ApiException e = fail(json(
                        409,
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                                + "\"message\":\"namespaces \\\"abc\\\" already exists\",\"reason\":\"AlreadyExists\","
                                + "\"details\":{\"name\":\"abc\",\"kind\":\"namespaces\"},\"code\":409,\"errorCode\":\"CCI.02.409101\"}")
                .newBuilder()
                .addHeader("x-request-id", "1a2b")
                .build());
        assertEquals(
                "HTTP 409 Conflict: [CCI.02.409101] namespaces \"abc\" already exists (request id 1a2b)",
                e.getMessage());
        assertEquals("1a2b", e.header("X-REQUEST-ID"));

        e = fail(json(400, "{\"errorCode\":\"X.1\",\"errorMessage\":\"camel case\"}"));
        assertEquals("HTTP 400 Bad Request: [X.1] camel case", e.getMessage());
        e = fail(json(400, "{\"code\":\"X.2\",\"message\":\"plain\"}"));
        assertEquals("HTTP 400 Bad Request: [X.2] plain", e.getMessage());
        e = fail(json(500, "{\"kind\":\"Status\",\"mess"));
        assertEquals("HTTP 500 Internal Server Error: {\"kind\":\"Status\",\"mess", e.getMessage());
        e = fail(new MockResponse.Builder().code(418).body("x".repeat(1000)).build());
        assertEquals(ApiException.class, e.getClass());
        assertTrue(e.getMessage().length() < 230, e.getMessage());
        assertEquals("/api/v1/namespaces/abc", e.uri().getPath());
        assertEquals("GET", e.method());
    }

    @Test
    void errorBodiesAreCappedAt64KiB() {
        String huge = "{\"message\":\"" + "y".repeat(5 * 1024 * 1024) + "\"}";
        ApiException e = fail(json(500, huge));
        assertEquals(64 * 1024, e.body().length());
        assertNull(e.errorCode());
        assertTrue(e.getMessage().length() < 300);
    }

    @Test
    void undecodableSuccessBody() {
        server.enqueue(json(200, "{\"metadata\": {\"name\": [oops"));
        ResponseDecodingException e = assertThrows(
                ResponseDecodingException.class,
                () -> transport.call(Request.builder("GET", "/api/v1/pods/x").build(), TestPod.class));
        assertEquals(200, e.statusCode());
        assertTrue(e.getMessage().startsWith("HTTP 200 OK: response body does not decode as"), e.getMessage());
        assertTrue(e.getMessage().contains("{\"metadata\": {\"name\": [oops"), e.getMessage());
        assertInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class, e.getCause());
    }

    @Test
    void emptyAndVoidBodies() {
        server.enqueue(new MockResponse.Builder().code(204).build());
        server.enqueue(json(200, "{\"x\":1}"));
        assertNull(transport.call(Request.builder("DELETE", "/a").build(), TestPod.class));
        assertNull(transport.call(Request.builder("DELETE", "/a").build(), Void.class));
    }
}
