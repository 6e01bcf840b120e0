package dev.ccigen.testserver;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a pod does, as a test scripts it: its answers to exec (per container and command), to attach, its log, and what
 * listens on its ports for port-forward. Got from {@link ApiTestServer#pod(String, String)}; it outlives the pod
 * object (a pod deleted and created again keeps its script). A pod with nothing scripted answers exec like a minimal
 * shell ({@link ExecCall#shell()}), has an empty log, and refuses port-forwarded connections.
 */
public final class PodScript {
    private final String namespace;
    private final String name;
    private final List<Rule> execs = new CopyOnWriteArrayList<>();
    private volatile ExecHandler attach;
    private final Map<Integer, PortForwardHandler> ports = new ConcurrentHashMap<>();
    private final Map<String, PodLog> logs = new ConcurrentHashMap<>();

    PodScript(String namespace, String name) {
        this.namespace = namespace;
        this.name = name;
    }

    /** One scripted answer: for a container (null: any) and a command (null: any). */
    private record Rule(String container, List<String> command, ExecHandler handler) {
        int specificity() {
            return (command != null ? 2 : 0) + (container != null ? 1 : 0);
        }
    }

    /** Every exec in this pod, whatever the container and command, runs {@code handler}. */
    public PodScript exec(ExecHandler handler) {
        return exec(null, null, handler);
    }

    /** An exec of exactly {@code command} (any container) runs {@code handler}. */
    public PodScript exec(List<String> command, ExecHandler handler) {
        return exec(null, command, handler);
    }

    /**
     * An exec of {@code command} (null: any) in {@code container} (null: any) runs {@code handler}. The most specific
     * rule wins (container and command, then command, then container); among equals, the latest.
     */
    public PodScript exec(String container, List<String> command, ExecHandler handler) {
        execs.add(new Rule(container, command == null ? null : List.copyOf(command), handler));
        return this;
    }

    /** An attach to this pod runs {@code handler} (with nothing scripted, an attach echoes stdin to stdout). */
    public PodScript attach(ExecHandler handler) {
        this.attach = handler;
        return this;
    }

    /** The pod's log (of any container without one of its own) is {@code text} from now on. */
    public PodScript log(String text) {
        return log("", text);
    }

    /** The log of {@code container} is {@code text} from now on. */
    public PodScript log(String container, String text) {
        logOf(container).set(text);
        return this;
    }

    /** Adds {@code text} to the pod's log; clients following it ({@code follow=true}) get it at once. */
    public PodScript appendLog(String text) {
        return appendLog("", text);
    }

    /** Adds {@code text} to the log of {@code container}. */
    public PodScript appendLog(String container, String text) {
        logOf(container).append(text);
        return this;
    }

    /** A connection forwarded to {@code port} of this pod is handed to {@code handler}. */
    public PodScript portForward(int port, PortForwardHandler handler) {
        ports.put(port, handler);
        return this;
    }

    /** A connection forwarded to {@code port} of this pod is connected to {@code target} (e.g. a local test server). */
    public PodScript portForward(int port, InetSocketAddress target) {
        return portForward(port, (in, out) -> relay(target, in, out));
    }

    // ---- for the server ----

    String namespace() {
        return namespace;
    }

    String name() {
        return name;
    }

    ExecHandler execHandler(String container, List<String> command, boolean attaching) {
        if (attaching) {
            ExecHandler a = attach;
            return a != null ? a : ExecHandler.shell();
        }
        Rule best = null;
        for (Rule r : execs) {
            boolean fits = (r.container() == null || r.container().equals(container))
                    && (r.command() == null || r.command().equals(command));
            if (fits && (best == null || r.specificity() >= best.specificity())) {
                best = r;
            }
        }
        return best == null ? ExecHandler.shell() : best.handler();
    }

    PortForwardHandler port(int port) {
        return ports.get(port);
    }

    /** The log of {@code container}, or the pod's. */
    PodLog logFor(String container) {
        PodLog own = container == null || container.isEmpty() ? null : logs.get(container);
        return own != null ? own : logOf("");
    }

    private PodLog logOf(String container) {
        return logs.computeIfAbsent(container, c -> new PodLog());
    }

    private static void relay(InetSocketAddress target, InputStream in, OutputStream out) throws Exception {
        try (Socket socket = new Socket(target.getAddress(), target.getPort())) {
            Thread up = new Thread(
                    () -> {
                        try {
                            in.transferTo(socket.getOutputStream());
                            socket.shutdownOutput();
                        } catch (java.io.IOException e) {
                            // the connection ended
                        }
                    },
                    "ccigen-test-server-port-forward");
            up.setDaemon(true);
            up.start();
            socket.getInputStream().transferTo(out);
        }
    }

    /** A log that grows; followers wait for what comes. */
    static final class PodLog {
        private final StringBuilder text = new StringBuilder();

        synchronized void set(String t) {
            text.setLength(0);
            text.append(t);
            notifyAll();
        }

        synchronized void append(String t) {
            text.append(t);
            notifyAll();
        }

        synchronized String text() {
            return text.toString();
        }

        /** The log from character {@code from} on, waiting at most {@code millis} for something new; "" if none. */
        synchronized String after(int from, long millis) throws InterruptedException {
            if (text.length() <= from) {
                wait(millis);
            }
            return text.length() > from ? text.substring(from) : "";
        }

        static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }
}
