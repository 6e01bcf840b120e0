package dev.ccigen.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connections to ports of a pod over one WebSocket ({@code portforward}, {@code v4.channel.k8s.io}): for each port, a
 * stream of what the pod's port sends ({@link #inputStream}) and one to send to it ({@link #outputStream}). Port
 * number {@code n} of the request uses channel {@code 2n} for data and {@code 2n+1} for errors; the server starts each
 * with the port (2 bytes, little-endian), which is not data and is skipped. An error the server reports for a port
 * (nothing listens there, say) is thrown by that port's input stream once what came before it has been read.
 * Each input holds at most 1 MiB unread before the connection waits for its reader. Close it when done.
 */
public final class PortForward implements AutoCloseable {

    private final URI uri;
    private final ChannelSocket socket;
    private final Map<Integer, ChannelInputStream> inputs;
    private final Map<Integer, OutputStream> outputs = new LinkedHashMap<>();

    private PortForward(URI uri, ChannelSocket socket, Map<Integer, ChannelInputStream> inputs) {
        this.uri = uri;
        this.socket = socket;
        this.inputs = inputs;
        int channel = 0;
        for (int port : inputs.keySet()) {
            outputs.put(port, new PortOutput(channel));
            channel += 2;
        }
    }

    /**
     * Opens connections to {@code ports} of a pod: {@code path} is the pod's {@code portforward} path.
     *
     * @throws ApiException when the server refuses the upgrade (the subclass of its status)
     */
    public static PortForward open(Transport transport, String path, int... ports) {
        return open(transport, path, Cancel.NEVER, ports);
    }

    /** {@link #open(Transport, String, int...)}, its upgrade given up at once when {@code cancel} fires. */
    static PortForward open(Transport transport, String path, Cancel cancel, int... ports) {
        if (ports.length == 0) {
            throw new IllegalArgumentException("port-forward needs at least one port");
        }
        ChannelSocket socket = new ChannelSocket(2, -1);
        Map<Integer, ChannelInputStream> inputs = new LinkedHashMap<>();
        Request.Builder request = Request.builder("GET", path);
        for (int i = 0; i < ports.length; i++) {
            int port = ports[i];
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            if (inputs.containsKey(port)) {
                throw new IllegalArgumentException("port " + port + " is asked for twice");
            }
            ChannelInputStream data = new ChannelInputStream(ExecSession.OUTPUT_BUFFER_BYTES, socket::resume);
            inputs.put(port, data);
            socket.on(2 * i, data).on(2 * i + 1, new PortError(port, data));
        }
        request.query(
                Map.of("ports", inputs.keySet().stream().map(String::valueOf).toList()));
        Request built = request.build();
        socket.attach(transport.webSocket(built, List.of(ChannelSocket.V4), socket, cancel));
        return new PortForward(transport.uriOf(built), socket, inputs);
    }

    /** What the pod's {@code port} sends; ends when the connection does. */
    public InputStream inputStream(int port) {
        InputStream in = inputs.get(port);
        if (in == null) {
            throw new IllegalArgumentException("port " + port + " was not forwarded; these were: " + inputs.keySet());
        }
        return in;
    }

    /** What to send to the pod's {@code port}. */
    public OutputStream outputStream(int port) {
        OutputStream out = outputs.get(port);
        if (out == null) {
            throw new IllegalArgumentException("port " + port + " was not forwarded; these were: " + outputs.keySet());
        }
        return out;
    }

    /** Whether the connection has ended. */
    public boolean isClosed() {
        return socket.ended().isDone();
    }

    /** Ends the connection, and with it every port's streams. */
    @Override
    public void close() {
        inputs.values().forEach(ChannelInputStream::close); // first, so that a held connection reads on to the Close
        socket.close();
    }

    @Override
    public String toString() {
        return "PortForward[" + uri + "]";
    }

    /** The error channel of a port: its text (capped) fails the port's input. */
    private static final class PortError implements ChannelSocket.Sink {
        private final int port;
        private final ChannelInputStream data;
        private final ChannelSocket.Buffer text = new ChannelSocket.Buffer(ApiException.MAX_BODY_BYTES);

        PortError(int port, ChannelInputStream data) {
            this.port = port;
            this.data = data;
        }

        @Override
        public boolean accept(byte[] bytes) {
            text.accept(bytes);
            data.fail(new IOException(
                    "port " + port + ": " + ErrorBody.excerpt(new String(text.bytes(), StandardCharsets.UTF_8))));
            return true;
        }

        @Override
        public void end(IOException failure) {}
    }

    /** Sends on the data channel of a port. */
    private final class PortOutput extends OutputStream {
        private final int channel;

        PortOutput(int channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len > 0) {
                socket.send(channel, b, off, len);
            }
        }
    }
}
