package dev.ccigen.runtime;

import static dev.ccigen.runtime.RawServer.ascii;
import static dev.ccigen.runtime.TestSupport.json;
import static dev.ccigen.runtime.TestSupport.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** A server that is slow, huge, broken or malicious must never make the client fail in a surprising way. */
@Execution(ExecutionMode.CONCURRENT) // waits for stalls and timeouts: the other classes run meanwhile
class HostileServerTest {

    private static final String TOKEN = "hostile-test-token";
    private static final Duration SHORT = Duration.ofMillis(500);
    /** Generous bound for "ends within the configured time": no test asserts timings closer than this. */
    private static final Duration BOUND = Duration.ofSeconds(10);

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

    private ClientBuilder<Transport> client(URI endpoint) {
        return new ClientBuilder<>(t -> t)
                .endpoint(endpoint)
                .token(TOKEN)
                .maxRetries(0)
                .requestTimeout(SHORT)
                .sleeper(sleeper)
                .clock(clock)
                .maxRetryAfter(Duration.ofSeconds(60));
    }

    private static Request get(String path) {
        return Request.builder("GET", path).build();
    }

    // ---- size ---------------------------------------------------------------------------------------------

    @Test
    void aHundredMegabyteErrorBodyIsReadOnlyUpToTheCap() throws Exception {
        long declared = 100L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        CountDownLatch serverStopped = new CountDownLatch(1);
        byte[] chunk = new byte[16 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try (RawServer raw = new RawServer((head, out) -> {
            try {
                out.write(ascii("HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: "
                        + declared + "\r\n\r\n"));
                while (written.get() < declared) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } finally {
                serverStopped.countDown();
            }
        })) {
            Transport transport = client(raw.uri()).requestTimeout(BOUND).build();
            ServerErrorException e = assertTimeoutPreemptively(
                    BOUND,
                    () -> assertThrows(ServerErrorException.class, () -> transport.call(get("/big"), JsonNode.class)));
            assertEquals(ApiException.MAX_BODY_BYTES, e.body().length());
            assertTrue(e.getMessage().length() < 300, e.getMessage());
            // the client hung up: the server's writes fail long before 100 MB (socket buffers hold a few MB)
            assertTrue(serverStopped.await(BOUND.toSeconds(), TimeUnit.SECONDS), "the server is still writing");
            assertTrue(written.get() < 32L * 1024 * 1024, written.get() + " bytes were sent");
        }
    }

    @Test
    void hugeResponseHeaderValuesKeepMessagesShort() {
        String hugeId = "r".repeat(60_000);
        String hugeCode = "C".repeat(10_000);
        String hugeMessage = "m".repeat(50_000);
        server.enqueue(json(
                        409,
                        "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"Conflict\",\"code\":409,"
                                + "\"errorCode\":\"" + hugeCode + "\",\"message\":\"" + hugeMessage + "\"}")
                .newBuilder()
                .addHeader("X-Request-Id", hugeId)
                .build());
        server.enqueue(json(200, "{\"metadata\":{\"name\":\"ok\"}}")
                .newBuilder()
                .addHeader("X-Request-Id", hugeId)
                .addHeader("X-Other", "v".repeat(60_000))
                .build());
        Transport transport = client(uri(server)).build();
        ConflictException e = assertThrows(ConflictException.class, () -> transport.call(get("/x"), TestPod.class));
        assertEquals(hugeId, e.requestId(), "the accessors keep the whole value");
        assertEquals(hugeCode, e.errorCode());
        assertEquals(hugeMessage, e.errorMessage());
        assertTrue(
                e.getMessage().length() < 1400, "message of " + e.getMessage().length() + " chars");
        assertTrue(e.getMessage().startsWith("HTTP 409 Conflict: [CCC"), e.getMessage());
        assertEquals("ok", transport.call(get("/x"), TestPod.class).objectName());
    }

    // ---- time ---------------------------------------------------------------------------------------------

    private static void headersThen(java.io.OutputStream out, String status, String headers) throws Exception {
        out.write(ascii("HTTP/1.1 " + status + "\r\n" + headers + "\r\n"));
        out.flush();
    }

    @Test
    void aBodyThatStallsEndsWithTheRequestTimeout() throws Exception {
        try (RawServer raw = new RawServer((head, out) -> {
            headersThen(out, "200 OK", "Content-Type: application/json\r\nContent-Length: 1000\r\n");
            out.write(ascii("{\"metadata\":"));
            out.flush();
            Thread.sleep(60_000);
        })) {
            Transport transport = client(raw.uri()).build();
            TransportException e = assertTimeoutPreemptively(
                    BOUND,
                    () -> assertThrows(TransportException.class, () -> transport.call(get("/stall"), TestPod.class)));
            assertInstanceOf(HttpTimeoutException.class, e.getCause());
            assertEquals(0, e.statusCode());
            assertEquals(TransportException.Reason.TIMEOUT, e.reason());
            assertTrue(
                    e.getMessage()
                            .startsWith("timed out waiting for 127.0.0.1:"
                                    + raw.uri().getPort() + ": "),
                    e.getMessage());
            assertTrue(
                    e.getMessage().contains("500 ms")
                            && e.getMessage().endsWith("(GET " + raw.uri().resolve("/stall") + ")"),
                    e.getMessage());

            // text() (a pod log) too
            e = assertTimeoutPreemptively(
                    BOUND, () -> assertThrows(TransportException.class, () -> transport.text(get("/log"))));
            assertInstanceOf(HttpTimeoutException.class, e.getCause());
        }
    }

    @Test
    void aBodyThatTricklesForeverEndsWithTheRequestTimeout() throws Exception {
        try (RawServer raw = new RawServer((head, out) -> {
            headersThen(out, "200 OK", "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
            out.write(ascii("1\r\n[\r\n"));
            while (true) { // one byte every 20 ms: never idle long enough for an idle timeout
                out.write(ascii("1\r\n \r\n"));
                out.flush();
                Thread.sleep(20);
            }
        })) {
            Transport transport = client(raw.uri()).build();
            TransportException e = assertTimeoutPreemptively(
                    BOUND,
                    () -> assertThrows(
                            TransportException.class, () -> transport.call(get("/trickle"), JsonNode.class)));
            assertInstanceOf(HttpTimeoutException.class, e.getCause());
        }
    }

    @Test
    void anErrorBodyThatStallsKeepsWhatArrived() throws Exception {
        try (RawServer raw = new RawServer((head, out) -> {
            headersThen(out, "503 Service Unavailable", "Content-Type: text/plain\r\nContent-Length: 1000\r\n");
            out.write(ascii("upstream is bus"));
            out.flush();
            Thread.sleep(60_000);
        })) {
            Transport transport = client(raw.uri()).build();
            ServerErrorException e = assertTimeoutPreemptively(
                    BOUND,
                    () -> assertThrows(ServerErrorException.class, () -> transport.call(get("/x"), JsonNode.class)));
            assertEquals("upstream is bus", e.body());
            assertEquals("HTTP 503 Service Unavailable: upstream is bus", e.getMessage());
        }
    }

    @Test
    void headersThatNeverComeEndWithTheRequestTimeout() throws Exception {
        try (RawServer raw = new RawServer((head, out) -> Thread.sleep(60_000))) {
            Transport transport = client(raw.uri()).build();
            TransportException e = assertTimeoutPreemptively(
                    BOUND,
                    () -> assertThrows(TransportException.class, () -> transport.call(get("/x"), JsonNode.class)));
            assertInstanceOf(HttpTimeoutException.class, e.getCause());
        }
    }

    @Test
    void aStreamWhoseHeadersNeverComeEndsWithTheRequestTimeout() throws Exception {
        try (RawServer raw = new RawServer((head, out) -> Thread.sleep(60_000))) {
            Transport transport = client(raw.uri()).maxRetries(0).build();
            ResourceCalls<TestPod, TestPod.List_> pods = TestSupport.pods(transport);
            long start = System.nanoTime();
            TransportException e = assertTimeoutPreemptively(
                    BOUND, () -> assertThrows(TransportException.class, () -> pods.watch(ListOptions.none())));
            assertEquals(TransportException.Reason.TIMEOUT, e.reason());
            assertTrue(System.nanoTime() - start >= SHORT.toNanos(), "the request timeout, not less");
        }
    }

    @Test
    void aStalledWatchEndsWhenClosedFromAnotherThread() throws Exception {
        try (RawServer raw = new RawServer((head, out) -> {
            headersThen(out, "200 OK", "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
            byte[] event = ascii(ResourceCallsTest.event("ADDED", "a", "1"));
            out.write(ascii(Integer.toHexString(event.length) + "\r\n"));
            out.write(event);
            out.write(ascii("\r\n"));
            out.flush();
            Thread.sleep(60_000);
        })) {
            Transport transport = client(raw.uri()).build(); // the request timeout must not apply to a watch
            ResourceCalls<TestPod, TestPod.List_> pods = TestSupport.pods(transport);
            Watch<TestPod> watch =
                    pods.watch(ListOptions.builder().resumeWatch(true).build());
            assertEquals("a", watch.next().object().objectName());
            Thread closer = new Thread(() -> {
                try {
                    Thread.sleep(SHORT.toMillis() * 2); // past the request timeout: the watch is still open
                } catch (InterruptedException e) {
                    return;
                }
                watch.close();
            });
            closer.start();
            assertTimeoutPreemptively(BOUND, () -> assertFalse(watch.hasNext()));
            closer.join();
            assertEquals(1, raw.requests.size(), "a closed watch is not resumed");
            watch.close(); // again: harmless
        }
    }

    @Test
    void aWatchEventThatNeverEndsIsCappedNotMaterialised() throws Exception {
        AtomicLong written = new AtomicLong();
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try (RawServer raw = new RawServer((head, out) -> {
            headersThen(out, "200 OK", "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
            byte[] start = ascii("{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"");
            out.write(ascii(Integer.toHexString(start.length) + "\r\n"));
            out.write(start);
            out.write(ascii("\r\n"));
            while (true) { // a name that never ends, and no newline ever
                out.write(ascii(Integer.toHexString(chunk.length) + "\r\n"));
                out.write(chunk);
                out.write(ascii("\r\n"));
                written.addAndGet(chunk.length);
            }
        })) {
            ResourceCalls<TestPod, TestPod.List_> pods = new ResourceCalls<>(
                    client(raw.uri()).build(), "/api/v1", "pods", "ns", TestPod.class, TestPod.List_.class);
            ResponseDecodingException e = assertTimeoutPreemptively(BOUND, () -> {
                try (Watch<TestPod> watch =
                        pods.watch(ListOptions.builder().resumeWatch(true).build())) {
                    return assertThrows(ResponseDecodingException.class, watch::hasNext);
                }
            });
            assertTrue(
                    e.getMessage().contains("a watch event of at most 16777216 bytes: {\"type\":\"ADDED\""),
                    e.getMessage());
            assertTrue(e.getMessage().length() < 400);
            assertEquals(1, raw.requests.size(), "not resumed");
            assertTrue(written.get() < 64L * 1024 * 1024, written.get() + " bytes were sent");
        }
    }

    // ---- content ------------------------------------------------------------------------------------------

    @Test
    void invalidJsonInA200IsADecodingErrorWithAnExcerpt() {
        String html = "<!DOCTYPE html>\n<html>\n<head><title>Gateway login</title></head>\n<body>\n" + "<p>"
                + "Please sign in. ".repeat(100) + "</p>\n</body>\n</html>\n";
        server.enqueue(json(200, "{\"metadata\":{\"name\":\"a\",\"resourceVers"));
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "text/html")
                .body(html)
                .build());
        Transport transport = client(uri(server)).build();

        ResponseDecodingException truncated = assertThrows(
                ResponseDecodingException.class, () -> transport.call(get("/api/v1/pods/a"), TestPod.class));
        assertEquals(200, truncated.statusCode());
        assertEquals(
                "HTTP 200 OK: response body does not decode as dev.ccigen.runtime.TestPod: "
                        + "{\"metadata\":{\"name\":\"a\",\"resourceVers",
                truncated.getMessage());

        ResponseDecodingException page = assertThrows(
                ResponseDecodingException.class, () -> transport.call(get("/api/v1/pods/a"), TestPod.class));
        assertTrue(
                page.getMessage()
                        .equals("HTTP 200 OK: response body does not decode as "
                                + "dev.ccigen.runtime.TestPod: an HTML page titled \"Gateway login\""),
                page.getMessage());
        assertFalse(page.getMessage().contains("\n"));
        assertTrue(page.getMessage().length() < 400, page.getMessage());
        assertEquals(html, page.body());
        assertEquals("text/html", page.header("content-type"));
    }

    /** Documented choice: a 2xx without a body (or only whitespace) where an object is expected gives null. */
    @Test
    void anEmpty2xxBodyWhereAnObjectIsExpectedIsNull() {
        server.enqueue(new MockResponse.Builder().code(200).build());
        server.enqueue(new MockResponse.Builder().code(201).body(" \r\n").build());
        server.enqueue(json(200, "null"));
        Transport transport = client(uri(server)).build();
        assertNull(transport.call(get("/a"), TestPod.class));
        assertNull(
                transport.call(Request.builder("POST", "/a").jsonBody(Map.of()).build(), TestPod.class));
        assertNull(transport.call(get("/a"), TestPod.class));
    }

    @Test
    void aBodyShorterThanItsContentLengthIsATransportError() throws Exception {
        try (RawServer raw = new RawServer((head, out) -> {
            headersThen(out, "200 OK", "Content-Type: application/json\r\nContent-Length: 100\r\n");
            out.write(ascii("{\"metadata\":{}}"));
            out.flush();
            throw new java.io.IOException("hang up"); // closes the connection 85 bytes short
        })) {
            Transport transport = client(raw.uri()).requestTimeout(BOUND).build();
            TransportException e = assertTimeoutPreemptively(
                    BOUND,
                    () -> assertThrows(TransportException.class, () -> transport.call(get("/short"), TestPod.class)));
            assertEquals(TransportException.Reason.CONNECTION_CLOSED, e.reason(), e.getMessage());
            assertTrue(
                    e.getMessage()
                            .startsWith("connection to 127.0.0.1:" + raw.uri().getPort() + " closed before a complete "
                                    + "response"),
                    e.getMessage());
        }
    }

    @Test
    void aBodyLongerThanItsContentLengthDoesNotPoisonTheNextCall() throws Exception {
        AtomicInteger served = new AtomicInteger();
        try (RawServer raw = new RawServer((head, out) -> {
            if (served.incrementAndGet() == 1) {
                headersThen(out, "200 OK", "Content-Type: application/json\r\nContent-Length: 2\r\n");
                out.write(ascii("{}HTTP/1.1 200 OK\r\nContent-Length: 27\r\n\r\n{\"metadata\":{\"name\":\"evil\"}}"));
            } else {
                headersThen(out, "200 OK", "Content-Type: application/json\r\nContent-Length: 26\r\n");
                out.write(ascii("{\"metadata\":{\"name\":\"ok\"}}"));
            }
        })) {
            Transport transport =
                    client(raw.uri()).requestTimeout(BOUND).maxRetries(2).build();
            assertNull(transport.call(get("/first"), TestPod.class).objectName());
            TestPod second = assertTimeoutPreemptively(BOUND, () -> transport.call(get("/second"), TestPod.class));
            assertEquals(
                    "ok", second.objectName(), "the bytes after Content-Length must not be taken as the next response");
        }
    }

    // ---- watch resumption ---------------------------------------------------------------------------------

    private static MockResponse cut(String events) {
        return new MockResponse.Builder()
                .code(200)
                .body(events + "{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"na")
                .onResponseEnd(new SocketEffect.CloseSocket(true, false, false))
                .build();
    }

    private ResourceCalls<TestPod, TestPod.List_> podsOn(MockWebServer s) {
        return new ResourceCalls<>(client(uri(s)).build(), "/api/v1", "pods", "ns", TestPod.class, TestPod.List_.class);
    }

    @Test
    void aServerThatCutsEveryStreamCannotCauseEndlessReconnects() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return cut("");
            }
        });
        ListOptions options = ListOptions.builder()
                .resumeWatch(true)
                .maxWatchResumes(3)
                .resourceVersion("7")
                .build();
        TransportException e = assertTimeoutPreemptively(BOUND, () -> {
            try (Watch<TestPod> watch = podsOn(server).watch(options)) {
                return assertThrows(TransportException.class, watch::hasNext, "a watch that gives up says so");
            }
        });
        assertTrue(e.getMessage().contains("after 3 resumes without progress"), e.getMessage());
        assertEquals(4, server.getRequestCount(), "the first attempt and 3 resumptions");
    }

    @Test
    void aServerThatReplaysTheSameEventAndCutsCannotCauseEndlessReconnects() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return cut(ResourceCallsTest.event("ADDED", "a", "5"));
            }
        });
        ListOptions options =
                ListOptions.builder().resumeWatch(true).maxWatchResumes(3).build();
        int events = assertTimeoutPreemptively(BOUND, () -> {
            int count = 0;
            try (Watch<TestPod> watch = podsOn(server).watch(options)) {
                while (count < 4) {
                    assertEquals("5", watch.next().object().objectResourceVersion());
                    count++;
                }
                assertThrows(TransportException.class, watch::hasNext, "then it gives up, and says so");
            }
            return count;
        });
        assertEquals(4, server.getRequestCount(), "no progress after the first event: 3 resumptions, then the end");
        assertEquals(4, events);
        server.takeRequest();
        assertTrue(server.takeRequest().getTarget().contains("resourceVersion=5&watch=true"));
    }

    @Test
    void progressResetsTheResumeCount() {
        AtomicInteger opened = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int n = opened.incrementAndGet();
                if (n <= 6) { // six streams, each with one new event, each cut
                    return cut(ResourceCallsTest.event("MODIFIED", "a", String.valueOf(n)));
                }
                if (n == 7) { // a clean end: resumed, and not counted
                    return new MockResponse.Builder()
                            .code(200)
                            .body(ResourceCallsTest.event("DELETED", "a", "99"))
                            .build();
                }
                return json(403, "{}"); // ends the watch
            }
        });
        ListOptions options =
                ListOptions.builder().resumeWatch(true).maxWatchResumes(1).build();
        int events = assertTimeoutPreemptively(BOUND, () -> {
            int count = 0;
            try (Watch<TestPod> watch = podsOn(server).watch(options)) {
                while (count < 7) {
                    watch.next();
                    count++;
                }
                assertThrows(ForbiddenException.class, watch::hasNext);
            }
            return count;
        });
        assertEquals(7, events);
        assertEquals(8, server.getRequestCount());
    }

    // ---- Retry-After --------------------------------------------------------------------------------------

    private static MockResponse busy(String retryAfter) {
        return json(503, "{}").newBuilder().addHeader("Retry-After", retryAfter).build();
    }

    @Test
    void retryAfterValuesFromAHostileServerAreClampedOrIgnored() {
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().minusSeconds(3600).atOffset(ZoneOffset.UTC));
        server.enqueue(busy("1000000"));
        server.enqueue(busy("-5"));
        server.enqueue(busy("abc"));
        server.enqueue(busy(past));
        server.enqueue(busy("1.5"));
        server.enqueue(json(
                429,
                "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"TooManyRequests\",\"code\":429,"
                        + "\"details\":{\"retryAfterSeconds\":-3}}"));
        server.enqueue(json(
                        503,
                        "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"ServiceUnavailable\","
                                + "\"code\":503,\"details\":{\"retryAfterSeconds\":2}}")
                .newBuilder()
                .addHeader("Retry-After", "-5")
                .build());
        server.enqueue(json(200, "{\"metadata\":{\"name\":\"finally\"}}"));
        Transport transport = client(uri(server))
                .maxRetries(10)
                .initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofMillis(100))
                .build();
        assertEquals("finally", transport.call(get("/x"), TestPod.class).objectName());
        List<Duration> sleeps = sleeper.sleeps;
        assertEquals(7, sleeps.size(), sleeps.toString());
        assertEquals(Duration.ofSeconds(60), sleeps.get(0), "capped at maxRetryAfter");
        assertTrue(sleeps.get(1).toMillis() <= 100, "-5 is no Retry-After: own backoff; " + sleeps);
        assertTrue(sleeps.get(2).toMillis() <= 100, "abc is no Retry-After: own backoff; " + sleeps);
        assertEquals(Duration.ZERO, sleeps.get(3), "a date in the past: no wait");
        assertTrue(sleeps.get(4).toMillis() <= 100, "1.5 is no Retry-After: own backoff; " + sleeps);
        assertEquals(Duration.ZERO, sleeps.get(5), "a negative retryAfterSeconds: no wait");
        assertEquals(Duration.ofSeconds(2), sleeps.get(6), "an unreadable header falls back to the Status body");
    }

    // ---- 401 ----------------------------------------------------------------------------------------------

    private void answerEverything401() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return json(
                        401,
                        "{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication information\"}");
            }
        });
    }

    @Test
    void a401LoopWithAStaticTokenRetriesOnceThenGivesUp() {
        answerEverything401();
        Transport transport = client(uri(server)).maxRetries(5).build();
        UnauthorizedException e = assertTimeoutPreemptively(
                BOUND,
                () -> assertThrows(UnauthorizedException.class, () -> transport.call(get("/x"), JsonNode.class)));
        assertEquals("APIGW.0301", e.errorCode());
        assertEquals(2, server.getRequestCount());
        assertTrue(sleeper.sleeps.isEmpty());
    }

    @Test
    void a401LoopWithIamRefreshesOnceThenGivesUp() throws Exception {
        AtomicInteger iamCalls = new AtomicInteger();
        AtomicInteger apiCalls = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getTarget().startsWith("/v3/auth/tokens")) {
                    return IamTokenProviderTest.issued(
                            "iam-token-" + iamCalls.incrementAndGet(), "2099-01-01T00:00:00.000000Z");
                }
                apiCalls.incrementAndGet();
                return json(401, "{\"error_code\":\"APIGW.0307\",\"error_msg\":\"The token must be updated.\"}");
            }
        });
        IamTokenProvider iam = IamTokenProvider.builder()
                .iamEndpoint(uri(server))
                .username("u")
                .password("p")
                .domainName("d")
                .projectName("cn-north-4")
                .clock(clock)
                .build();
        Transport transport =
                client(uri(server)).tokenProvider(iam).maxRetries(5).build();
        for (Request request : List.of(
                get("/x"), Request.builder("POST", "/x").jsonBody(Map.of()).build())) {
            iamCalls.set(0);
            apiCalls.set(0);
            iam.invalidate("iam-token-1");
            iam.invalidate("iam-token-2");
            assertTimeoutPreemptively(
                    BOUND,
                    () -> assertThrows(UnauthorizedException.class, () -> transport.call(request, JsonNode.class)));
            assertEquals(2, iamCalls.get(), "the first token and one refresh");
            assertEquals(2, apiCalls.get(), "the request and one retry");
        }
        assertTrue(sleeper.sleeps.isEmpty());
    }

    // ---- redirects ----------------------------------------------------------------------------------------

    @Test
    void aRedirectLoopIsBoundedWithAClearError() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder()
                        .code(302)
                        .addHeader(
                                "Location", "/loop?from=" + request.getTarget().length())
                        .build();
            }
        });
        Transport transport = client(uri(server)).maxRetries(3).build();
        RedirectException e = assertTimeoutPreemptively(
                BOUND,
                () -> assertThrows(RedirectException.class, () -> transport.call(get("/start"), JsonNode.class)));
        assertEquals(6, server.getRequestCount(), "the request and 5 redirects");
        assertEquals(302, e.statusCode());
        assertTrue(e.getMessage().startsWith("HTTP 302 Found from GET "), e.getMessage());
        assertTrue(e.getMessage().contains("too many redirects (more than 5)"), e.getMessage());
        assertTrue(sleeper.sleeps.isEmpty(), "not retried");
    }

    @Test
    void redirectsToOtherSchemesOrBrokenLocationsAreRefused() {
        Transport transport = client(uri(server)).build();
        for (String location : List.of(
                "file:///etc/passwd",
                "ftp://" + server.getHostName() + "/x",
                "javascript:alert(1)",
                "jar:file:/x.jar!/y",
                "http://[oops/",
                "http:///no-host")) {
            server.enqueue(new MockResponse.Builder()
                    .code(301)
                    .addHeader("Location", location)
                    .build());
            int before = server.getRequestCount();
            RedirectException e = assertThrows(
                    RedirectException.class,
                    () -> transport.call(
                            Request.builder("PUT", "/x").jsonBody(Map.of()).build(), JsonNode.class),
                    location);
            assertEquals(before + 1, server.getRequestCount(), location);
            assertEquals(301, e.statusCode());
            assertTrue(e.getMessage().contains("refusing to follow a redirect to " + location), e.getMessage());
        }
        server.enqueue(
                new MockResponse.Builder().code(302).body("moved, but where?").build());
        ApiException e = assertThrows(ApiException.class, () -> transport.call(get("/x"), JsonNode.class));
        assertEquals(302, e.statusCode());
        assertEquals("HTTP 302 Found: moved, but where?", e.getMessage());
    }

    @Test
    void a307Or308OnAPutResendsTheBody() throws Exception {
        try (MockWebServer other = new MockWebServer()) {
            other.start();
            server.enqueue(new MockResponse.Builder()
                    .code(307)
                    .addHeader("Location", "/api/v1/moved")
                    .build());
            server.enqueue(new MockResponse.Builder()
                    .code(308)
                    .addHeader("Location", other.url("/there").toString())
                    .build());
            other.enqueue(json(200, "{\"metadata\":{\"name\":\"p\"}}"));
            Transport transport = client(uri(server)).build();
            TestPod pod = transport.call(
                    Request.builder("PUT", "/api/v1/pods/p")
                            .jsonBody(TestPod.named("ns", "p"))
                            .build(),
                    TestPod.class);
            assertEquals("p", pod.objectName());
            RecordedRequest first = server.takeRequest();
            RecordedRequest sameHost = server.takeRequest();
            assertEquals("PUT", sameHost.getMethod());
            assertEquals("/api/v1/moved", sameHost.getTarget());
            assertEquals(first.getBody().utf8(), sameHost.getBody().utf8());
            assertTrue(sameHost.getBody().utf8().contains("\"name\":\"p\""));
            assertEquals("application/json", sameHost.getHeaders().get("Content-Type"));
            assertEquals(TOKEN, sameHost.getHeaders().get("X-Auth-Token"));
            RecordedRequest otherHost = other.takeRequest();
            assertEquals("PUT", otherHost.getMethod());
            assertEquals(first.getBody().utf8(), otherHost.getBody().utf8());
            assertNull(otherHost.getHeaders().get("X-Auth-Token"), "never to another origin");
        }
    }
}
