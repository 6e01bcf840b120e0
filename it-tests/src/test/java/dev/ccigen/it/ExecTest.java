package dev.ccigen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import dev.ccigen.it.cci.CciClient;
import dev.ccigen.it.cci.api.core.v1.Pods;
import dev.ccigen.runtime.ExecOptions;
import dev.ccigen.runtime.ExecResult;
import dev.ccigen.runtime.ExecSession;
import dev.ccigen.runtime.NotFoundException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The generated CCI client's exec against fabric8's mock server: its WebSocket expectations for exec (the messages
 * fabric8's own client tests use), and its plain WebSocket server for a session that writes stdin.
 */
@Timeout(60)
class ExecTest {

    private static final String EXEC = "/api/v1/namespaces/my-namespace/pods/web/exec";

    @Test
    void readmeExecExample() throws Exception {
        // fabric8's WebSocket server, scripted as a kubelet answers: stdout, stderr, then the exit Status and Close.
        // (Its exec expectations, open(...), are used below for the refused upgrade: with several messages they
        // sometimes closed the socket before the Status, as the merged build found.)
        MockWebServer server = new MockWebServer();
        server.start();
        server.enqueue(new MockResponse().withWebSocketUpgrade(new Kubelet()));
        try {
            String cciEndpoint = "http://" + server.getHostName() + ":" + server.getPort();
            String token = "iam-token";

            // spotless:off (the README shows this code as laid out here)
            // readme:exec:begin
            try (CciClient client = CciClient.builder().endpoint(URI.create(cciEndpoint)).token(token).build()) {
                Pods pods = client.coreV1().pods("my-namespace");
                ExecResult result = pods.exec("web", "sh", "-c", "echo hi");
                System.out.println(result.exitCode() + ": " + result.stdout()); // 0: hi
                // readme:exec:end
                // spotless:on
                assertEquals(0, result.exitCode());
                assertEquals("hi\n", result.stdout());
                assertEquals("a warning\n", result.stderr());
                // spotless:off (the README shows this code as laid out here)
                // readme:exec:begin
            }
            // readme:exec:end
            // spotless:on
            RecordedRequest upgrade = server.takeRequest();
            assertEquals(
                    EXEC + "?command=sh&command=-c&command=echo%20hi&stdin=false&stdout=true&stderr=true&tty=false",
                    upgrade.getPath());
            assertEquals("websocket", upgrade.getHeader("Upgrade"));
            assertEquals("iam-token", upgrade.getHeader("X-Auth-Token"));
            assertNull(upgrade.getHeader("Authorization"), "never a Bearer header");
        } finally {
            server.shutdown();
        }
    }

    @Test
    void aNonZeroExitCodeAndARefusedUpgrade() {
        KubernetesMockServer server = new KubernetesMockServer(false);
        server.init();
        try (CciClient client = CciClient.builder()
                .endpoint(URI.create("http://" + server.getHostName() + ":" + server.getPort()))
                .token("t")
                .build()) {
            server.expect()
                    .withPath(EXEC + "?command=false&container=app&stdin=false&stdout=true&stderr=true&tty=false")
                    .andUpgradeToWebSocket()
                    .open(new StatusStreamMessage(3))
                    .done()
                    .once();
            server.expect()
                    .withPath(
                            "/api/v1/namespaces/my-namespace/pods/gone/exec?command=id&stdin=false&stdout=true&stderr=true&tty=false")
                    .andReturn(
                            404,
                            Map.of(
                                    "kind",
                                    "Status",
                                    "apiVersion",
                                    "v1",
                                    "status",
                                    "Failure",
                                    "reason",
                                    "NotFound",
                                    "message",
                                    "pods \"gone\" not found",
                                    "code",
                                    404))
                    .once();
            Pods pods = client.coreV1().pods("my-namespace");
            assertEquals(
                    3,
                    pods.exec("web", ExecOptions.builder().container("app").build(), "false")
                            .exitCode());
            NotFoundException e = assertThrows(NotFoundException.class, () -> pods.exec("gone", "id"));
            assertEquals("NotFound", e.status().orElseThrow().getReason());
        } finally {
            server.destroy();
        }
    }

    /** A command that prints "hi" and a warning and exits 0, as a kubelet sends it. */
    private static final class Kubelet extends WebSocketListener {
        @Override
        public void onOpen(WebSocket ws, io.fabric8.mockwebserver.http.Response response) {
            ws.send(EchoShell.frame(1, "hi\n"));
            ws.send(EchoShell.frame(2, "a warning\n"));
            ws.send(EchoShell.frame(3, "{\"metadata\":{},\"status\":\"Success\"}"));
            ws.close(1000, "");
        }
    }

    /** A shell that echoes each stdin message on stdout until it reads "exit\n", over fabric8's WebSocket server. */
    private static final class EchoShell extends WebSocketListener {
        @Override
        public void onMessage(WebSocket ws, byte[] message) {
            String text = new String(message, 1, message.length - 1, StandardCharsets.UTF_8);
            if (message[0] != 0) {
                return;
            }
            if (text.equals("exit\n")) {
                ws.send(frame(3, "{\"metadata\":{},\"status\":\"Success\"}"));
                ws.close(1000, "");
            } else {
                ws.send(frame(1, "> " + text));
            }
        }

        private static byte[] frame(int channel, String text) {
            byte[] data = text.getBytes(StandardCharsets.UTF_8);
            byte[] frame = new byte[data.length + 1];
            frame[0] = (byte) channel;
            System.arraycopy(data, 0, frame, 1, data.length);
            return frame;
        }
    }

    @Test
    void aSessionWithStdinSignedWithAkSk() throws Exception {
        MockWebServer server = new MockWebServer();
        server.start();
        server.enqueue(new MockResponse().withWebSocketUpgrade(new EchoShell()));
        String ak = "AKEXECIT0000000001";
        String sk = "exec-it-secret-key";
        try (CciClient client = CciClient.builder()
                        .endpoint(URI.create("http://localhost:" + server.getPort()))
                        .akSk(ak, sk)
                        .projectId("p-1")
                        .build();
                ExecSession shell = client.coreV1()
                        .pods("my-namespace")
                        .execSession("web", ExecOptions.builder().stdin(true).build(), "sh")) {
            OutputStream stdin = shell.stdin();
            InputStream stdout = shell.stdout();
            stdin.write("echo one\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("> echo one\n", new String(stdout.readNBytes(11), StandardCharsets.UTF_8));
            stdin.write("exit\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(-1, stdout.read());
            assertEquals(0, shell.waitFor());
        }
        RecordedRequest upgrade = server.takeRequest();
        String target = upgrade.getPath();
        assertEquals(EXEC + "?command=sh&stdin=true&stdout=true&stderr=true&tty=false", target);
        assertNull(upgrade.getHeader("X-Auth-Token"));
        Headers headers = new Headers();
        upgrade.getHeaders().toMultimap().forEach(headers::put);
        int query = target.indexOf('?');
        String problem = new GatewaySignature(Map.of(ak, sk))
                .problem(
                        "GET",
                        target.substring(0, query),
                        target.substring(query + 1),
                        headers,
                        new byte[0],
                        Instant.now());
        assertNull(problem, "the gateway accepts the upgrade's signature");
        server.shutdown();
    }

    @Test
    void onlyWhatTheListingsGrantHasAMethod() {
        // CCI's listings grant pods/exec, not pods/attach or pods/portforward
        List<String> methods =
                Arrays.stream(Pods.class.getMethods()).map(Method::getName).toList();
        assertTrue(methods.contains("exec") && methods.contains("execSession"), methods.toString());
        assertTrue(
                !methods.contains("attach")
                        && !methods.contains("portForward")
                        && !methods.contains("portForwardLocally"),
                methods.toString());
    }
}
