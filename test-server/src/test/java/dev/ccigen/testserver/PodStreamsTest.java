package dev.ccigen.testserver;

import static dev.ccigen.testserver.TestHttp.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.runtime.ApiException;
import dev.ccigen.runtime.BadRequestException;
import dev.ccigen.runtime.ClientBuilder;
import dev.ccigen.runtime.ExecFailedException;
import dev.ccigen.runtime.ExecOptions;
import dev.ccigen.runtime.ExecResult;
import dev.ccigen.runtime.ExecSession;
import dev.ccigen.runtime.LocalPortForward;
import dev.ccigen.runtime.LogOptions;
import dev.ccigen.runtime.NotFoundException;
import dev.ccigen.runtime.PortForward;
import dev.ccigen.runtime.ResourceCalls;
import dev.ccigen.runtime.Transport;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Exec, attach, port-forward and logs, spoken to with ccigen's runtime (the channel protocols over WebSocket). */
@Timeout(30)
class PodStreamsTest {
    final TestHttp t = http();

    /** Over HTTP here; PodStreamsInProcessTest runs the same tests in process. */
    TestHttp http() {
        return new TestHttp();
    }

    private Transport transport;
    private ResourceCalls<TestObject, TestObject.List_> pods;

    @BeforeEach
    void start() {
        ClientBuilder<Transport> builder = new ClientBuilder<>(Function.identity())
                .endpoint(t.uri())
                .token("t")
                .maxRetries(0);
        transport = (t.server.isInProcess() ? builder.connector(t.server.connector()) : builder).buildTransport();
        pods = new ResourceCalls<>(transport, "/api/v1", "pods", "ns", TestObject.class, TestObject.List_.class);
        t.json(
                201,
                "POST",
                "/api/v1/namespaces/ns/pods",
                q("{'metadata':{'name':'web'},'spec':{'containers':["
                        + "{'name':'app','image':'nginx'},{'name':'sidecar','image':'envoy'}]}}"));
    }

    @AfterEach
    void stop() {
        transport.close();
        t.close();
    }

    private ExecResult exec(String... command) {
        return pods.exec("web", ExecOptions.builder().container("app").build(), List.of(command));
    }

    @Test
    void withNothingScriptedAPodIsAMinimalShell() {
        assertEquals("hello world\n", exec("echo", "hello", "world").stdout());
        assertEquals(0, exec("true").exitCode());
        assertEquals(1, exec("false").exitCode());
        assertEquals(3, exec("sh", "-c", "exit 3").exitCode());
        ExecResult script = exec("sh", "-c", "echo one; echo two >&2 && false || echo three");
        assertEquals("one\nthree\n", script.stdout());
        assertEquals("two\n", script.stderr());
        ExecResult missing = exec("kubectl-nope", "x");
        assertEquals(127, missing.exitCode());
        assertEquals("kubectl-nope: command not found\n", missing.stderr());
        assertEquals("web\n", exec("hostname").stdout());
        ExecResult cat = pods.exec(
                "web", ExecOptions.builder().container("app").input("piped\n").build(), List.of("cat"));
        assertEquals("piped\n", cat.stdout());
    }

    @Test
    void scriptedAnswersPerContainerAndCommand() throws Exception {
        t.server
                .pod("ns", "web")
                .exec(call -> {
                    call.stdout().print("any " + call.container() + "\n");
                    return 0;
                })
                .exec(List.of("date"), ExecHandler.reply("Mon\n", "", 0))
                .exec(
                        "sidecar",
                        List.of("date"),
                        ExecHandler.reply("", "no date here\n", 2).after(Duration.ofMillis(50)))
                .exec("app", List.of("fail"), call -> {
                    throw new IllegalStateException("OCI runtime exec failed: no such binary");
                });
        assertEquals("Mon\n", exec("date").stdout());
        ExecResult sidecar =
                pods.exec("web", ExecOptions.builder().container("sidecar").build(), List.of("date"));
        assertEquals(2, sidecar.exitCode());
        assertEquals("no date here\n", sidecar.stderr());
        assertEquals("any app\n", exec("ls").stdout());
        ExecFailedException failed = assertThrows(ExecFailedException.class, () -> exec("fail"));
        assertTrue(failed.getMessage().contains("OCI runtime exec failed"), failed.getMessage());
    }

    @Test
    void aSessionReadsStdinAsItComes() throws Exception {
        t.server.pod("ns", "web").exec(List.of("repl"), call -> {
            BufferedReader in = new BufferedReader(new InputStreamReader(call.stdin(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                call.stdout().print("> " + line.toUpperCase() + "\n");
            }
            return 0;
        });
        try (ExecSession session = pods.execSession(
                "web", ExecOptions.builder().container("app").stdin(true).build(), List.of("repl"))) {
            OutputStream stdin = session.stdin();
            InputStream stdout = session.stdout();
            stdin.write("abc\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            assertEquals("> ABC\n", new String(stdout.readNBytes(6), StandardCharsets.UTF_8));
            stdin.close(); // v5: the command sees the end of its input
            assertEquals(0, session.waitFor());
            assertEquals("v5.channel.k8s.io", session.protocol());
        }
    }

    @Test
    void theApiServersChecksComeFirst() {
        assertThrows(
                NotFoundException.class,
                () -> pods.exec("gone", ExecOptions.builder().build(), List.of("id")));
        BadRequestException noContainer = assertThrows(
                BadRequestException.class,
                () -> pods.exec("web", ExecOptions.builder().build(), List.of("id")));
        assertTrue(noContainer.getMessage().contains("a container name must be specified for pod web"));
        assertThrows(
                BadRequestException.class,
                () -> pods.exec("web", ExecOptions.builder().container("nope").build(), List.of("id")));
        ResourceCalls<TestObject, TestObject.List_> secrets =
                new ResourceCalls<>(transport, "/api/v1", "secrets", "ns", TestObject.class, TestObject.List_.class);
        t.json(201, "POST", "/api/v1/namespaces/ns/secrets", q("{'metadata':{'name':'s'}}"));
        ApiException notGranted = assertThrows(
                ApiException.class,
                () -> secrets.exec("s", ExecOptions.builder().build(), List.of("id")));
        assertEquals(405, notGranted.statusCode());
    }

    @Test
    void attachEchoesUnlessScripted() throws Exception {
        try (ExecSession session = pods.attach(
                "web", ExecOptions.builder().container("app").stdin(true).build())) {
            session.stdin().write("ping\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("ping\n", new String(session.stdout().readNBytes(5), StandardCharsets.UTF_8));
            session.stdin().close();
            assertEquals(0, session.waitFor());
        }
    }

    @Test
    void portForwardReachesAHandlerOrALocalSocket() throws Exception {
        try (ServerSocket local = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> {
                try (Socket s = local.accept()) {
                    s.getOutputStream()
                            .write(("local:" + (char) s.getInputStream().read()).getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    // the test fails on what it reads
                }
            });
            echo.start();
            t.server
                    .pod("ns", "web")
                    .portForward(
                            8080,
                            (in, out) -> out.write(("handler:" + (char) in.read()).getBytes(StandardCharsets.UTF_8)))
                    .portForward(5432, new InetSocketAddress(local.getInetAddress(), local.getLocalPort()));
            try (PortForward forward = pods.portForward("web", 8080, 5432, 9999)) {
                forward.outputStream(8080).write('a');
                forward.outputStream(5432).write('b');
                assertEquals("handler:a", new String(forward.inputStream(8080).readAllBytes(), StandardCharsets.UTF_8));
                assertEquals("local:b", new String(forward.inputStream(5432).readNBytes(7), StandardCharsets.UTF_8));
                Exception refused = assertThrows(
                        Exception.class, () -> forward.inputStream(9999).readAllBytes());
                assertTrue(
                        refused.getMessage().contains("error forwarding port 9999 to pod web"), refused.getMessage());
            }
            echo.join();
        }
        t.server.pod("ns", "web").portForward(80, (in, out) -> out.write("hi".getBytes(StandardCharsets.UTF_8)));
        try (LocalPortForward local = pods.portForwardLocally("web", 80, 0);
                Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), local.localPort())) {
            assertEquals("hi", new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void logsAreScriptedAndFollowed() throws Exception {
        t.server.pod("ns", "web").log("one\ntwo\nthree\n").log("sidecar", "side\n");
        assertEquals(
                "one\ntwo\nthree\n",
                pods.log("web", LogOptions.builder().container("app").build()));
        assertEquals(
                "side\n",
                pods.log("web", LogOptions.builder().container("sidecar").build()));
        assertEquals(
                "three\n",
                pods.log(
                        "web",
                        LogOptions.builder().container("app").tailLines(1L).build()));
        try (Stream<String> lines = pods.logLines(
                "web", LogOptions.builder().container("app").follow(true).build())) {
            var it = lines.iterator();
            assertEquals("one", it.next());
            it.next();
            it.next();
            t.server.pod("ns", "web").appendLog("four\n");
            assertEquals("four", it.next());
            t.json(200, "DELETE", "/api/v1/namespaces/ns/pods/web", null);
            assertTrue(!it.hasNext(), "a followed log ends with its pod");
        }
    }
}
