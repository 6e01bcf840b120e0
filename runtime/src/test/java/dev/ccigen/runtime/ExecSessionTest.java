package dev.ccigen.runtime;

import static dev.ccigen.runtime.FakeKubelet.exit;
import static dev.ccigen.runtime.FakeKubelet.frame;
import static dev.ccigen.runtime.TestSupport.json;
import static dev.ccigen.runtime.TestSupport.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.ByteString;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Exec and attach over Kubernetes' channel protocol, against a WebSocket server speaking it. */
@Timeout(30)
class ExecSessionTest {

    @AutoClose
    private final MockWebServer server = TestSupport.startedServer();

    private final Transport transport = new ClientBuilder<>(t -> t)
            .endpoint(uri(server))
            .token("secret-token")
            .buildTransport();

    private final ResourceCalls<TestPod, KubernetesList<TestPod>> pods = FakeKubelet.pods(transport);

    @Test
    void oneCallCollectsOutputAndTheExitCode() throws Exception {
        FakeKubelet kubelet = new FakeKubelet(
                (ws, upgrade) -> {
                    ws.send(frame(1, "")); // kubelets open each channel with an empty message
                    ws.send(frame(2, ""));
                    ws.send(frame(1, "hi"));
                    ws.send(frame(2, "oops\n"));
                    ws.send(frame(1, " there\n"));
                    exit(ws, 3);
                },
                null);
        server.enqueue(kubelet.upgrade("v4.channel.k8s.io"));

        ExecResult result = pods.exec(
                "web", ExecOptions.builder().container("main").build(), List.of("sh", "-c", "echo hi there; exit 3"));

        assertEquals(3, result.exitCode());
        assertEquals("hi there\n", result.stdout());
        assertEquals("oops\n", result.stderr());
        assertFalse(result.truncated());
        RecordedRequest request = server.takeRequest();
        assertEquals("GET", request.getMethod());
        assertEquals(
                "/api/v1/namespaces/ns/pods/web/exec?command=sh&command=-c&command=echo%20hi%20there%3B%20exit%203"
                        + "&container=main&stdin=false&stdout=true&stderr=true&tty=false",
                request.getTarget());
        assertEquals("secret-token", request.getHeaders().get("X-Auth-Token"));
        assertNull(request.getHeaders().get("Authorization"), "never a Bearer header");
        assertEquals(
                "v5.channel.k8s.io, v4.channel.k8s.io", request.getHeaders().get("Sec-WebSocket-Protocol"));
    }

    @Test
    void successIsExitCodeZero() {
        server.enqueue(new FakeKubelet((ws, upgrade) -> exit(ws, 0), null).upgrade("v4.channel.k8s.io"));
        ExecResult result = pods.exec("web", ExecOptions.none(), List.of("true"));
        assertEquals(0, result.exitCode());
        assertEquals("", result.stdout());
    }

    @Test
    void theStatusEndsTheCommandEvenWhenTheServerKeepsTheConnection() throws Exception {
        server.enqueue(new FakeKubelet(
                        (ws, upgrade) -> {
                            ws.send(frame(3, "")); // an empty first message on the Status channel is no Status
                            ws.send(frame(1, "done"));
                            ws.send(frame(3, FakeKubelet.exitStatus(2)));
                        },
                        null)
                .upgrade("v4.channel.k8s.io"));
        long started = System.nanoTime();
        ExecResult result = pods.exec("web", ExecOptions.none(), List.of("false"));
        assertEquals(2, result.exitCode());
        assertEquals("done", result.stdout());
        assertTrue(
                System.nanoTime() - started < TimeUnit.SECONDS.toNanos(2), "the client closed the connection itself");
    }

    @Test
    void inputIsSentAndStdinClosedOverV5() throws Exception {
        ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        FakeKubelet echo = new FakeKubelet(null, null) {
            @Override
            public void onMessage(okhttp3.WebSocket ws, ByteString bytes) {
                byte[] m = bytes.toByteArray(); // cat: stdin echoed to stdout, the end when stdin is closed
                received.add(m);
                if (m[0] == 0) {
                    stdin.writeBytes(Arrays.copyOfRange(m, 1, m.length));
                    ws.send(frame(1, Arrays.copyOfRange(m, 1, m.length)));
                } else if ((m[0] & 0xff) == 255 && m[1] == 0) {
                    exit(ws, 0);
                }
            }

            @Override
            public void onOpen(okhttp3.WebSocket webSocket, okhttp3.Response response) {}
        };
        server.enqueue(echo.upgrade("v5.channel.k8s.io"));
        byte[] big = new byte[100_000]; // more than one message's worth
        Arrays.fill(big, (byte) 'x');
        String input = "line one\n" + new String(big, StandardCharsets.US_ASCII);

        ExecResult result = pods.exec("web", ExecOptions.builder().input(input).build(), List.of("cat"));

        assertEquals(0, result.exitCode());
        assertEquals(input, result.stdout());
        assertEquals(input, stdin.toString(StandardCharsets.UTF_8));
        assertTrue(server.takeRequest().getTarget().contains("stdin=true"));
        assertTrue(echo.received.stream().allMatch(m -> m.length <= 32 * 1024 + 1), "messages of at most 32 KiB");
    }

    @Test
    void aCommandThatEndsBeforeReadingItsInputStillGivesItsExitCode() {
        // head -c 1: it exits at once, and the server closes while the client is still sending 8 MB of stdin.
        server.enqueue(new FakeKubelet((ws, upgrade) -> exit(ws, 0), null).upgrade("v5.channel.k8s.io"));
        byte[] input = new byte[8 << 20];

        ExecResult result = pods.exec("web", ExecOptions.builder().input(input).build(), List.of("head", "-c", "1"));

        assertEquals(0, result.exitCode());
    }

    @Test
    void aSessionWritesStdinReadsStdoutResizesAndWaits() throws Exception {
        FakeKubelet kubelet = new FakeKubelet((ws, upgrade) -> ws.send(frame(1, "$ ")), null) {
            @Override
            public void onMessage(okhttp3.WebSocket ws, ByteString bytes) {
                byte[] m = bytes.toByteArray();
                received.add(m);
                String text = new String(m, 1, m.length - 1, StandardCharsets.UTF_8);
                if (m[0] == 0 && text.equals("exit 7\n")) {
                    ws.send(frame(1, "bye\n"));
                    exit(ws, 7);
                } else if (m[0] == 0) {
                    ws.send(frame(1, text.toUpperCase()));
                }
            }
        };
        server.enqueue(kubelet.upgrade("v5.channel.k8s.io"));

        try (ExecSession session = pods.execSession(
                "web", ExecOptions.builder().stdin(true).tty(true).build(), List.of("sh"))) {
            assertEquals("v5.channel.k8s.io", session.protocol());
            InputStream out = session.stdout();
            assertEquals("$ ", new String(out.readNBytes(2), StandardCharsets.UTF_8));
            session.resize(120, 40);
            OutputStream in = session.stdin();
            in.write("echo\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertEquals("ECHO\n", new String(out.readNBytes(5), StandardCharsets.UTF_8));
            in.write("exit 7\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("bye\n", new String(out.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(7, session.waitFor());
            assertEquals(7, session.exitCode().get(1, TimeUnit.SECONDS));
            assertEquals(-1, session.stderr().read());
        }
        assertEquals(List.of("{\"Width\":120,\"Height\":40}"), kubelet.texts(4));
        String target = server.takeRequest().getTarget();
        assertTrue(
                target.contains("stdin=true") && target.contains("tty=true") && target.contains("stderr=false"),
                target);
    }

    @Test
    void stdinNotAskedForAndResizeWithoutTerminalAreClearErrors() throws Exception {
        server.enqueue(new FakeKubelet((ws, upgrade) -> {}, null).upgrade("v4.channel.k8s.io"));
        try (ExecSession session = pods.execSession("web", ExecOptions.none(), List.of("top"))) {
            java.io.IOException e = assertThrows(
                    java.io.IOException.class, () -> session.stdin().write(1));
            assertTrue(e.getMessage().contains("stdin(true)"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> session.resize(80, 24));
            assertNull(session.waitFor(Duration.ofMillis(50)), "still running");
        }
    }

    @Test
    void aSlowReaderHoldsTheServerBackAndStillGetsEverything() throws Exception {
        int total = 6 * 1024 * 1024;
        server.enqueue(new FakeKubelet(
                        (ws, upgrade) -> {
                            byte[] chunk = new byte[64 * 1024];
                            for (int sent = 0; sent < total; sent += chunk.length) {
                                ws.send(frame(1, chunk));
                            }
                            exit(ws, 0);
                        },
                        null)
                .upgrade("v4.channel.k8s.io"));
        try (ExecSession session =
                pods.execSession("web", ExecOptions.builder().stderr(false).build(), List.of("yes"))) {
            Thread.sleep(300); // let the server run ahead: the session holds at most its buffer, the rest waits in TCP
            assertTrue(
                    session.stdout().available() <= ExecSession.OUTPUT_BUFFER_BYTES + 64 * 1024 + 1,
                    "buffered " + session.stdout().available());
            assertEquals(total, session.stdout().readAllBytes().length);
            assertEquals(0, session.waitFor());
        }
    }

    @Test
    void theOneCallFormKeepsAtMostItsCap() {
        server.enqueue(new FakeKubelet(
                        (ws, upgrade) -> {
                            byte[] chunk = new byte[10_000];
                            for (int i = 0; i < 50; i++) {
                                ws.send(frame(1, chunk));
                                ws.send(frame(2, chunk));
                            }
                            exit(ws, 0);
                        },
                        null)
                .upgrade(null)); // a server that names no protocol: spoken as v4
        ExecResult result =
                pods.exec("web", ExecOptions.builder().maxOutputBytes(123_456).build(), List.of("yes"));
        assertEquals(123_456, result.stdoutBytes().length);
        assertEquals(123_456, result.stderrBytes().length);
        assertTrue(result.truncated());
        assertEquals(0, result.exitCode());
    }

    @Test
    void aCommandThatCannotRunIsAnExecFailedException() {
        String status =
                "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"OCI runtime exec failed: exec: \\\"nope\\\": "
                        + "executable file not found in $PATH: unknown\",\"reason\":\"InternalError\",\"details\":{\"causes\":"
                        + "[{\"message\":\"OCI runtime exec failed\"}]},\"code\":500}";
        server.enqueue(new FakeKubelet(
                        (ws, upgrade) -> {
                            ws.send(frame(3, status));
                            ws.close(1000, "");
                        },
                        null)
                .upgrade("v4.channel.k8s.io"));
        ExecFailedException e =
                assertThrows(ExecFailedException.class, () -> pods.exec("web", ExecOptions.none(), List.of("nope")));
        assertTrue(e.getMessage().contains("executable file not found"), e.getMessage());
        assertEquals(status, e.body());
    }

    @Test
    void aConnectionThatEndsWithoutAStatusSaysSo() {
        server.enqueue(new FakeKubelet((ws, upgrade) -> ws.close(1000, ""), null).upgrade("v4.channel.k8s.io"));
        ExecFailedException e =
                assertThrows(ExecFailedException.class, () -> pods.exec("web", ExecOptions.none(), List.of("x")));
        assertTrue(e.getMessage().contains("without an exit status"), e.getMessage());
    }

    @Test
    void theTimeoutEndsAHangingCommand() {
        server.enqueue(
                new FakeKubelet((ws, upgrade) -> ws.send(frame(1, "working")), null).upgrade("v4.channel.k8s.io"));
        long started = System.nanoTime();
        TransportException e = assertThrows(
                TransportException.class,
                () -> pods.exec(
                        "web",
                        ExecOptions.builder().timeout(Duration.ofMillis(300)).build(),
                        List.of("sleep", "1000")));
        assertEquals(TransportException.Reason.TIMEOUT, e.reason());
        assertTrue(e.getMessage().contains("did not end within 300 ms"), e.getMessage());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void aRefusedUpgradeIsTheApiExceptionOfItsStatus() throws Exception {
        server.enqueue(json(
                403,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"pods \\\"web\\\" "
                        + "is forbidden: token secret-token cannot exec\",\"reason\":\"Forbidden\",\"code\":403}"));
        ForbiddenException e =
                assertThrows(ForbiddenException.class, () -> pods.exec("web", ExecOptions.none(), List.of("id")));
        assertEquals("Forbidden", e.status().orElseThrow().getReason());
        assertFalse(e.getMessage().contains("secret-token") || e.body().contains("secret-token"), e.body());
        server.enqueue(
                json(
                        404,
                        "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"message\":\"pods \\\"gone\\\" not found\",\"code\":404}"));
        assertThrows(NotFoundException.class, () -> pods.attach("gone", ExecOptions.none()));
        server.takeRequest();
        assertEquals(
                "/api/v1/namespaces/ns/pods/gone/attach?stdin=false&stdout=true&stderr=true&tty=false",
                server.takeRequest().getTarget());
    }

    @Test
    void redirectsAreFollowedAndA401GetsANewToken() throws Exception {
        int[] tokens = {0};
        Transport renewing = new ClientBuilder<>(t -> t)
                .endpoint(uri(server))
                .tokenProvider(new TokenProvider() {
                    @Override
                    public String token() {
                        return "token-" + tokens[0];
                    }

                    @Override
                    public void invalidate(String token) {
                        tokens[0]++;
                    }
                })
                .buildTransport();
        server.enqueue(new MockResponse.Builder()
                .code(307)
                .addHeader("Location", "/elsewhere/exec?command=id")
                .build());
        server.enqueue(json(401, "{}"));
        server.enqueue(new FakeKubelet((ws, upgrade) -> exit(ws, 0), null).upgrade("v4.channel.k8s.io"));
        ExecResult result = FakeKubelet.pods(renewing).exec("web", ExecOptions.none(), List.of("id"));
        assertEquals(0, result.exitCode());
        assertEquals("token-0", server.takeRequest().getHeaders().get("X-Auth-Token"));
        RecordedRequest redirected = server.takeRequest();
        assertEquals("/elsewhere/exec?command=id", redirected.getTarget());
        assertEquals("token-0", redirected.getHeaders().get("X-Auth-Token"), "the same origin: the token goes along");
        assertEquals("token-1", server.takeRequest().getHeaders().get("X-Auth-Token"));
    }

    @Test
    void aRedirectToAnotherOriginCarriesNoToken() throws Exception {
        try (MockWebServer other = TestSupport.startedServer()) {
            other.enqueue(new FakeKubelet((ws, upgrade) -> exit(ws, 0), null).upgrade("v4.channel.k8s.io"));
            server.enqueue(new MockResponse.Builder()
                    .code(302)
                    .addHeader("Location", other.url("/exec?command=id"))
                    .build());
            assertEquals(0, pods.exec("web", ExecOptions.none(), List.of("id")).exitCode());
            assertEquals("secret-token", server.takeRequest().getHeaders().get("X-Auth-Token"));
            assertNull(other.takeRequest().getHeaders().get("X-Auth-Token"));
        }
    }

    @Test
    void akSkSignsTheUpgradeRequest() throws Exception {
        Instant now = Instant.parse("2024-05-01T10:00:00Z");
        Transport signed = new ClientBuilder<>(t -> t)
                .endpoint(uri(server))
                .akSk("AK1234", "SK-secret")
                .projectId("p1")
                .clock(new TestSupport.MutableClock(now))
                .buildTransport();
        server.enqueue(new FakeKubelet((ws, upgrade) -> exit(ws, 0), null).upgrade("v4.channel.k8s.io"));
        FakeKubelet.pods(signed).exec("web", ExecOptions.none(), List.of("ls", "/"));
        RecordedRequest request = server.takeRequest();
        String authorization = request.getHeaders().get("Authorization");
        assertTrue(authorization.startsWith("SDK-HMAC-SHA256 Access=AK1234, SignedHeaders="), authorization);
        assertNull(request.getHeaders().get("X-Auth-Token"));
        // the signature is that of the GET the server received (the same path, query and signed headers)
        Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String names = authorization.replaceAll(".*SignedHeaders=([^,]*),.*", "$1");
        for (String name : names.split(";")) {
            if (!name.equals("host")) {
                sent.put(name, request.getHeaders().get(name));
            }
        }
        assertTrue(sent.containsKey("X-Sdk-Date") && sent.containsKey("X-Project-Id"), names);
        Map<String, String> expected = AkSkSigner.sign(
                "GET", server.url(request.getTarget()).uri(), sent, null, Credentials.of("AK1234", "SK-secret"), now);
        assertEquals(expected.get("Authorization"), authorization);
    }
}
