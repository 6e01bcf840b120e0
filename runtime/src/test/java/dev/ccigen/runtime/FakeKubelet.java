package dev.ccigen.runtime;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import mockwebserver3.MockResponse;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * The server side of Kubernetes' channel protocol, as a kubelet speaks it behind the API server: a WebSocket
 * listener whose script runs when the connection opens, recording every message the client sends.
 */
class FakeKubelet extends WebSocketListener {

    /** What the server does once the connection is open. */
    interface Script {
        void run(WebSocket socket, Response upgrade) throws Exception;
    }

    /** Messages the client sent, channel byte first. */
    final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    /** The latest of them, for {@code onMessage} scripts. */
    volatile byte[] last;

    private final Script onOpen;
    private final Script onMessage;

    /** @param onMessage runs after each message from the client is recorded; may be null */
    FakeKubelet(Script onOpen, Script onMessage) {
        this.onOpen = onOpen;
        this.onMessage = onMessage;
    }

    /** The pods of namespace {@code ns} over {@code transport}: where exec, attach and port-forward are. */
    static ResourceCalls<TestPod, KubernetesList<TestPod>> pods(Transport transport) {
        return new ResourceCalls<>(transport, "/api/v1", "pods", "ns", TestPod.class, null);
    }

    /** The upgrade answer, naming {@code protocol} (null: none). */
    MockResponse upgrade(String protocol) {
        MockResponse.Builder b = new MockResponse.Builder();
        if (protocol != null) {
            b.addHeader("Sec-WebSocket-Protocol", protocol);
        }
        return b.webSocketUpgrade(this).build();
    }

    static ByteString frame(int channel, String text) {
        return frame(channel, text.getBytes(StandardCharsets.UTF_8));
    }

    static ByteString frame(int channel, byte[] data) {
        byte[] bytes = new byte[data.length + 1];
        bytes[0] = (byte) channel;
        System.arraycopy(data, 0, bytes, 1, data.length);
        return ByteString.of(bytes);
    }

    /** Status for an exit code, as the kubelet sends it on channel 3. */
    static String exitStatus(int code) {
        if (code == 0) {
            return "{\"metadata\":{},\"status\":\"Success\"}";
        }
        return "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: error "
                + "executing command [sh -c exit " + code + "], exit code " + code
                + "\",\"reason\":\"NonZeroExitCode\","
                + "\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"" + code + "\"}]}}";
    }

    /** Sends the exit status and closes, as the kubelet does when the command ends. */
    static void exit(WebSocket socket, int code) {
        socket.send(frame(3, exitStatus(code)));
        socket.close(1000, "");
    }

    /** The messages received on {@code channel} so far, as text. */
    List<String> texts(int channel) {
        return received.stream()
                .filter(m -> m.length > 0 && (m[0] & 0xff) == channel)
                .map(m -> new String(m, 1, m.length - 1, StandardCharsets.UTF_8))
                .toList();
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        run(onOpen, webSocket, response);
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
        last = bytes.toByteArray();
        received.add(last);
        if (onMessage != null) {
            run(onMessage, webSocket, null);
        }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        webSocket.close(1000, "");
    }

    private static void run(Script script, WebSocket webSocket, Response response) {
        try {
            script.run(webSocket, response);
        } catch (Exception e) {
            webSocket.cancel();
        }
    }
}
