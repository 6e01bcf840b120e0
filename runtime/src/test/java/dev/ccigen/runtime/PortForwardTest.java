package dev.ccigen.runtime;

import static dev.ccigen.runtime.FakeKubelet.frame;
import static dev.ccigen.runtime.TestSupport.json;
import static dev.ccigen.runtime.TestSupport.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.ByteString;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Port-forward's protocol (channels 2n and 2n+1, each opened with its port) against a WebSocket server, and a local port. */
@Timeout(30)
class PortForwardTest {

    @AutoClose
    private final MockWebServer server = TestSupport.startedServer();

    private final Transport transport = new ClientBuilder<>(t -> t)
            .endpoint(uri(server))
            .token("secret-token")
            .buildTransport();

    private final ResourceCalls<TestPod, KubernetesList<TestPod>> pods = FakeKubelet.pods(transport);

    /** Port 8080 as the server writes it first on a channel: 2 bytes, little-endian. */
    private static final byte[] PORT_8080 = {(byte) 0x90, 0x1f};

    /** A pod whose port 8080 answers each message with it in upper case. */
    private static FakeKubelet upperCaseServer() {
        return new FakeKubelet(
                (ws, upgrade) -> {
                    ws.send(frame(0, PORT_8080));
                    ws.send(frame(1, PORT_8080));
                },
                null) {
            @Override
            public void onMessage(okhttp3.WebSocket ws, ByteString bytes) {
                byte[] m = bytes.toByteArray();
                received.add(m);
                ws.send(frame(0, new String(m, 1, m.length - 1, StandardCharsets.UTF_8).toUpperCase()));
            }
        };
    }

    @Test
    void aPairOfStreamsPerPort() throws Exception {
        FakeKubelet pod = upperCaseServer();
        server.enqueue(pod.upgrade("v4.channel.k8s.io"));
        try (PortForward forward = pods.portForward("web", 8080)) {
            OutputStream out = forward.outputStream(8080);
            InputStream in = forward.inputStream(8080);
            out.write("ping".getBytes(StandardCharsets.UTF_8));
            assertEquals("PING", new String(in.readNBytes(4), StandardCharsets.UTF_8), "the port prefix is not data");
            assertThrows(IllegalArgumentException.class, () -> forward.inputStream(9090));
        }
        RecordedRequest request = server.takeRequest();
        assertEquals("/api/v1/namespaces/ns/pods/web/portforward?ports=8080", request.getTarget());
        assertEquals("v4.channel.k8s.io", request.getHeaders().get("Sec-WebSocket-Protocol"));
        assertEquals("secret-token", request.getHeaders().get("X-Auth-Token"));
        assertEquals(List.of("ping"), pod.texts(0), "the client sends no port prefix");
    }

    @Test
    void anErrorOnThePortsErrorChannelFailsItsInput() throws Exception {
        server.enqueue(new FakeKubelet(
                        (ws, upgrade) -> {
                            ws.send(frame(0, PORT_8080));
                            ws.send(frame(1, PORT_8080));
                            ws.send(frame(0, "partial"));
                            ws.send(
                                    frame(
                                            1,
                                            "error forwarding port 8080 to pod 1234: dial tcp4 127.0.0.1:8080: connect: connection refused"));
                            ws.close(1000, "");
                        },
                        null)
                .upgrade("v4.channel.k8s.io"));
        try (PortForward forward = pods.portForward("web", 8080)) {
            InputStream in = forward.inputStream(8080);
            assertEquals(
                    "partial", new String(in.readNBytes(7), StandardCharsets.UTF_8), "what came first is read first");
            IOException e = assertThrows(IOException.class, in::read);
            assertTrue(
                    e.getMessage().startsWith("port 8080: error forwarding port 8080")
                            && e.getMessage().contains("connection refused"),
                    e.getMessage());
        }
    }

    @Test
    void aLocalPortForwardsEachConnectionOverItsOwnWebSocket() throws Exception {
        server.enqueue(upperCaseServer().upgrade("v4.channel.k8s.io"));
        server.enqueue(upperCaseServer().upgrade("v4.channel.k8s.io"));
        int port;
        try (LocalPortForward forward = pods.portForwardLocally("web", 8080, 0)) {
            port = forward.localPort();
            assertEquals(
                    InetAddress.getLoopbackAddress(), forward.localAddress().getAddress());
            try (Socket first = new Socket(InetAddress.getLoopbackAddress(), port);
                    Socket second = new Socket(InetAddress.getLoopbackAddress(), port)) {
                first.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
                second.getOutputStream().write("world\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("HELLO\n", new String(first.getInputStream().readNBytes(6), StandardCharsets.UTF_8));
                assertEquals("WORLD\n", new String(second.getInputStream().readNBytes(6), StandardCharsets.UTF_8));
            }
            assertEquals(
                    "/api/v1/namespaces/ns/pods/web/portforward?ports=8080",
                    server.takeRequest().getTarget());
            assertEquals(
                    "/api/v1/namespaces/ns/pods/web/portforward?ports=8080",
                    server.takeRequest().getTarget());
            assertTrue(forward.errors().isEmpty(), forward.errors().toString());
        }
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    }

    /**
     * On Java 17 a closed {@code ServerSocket} still completes connections while a thread is blocked in its
     * {@code accept()}: close() returns only when that thread has left it (this failed 3 times in 128 before).
     */
    @Test
    void closeLeavesNothingListening() throws Exception {
        for (int i = 0; i < 200; i++) {
            int port;
            try (LocalPortForward forward = pods.portForwardLocally("web", 8080, 0)) {
                port = forward.localPort();
            }
            int closedPort = port;
            assertThrows(
                    ConnectException.class,
                    () -> new Socket(InetAddress.getLoopbackAddress(), closedPort).close(),
                    "round " + i);
        }
    }

    @Test
    void aRefusedConnectionClosesTheLocalOneAndIsKept() throws Exception {
        server.enqueue(
                json(
                        403,
                        "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"message\":\"no\",\"code\":403}"));
        try (LocalPortForward forward = pods.portForwardLocally("web", 8080, 0);
                Socket local = new Socket(InetAddress.getLoopbackAddress(), forward.localPort())) {
            assertEquals(-1, local.getInputStream().read(), "closed");
            for (int i = 0; i < 100 && forward.errors().isEmpty(); i++) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertTrue(
                    forward.errors().get(0) instanceof ForbiddenException,
                    forward.errors().toString());
        }
    }

    @Test
    void portsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> pods.portForward("web"));
        assertThrows(IllegalArgumentException.class, () -> pods.portForward("web", 70000));
        assertThrows(IllegalArgumentException.class, () -> pods.portForward("web", 80, 80));
    }
}
