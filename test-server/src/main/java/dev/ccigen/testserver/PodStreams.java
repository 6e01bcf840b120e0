package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A pod's streams, as the API server and the kubelet serve them: {@code exec} and {@code attach} over a WebSocket
 * with Kubernetes' channel protocol ({@code v5.channel.k8s.io}, else {@code v4.channel.k8s.io}: channel 0 stdin, 1
 * stdout, 2 stderr, 3 the closing Status, 4 terminal resizes, 255 closes a channel), {@code portforward} over a
 * WebSocket ({@code v4.channel.k8s.io}: for the n-th port, channel 2n for data and 2n+1 for errors, each opened with the
 * port number), and {@code log} over plain HTTP, followed or not. What the pod does is its {@link PodScript}.
 */
final class PodStreams {
    static final String V5 = "v5.channel.k8s.io";
    static final String V4 = "v4.channel.k8s.io";
    private static final int MAX_MESSAGE = 32 * 1024;
    private static final int PIPE_BYTES = 1024 * 1024;

    private final Map<String, PodScript> scripts = new ConcurrentHashMap<>();
    private final AtomicInteger threads = new AtomicInteger();

    PodScript script(String namespace, String pod) {
        return scripts.computeIfAbsent(namespace + "/" + pod, k -> new PodScript(namespace, pod));
    }

    // ---- exec and attach ----

    Answer exec(RecordedRequest request, String namespace, ObjectNode pod, boolean attach) {
        String name = pod.path("metadata").path("name").asText();
        String container = container(request, pod, name);
        List<String> command = request.queryParameters("command");
        if (!attach && command.isEmpty()) {
            throw StatusError.badRequest("you must specify at least 1 command");
        }
        String protocol = protocol(request, V5, V4);
        boolean stdin = flag(request, "stdin");
        boolean tty = flag(request, "tty");
        ExecHandler handler = script(namespace, name).execHandler(container, command, attach);
        return Answer.upgrade(
                protocol,
                socket -> new ExecRun(
                                socket, protocol, handler, namespace, name, container, command, stdin, tty, attach)
                        .start());
    }

    /** One exec or attach: the handler on a thread of its own, the client's stdin and resizes fed to it. */
    private final class ExecRun implements Answer.Messages {
        private final Answer.Socket socket;
        private final boolean v5;
        private final ExecHandler handler;
        private final Pipe stdin;
        private final ExecCall call;

        ExecRun(
                Answer.Socket socket,
                String protocol,
                ExecHandler handler,
                String namespace,
                String pod,
                String container,
                List<String> command,
                boolean stdin,
                boolean tty,
                boolean attach) {
            this.socket = socket;
            this.v5 = V5.equals(protocol);
            this.handler = handler;
            this.stdin = new Pipe(stdin ? PIPE_BYTES : 1);
            if (!stdin) {
                this.stdin.end();
            }
            java.io.PrintStream out = ExecCall.print(new ChannelOutput(socket, 1));
            java.io.PrintStream err = tty ? out : ExecCall.print(new ChannelOutput(socket, 2));
            this.call = new ExecCall(namespace, pod, container, command, tty, attach, this.stdin, out, err);
        }

        ExecRun start() {
            Thread t = new Thread(this::run, "ccigen-test-server-exec-" + threads.incrementAndGet());
            t.setDaemon(true);
            t.start();
            return this;
        }

        private void run() {
            String status;
            try {
                int code = handler.run(call);
                status = code == 0 ? "{\"metadata\":{},\"status\":\"Success\"}" : nonZeroExit(call.command(), code);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                String message = e.getMessage() != null ? e.getMessage() : e.toString();
                ObjectNode s = ObjectStore.JSON.createObjectNode();
                s.putObject("metadata");
                s.put("status", "Failure").put("message", message).put("reason", "InternalError");
                s.put("code", 500);
                status = s.toString();
            }
            call.stdout().flush();
            call.stderr().flush();
            try {
                socket.send(message(3, status.getBytes(StandardCharsets.UTF_8), 0, status.length()));
            } catch (IOException e) {
                // the client has gone
            }
            socket.close();
        }

        @Override
        public void onMessage(byte[] message) {
            if (message.length == 0) {
                return;
            }
            int channel = message[0] & 0xff;
            try {
                if (channel == 0) {
                    stdin.write(message, 1, message.length - 1);
                } else if (channel == 4) {
                    JsonNode size = ObjectStore.JSON.readTree(message, 1, message.length - 1);
                    call.resize(size.path("Width").asInt(), size.path("Height").asInt());
                } else if (channel == 255 && v5 && message.length > 1 && message[1] == 0) {
                    stdin.end();
                }
            } catch (IOException e) {
                // a resize that is not JSON, or an interrupted write: dropped
            }
        }

        @Override
        public void onClose() {
            stdin.end();
        }
    }

    /** The Status of a command that exited with {@code code}, as the kubelet writes it. */
    private static String nonZeroExit(List<String> command, int code) {
        ObjectNode s = ObjectStore.JSON.createObjectNode();
        s.putObject("metadata");
        s.put("status", "Failure")
                .put(
                        "message",
                        "command terminated with non-zero exit code: error executing command " + command
                                + ", exit code " + code)
                .put("reason", "NonZeroExitCode");
        s.putObject("details")
                .putArray("causes")
                .addObject()
                .put("reason", "ExitCode")
                .put("message", Integer.toString(code));
        return s.toString();
    }

    // ---- port-forward ----

    Answer portForward(RecordedRequest request, String namespace, ObjectNode pod) {
        String name = pod.path("metadata").path("name").asText();
        String uid = pod.path("metadata").path("uid").asText();
        List<Integer> ports = new ArrayList<>();
        for (String value : request.queryParameters("ports")) {
            for (String p : value.split(",")) {
                try {
                    int port = Integer.parseInt(p.trim());
                    if (port < 1 || port > 65535) {
                        throw new NumberFormatException();
                    }
                    ports.add(port);
                } catch (NumberFormatException e) {
                    throw StatusError.badRequest("invalid port \"" + p + "\": must be 1-65535");
                }
            }
        }
        if (ports.isEmpty()) {
            throw StatusError.badRequest("at least 1 port must be specified");
        }
        String protocol = protocol(request, V4);
        PodScript script = script(namespace, name);
        return Answer.upgrade(
                protocol, socket -> new PortForwardRun(socket, script, namespace, name, uid, ports).start());
    }

    /** One port-forward WebSocket: a handler per port, each fed what arrives on its data channel. */
    private final class PortForwardRun implements Answer.Messages {
        private final Answer.Socket socket;
        private final PodScript script;
        private final String namespace;
        private final String pod;
        private final String uid;
        private final List<Integer> ports;
        private final List<Pipe> inputs = new ArrayList<>();
        private final AtomicInteger running = new AtomicInteger();

        PortForwardRun(
                Answer.Socket socket, PodScript script, String namespace, String pod, String uid, List<Integer> ports) {
            this.socket = socket;
            this.script = script;
            this.namespace = namespace;
            this.pod = pod;
            this.uid = uid;
            this.ports = ports;
            ports.forEach(p -> inputs.add(new Pipe(PIPE_BYTES)));
        }

        PortForwardRun start() {
            running.set(ports.size());
            for (int i = 0; i < ports.size(); i++) {
                int index = i;
                Thread t = new Thread(() -> forward(index), "ccigen-test-server-port-" + threads.incrementAndGet());
                t.setDaemon(true);
                t.start();
            }
            return this;
        }

        private void forward(int index) {
            int port = ports.get(index);
            byte[] prefix = {(byte) port, (byte) (port >>> 8)};
            try {
                socket.send(message(2 * index, prefix, 0, 2));
                socket.send(message(2 * index + 1, prefix, 0, 2));
                PortForwardHandler handler = script.port(port);
                if (handler == null) {
                    error(
                            index,
                            "failed to connect to localhost:" + port + " inside namespace \"" + namespace
                                    + "\": connection refused (nothing is scripted on this port)");
                } else {
                    try (OutputStream out = new ChannelOutput(socket, 2 * index)) {
                        handler.connect(inputs.get(index), out);
                    } catch (Exception e) {
                        error(index, e.getMessage() != null ? e.getMessage() : e.toString());
                    }
                }
            } catch (IOException e) {
                // the client has gone
            } finally {
                if (running.decrementAndGet() == 0) {
                    socket.close();
                }
            }
        }

        private void error(int index, String why) throws IOException {
            byte[] text = ("error forwarding port " + ports.get(index) + " to pod " + pod + ", uid " + uid + ": " + why)
                    .getBytes(StandardCharsets.UTF_8);
            socket.send(message(2 * index + 1, text, 0, text.length));
        }

        @Override
        public void onMessage(byte[] message) {
            int channel = message.length == 0 ? -1 : message[0] & 0xff;
            if (channel >= 0 && channel % 2 == 0 && channel / 2 < inputs.size()) {
                try {
                    inputs.get(channel / 2).write(message, 1, message.length - 1);
                } catch (IOException e) {
                    // interrupted: dropped
                }
            }
        }

        @Override
        public void onClose() {
            inputs.forEach(Pipe::end);
        }
    }

    // ---- log ----

    Answer log(RecordedRequest request, String namespace, ObjectNode pod, BooleanSupplier podExists) {
        String name = pod.path("metadata").path("name").asText();
        String container = container(request, pod, name);
        PodScript.PodLog log = script(namespace, name).logFor(container);
        String text = select(log.text(), request);
        if (!flag(request, "follow")) {
            return Answer.text(200, "text/plain", text);
        }
        int start = log.text().length();
        byte[] first = PodScript.PodLog.bytes(text);
        return Answer.stream("text/plain", new Answer.Chunks() {
            private int at = start;
            private boolean sentFirst;

            @Override
            public byte[] next(long waitMillis) throws InterruptedException {
                if (!sentFirst) {
                    sentFirst = true;
                    if (first.length > 0) {
                        return first;
                    }
                }
                String more = log.after(at, waitMillis);
                if (!more.isEmpty()) {
                    at += more.length();
                    return PodScript.PodLog.bytes(more);
                }
                return podExists.getAsBoolean() ? new byte[0] : null;
            }

            @Override
            public void close() {
                // nothing held
            }
        });
    }

    /** The log as {@code tailLines} and {@code limitBytes} keep it. */
    private static String select(String text, RecordedRequest request) {
        String out = text;
        String tail = request.queryParameter("tailLines");
        if (tail != null && !tail.isEmpty()) {
            int n = Integer.parseInt(tail);
            String[] lines = out.split("(?<=\n)");
            out = n >= lines.length || lines[0].isEmpty()
                    ? out
                    : String.join("", Arrays.asList(lines).subList(lines.length - n, lines.length));
        }
        String limit = request.queryParameter("limitBytes");
        if (limit != null && !limit.isEmpty()) {
            byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
            int n = (int) Math.min(bytes.length, Long.parseLong(limit));
            out = new String(bytes, 0, n, StandardCharsets.UTF_8);
        }
        return out;
    }

    // ---- shared ----

    /**
     * The container a request names, checked against the pod's: as the API server, 400 for one the pod does not have,
     * and for none when the pod has several.
     */
    private static String container(RecordedRequest request, ObjectNode pod, String name) {
        String asked = request.queryParameter("container");
        Set<String> names = new LinkedHashSet<>();
        for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
            JsonNode containers = pod.path("spec").path(list);
            if (containers instanceof ArrayNode a) {
                a.forEach(c -> names.add(c.path("name").asText()));
            }
        }
        if (asked == null || asked.isEmpty()) {
            List<String> main = new ArrayList<>();
            pod.path("spec")
                    .path("containers")
                    .forEach(c -> main.add(c.path("name").asText()));
            if (main.size() > 1) {
                throw StatusError.badRequest("a container name must be specified for pod " + name + ", choose one of: "
                        + main.toString().replace(",", ""));
            }
            return main.isEmpty() ? "" : main.get(0);
        }
        if (!names.isEmpty() && !names.contains(asked)) {
            throw StatusError.badRequest("container " + asked + " is not valid for pod " + name);
        }
        return asked;
    }

    /** The first of {@code supported} the client offers ({@code Sec-WebSocket-Protocol}), else 400. */
    private static String protocol(RecordedRequest request, String... supported) {
        String upgrade = String.valueOf(request.header("Upgrade")).toLowerCase(Locale.ROOT);
        if (!upgrade.contains("websocket")) {
            throw StatusError.badRequest("Upgrade request required: this test server speaks WebSocket ("
                    + String.join(", ", supported) + "), not SPDY");
        }
        Set<String> offered = new LinkedHashSet<>();
        for (String values : request.headers().getOrDefault("sec-websocket-protocol", List.of())) {
            for (String p : values.split(",")) {
                offered.add(p.trim());
            }
        }
        for (String p : supported) {
            if (offered.contains(p)) {
                return p;
            }
        }
        throw StatusError.badRequest("none of the WebSocket subprotocols offered (" + String.join(", ", offered)
                + ") is one this test server speaks (" + String.join(", ", supported) + ")");
    }

    private static boolean flag(RecordedRequest request, String name) {
        String v = request.queryParameter(name);
        return v != null && (v.equals("true") || v.equals("1"));
    }

    static byte[] message(int channel, byte[] data, int offset, int length) {
        byte[] m = new byte[length + 1];
        m[0] = (byte) channel;
        System.arraycopy(data, offset, m, 1, length);
        return m;
    }

    /** Bytes written to one channel, sent at once, in messages of at most 32 KiB. */
    static final class ChannelOutput extends OutputStream {
        private final Answer.Socket socket;
        private final int channel;

        ChannelOutput(Answer.Socket socket, int channel) {
            this.socket = socket;
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int at = off; at < off + len; at += MAX_MESSAGE) {
                socket.send(message(channel, b, at, Math.min(MAX_MESSAGE, off + len - at)));
            }
        }
    }
}
