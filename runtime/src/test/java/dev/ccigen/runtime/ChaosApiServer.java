package dev.ccigen.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An API server of pods that change all the time, for {@link InformerChaosTest}: {@link #mutate()} adds, changes or
 * deletes one (names are never used twice), every change is an event of a history that watches replay from their
 * resourceVersion, lists page through a snapshot with continue tokens. Faults come when asked: streams ended cleanly,
 * cut in the middle of an event, ended by a 410 in the stream or bookmarked; the history compacted (a watch from
 * before it is answered 410); the next list answered 429 or 5xx, the next continue token expired; a restart on the
 * same port, keeping the history or not. Every answer closes its connection, so that {@link #openConnections(String)}
 * counts what clients hold open, by namespace.
 */
final class ChaosApiServer extends SocketServer {

    /** What a stream is told to do next (by the chaos), beside sending events. */
    enum StreamFault {
        END,
        CUT,
        GONE,
        BOOKMARK
    }

    private record Event(String type, String name, long version) {}

    private record Snapshot(List<String> names, List<Long> versions, long version) {}

    private final Object lock = new Object();
    /** Chooses the changes. */
    private final Random changes;
    /** Chooses the status of a failed list. */
    private final Random statuses;

    private long resourceVersion = 100;
    /** Watches from before this are answered 410: the history was compacted. */
    private long floor = 100;

    private final TreeMap<String, Long> pods = new TreeMap<>();
    private final List<Event> history = new ArrayList<>();
    private final Map<String, Snapshot> continues = new HashMap<>();
    private int nextName;
    private int nextContinue;
    private int listFaults;
    private boolean expireContinue;
    private final Set<StreamControl> streams = new HashSet<>();

    /** When each resourceVersion was made ({@link System#nanoTime()}): for the handlers' lag. */
    final Map<Long, Long> madeAt = new ConcurrentHashMap<>();
    /** Names deleted on the server. */
    final Set<String> deleted = ConcurrentHashMap.newKeySet();

    /** By {@code what namespace}: {@code lists} completed (their last page sent), watch {@code 410s} sent. */
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    final AtomicInteger restarts = new AtomicInteger();
    private final Map<Socket, String> namespaces = new ConcurrentHashMap<>();

    ChaosApiServer(long seed) throws IOException {
        super("chaos-api-server");
        this.changes = new Random(seed);
        this.statuses = new Random(~seed);
    }

    /** One change: a new pod below 20, a deletion above 60, else any of the three. */
    void mutate() {
        synchronized (lock) {
            int dice = pods.size() < 20 ? 0 : pods.size() > 60 ? 2 : changes.nextInt(3);
            long version = ++resourceVersion;
            madeAt.put(version, System.nanoTime());
            String name;
            String type;
            if (dice == 0 || pods.isEmpty()) {
                name = "p" + nextName++;
                type = "ADDED";
                pods.put(name, version);
            } else {
                List<String> names = new ArrayList<>(pods.keySet());
                name = names.get(changes.nextInt(names.size()));
                if (dice == 1) {
                    type = "MODIFIED";
                    pods.put(name, version);
                } else {
                    type = "DELETED";
                    pods.remove(name);
                    deleted.add(name);
                }
            }
            history.add(new Event(type, name, version));
            lock.notifyAll();
        }
    }

    /** The pods now: name to resourceVersion. */
    Map<String, String> pods() {
        synchronized (lock) {
            Map<String, String> now = new TreeMap<>();
            pods.forEach((name, version) -> now.put(name, String.valueOf(version)));
            return now;
        }
    }

    // ---- faults, asked for by the chaos -----------------------------------------------------------------------------

    /** Every open watch stream does {@code fault} next. */
    void streams(StreamFault fault) {
        synchronized (lock) {
            streams.forEach(s -> s.fault = fault);
            lock.notifyAll();
        }
    }

    /** The history so far is gone: a watch that resumes from it is answered 410. */
    void compact() {
        synchronized (lock) {
            floor = resourceVersion;
        }
    }

    /** The next list (or page) is answered 429 or 5xx. */
    void failNextList() {
        synchronized (lock) {
            listFaults++;
        }
    }

    /** The next continue token is answered 410, as an expired one is. */
    void expireNextContinue() {
        synchronized (lock) {
            expireContinue = true;
        }
    }

    /** Goes down (every connection dropped) and comes back on the same port; without its history, or with it. */
    void restart(boolean keepHistory, long downMillis) throws IOException, InterruptedException {
        stop();
        synchronized (lock) {
            if (!keepHistory) {
                floor = resourceVersion;
                continues.clear();
            }
        }
        restarts.incrementAndGet();
        Thread.sleep(downMillis);
        for (int attempt = 1; ; attempt++) {
            try {
                start();
                return;
            } catch (BindException e) { // while it was down, a client's connection took the port as its own
                if (attempt == 300) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }

    /** How many {@code lists} completed (their last page sent) or watch {@code 410s} were sent for {@code namespace}. */
    int count(String what, String namespace) {
        AtomicInteger count = counts.get(what + " " + namespace);
        return count == null ? 0 : count.get();
    }

    private void counted(String what, String namespace) {
        counts.computeIfAbsent(what + " " + namespace, k -> new AtomicInteger()).incrementAndGet();
    }

    /** The connections open on {@code namespace}'s paths. */
    int openConnections(String namespace) {
        return (int) namespaces.values().stream().filter(namespace::equals).count();
    }

    // ---- requests ---------------------------------------------------------------------------------------------------

    @Override
    void serve(Socket connection) throws Exception {
        String head = readHead(connection.getInputStream());
        String target = head == null ? null : target(head);
        if (target == null) {
            return;
        }
        String namespace = target.replaceFirst("\\?.*", "").replaceFirst(".*/namespaces/([^/]+)/.*", "$1");
        Map<String, String> query = query(target);
        namespaces.put(connection, namespace);
        try {
            if ("true".equals(query.get("watch"))) {
                watch(connection, namespace, Long.parseLong(query.getOrDefault("resourceVersion", "0")));
            } else {
                list(connection, namespace, query);
            }
        } finally {
            namespaces.remove(connection);
        }
    }

    private void list(Socket connection, String namespace, Map<String, String> query) throws IOException {
        String body;
        int status = 200;
        String extra = "";
        synchronized (lock) {
            String token = query.get("continue");
            int limit = Integer.parseInt(query.getOrDefault("limit", "0"));
            if (listFaults > 0) {
                listFaults--;
                status = List.of(429, 500, 503).get(statuses.nextInt(3));
                extra = status == 500 ? "" : "Retry-After: 1\r\n";
                body = "{\"kind\":\"Status\",\"code\":" + status + ",\"message\":\"chaos\"}";
            } else if (token != null && (expireContinue || !continues.containsKey(token))) {
                expireContinue = false;
                status = 410;
                body = "{\"kind\":\"Status\",\"code\":410,\"reason\":\"Expired\",\"message\":\"continue expired\"}";
            } else {
                Snapshot snapshot = token == null ? snapshot() : continues.remove(token);
                body = page(namespace, snapshot, limit);
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = connection.getOutputStream();
        out.write(ascii("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                + "\r\n" + extra + "Connection: close\r\n\r\n"));
        out.write(bytes);
        out.flush();
    }

    private Snapshot snapshot() {
        return new Snapshot(new ArrayList<>(pods.keySet()), new ArrayList<>(pods.values()), resourceVersion);
    }

    /** The first {@code limit} items of {@code snapshot} (all for 0), with a token for the rest. */
    private String page(String namespace, Snapshot snapshot, int limit) {
        int count = limit <= 0 ? snapshot.names.size() : Math.min(limit, snapshot.names.size());
        String[] items = new String[count];
        for (int i = 0; i < count; i++) {
            items[i] = WatchServer.pod(namespace, snapshot.names.get(i), String.valueOf(snapshot.versions.get(i)));
        }
        String token = null;
        if (count < snapshot.names.size()) {
            token = "c" + nextContinue++;
            continues.put(
                    token,
                    new Snapshot(
                            snapshot.names.subList(count, snapshot.names.size()),
                            snapshot.versions.subList(count, snapshot.versions.size()),
                            snapshot.version));
        } else {
            counted("lists", namespace);
        }
        return WatchServer.list(String.valueOf(snapshot.version), token, items);
    }

    /** What the chaos tells one stream. */
    private static final class StreamControl {
        StreamFault fault;
    }

    private void watch(Socket connection, String namespace, long from) throws IOException, InterruptedException {
        OutputStream out = connection.getOutputStream();
        StreamControl control = new StreamControl();
        synchronized (lock) {
            if (from < floor) {
                counted("410s", namespace);
                byte[] gone = WatchServer.GONE.getBytes(StandardCharsets.UTF_8);
                out.write(ascii("HTTP/1.1 410 Gone\r\nContent-Type: application/json\r\nContent-Length: " + gone.length
                        + "\r\nConnection: close\r\n\r\n"));
                out.write(gone);
                out.flush();
                return;
            }
            streams.add(control);
        }
        try {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n"));
            out.flush();
            stream(connection, namespace, from, control);
        } finally {
            synchronized (lock) {
                streams.remove(control);
            }
        }
    }

    /** Sends the history after {@code from}, then each change as it comes, until a fault ends the stream. */
    private void stream(Socket connection, String namespace, long from, StreamControl control)
            throws IOException, InterruptedException {
        OutputStream out = connection.getOutputStream();
        long cursor = from;
        while (true) {
            List<Event> batch = new ArrayList<>();
            StreamFault fault;
            long now;
            synchronized (lock) {
                if (history.isEmpty() || history.get(history.size() - 1).version <= cursor) {
                    if (control.fault == null) {
                        lock.wait(20);
                    }
                }
                for (int i = firstAfter(cursor); i < history.size(); i++) {
                    batch.add(history.get(i));
                }
                fault = control.fault;
                control.fault = null;
                now = resourceVersion;
            }
            if (batch.isEmpty() && fault == null && clientClosed(connection)) {
                return;
            }
            for (Event event : batch) {
                chunk(out, event.type, WatchServer.pod(namespace, event.name, String.valueOf(event.version)));
                cursor = event.version;
            }
            out.flush();
            if (fault == StreamFault.END) {
                out.write(ascii("0\r\n\r\n"));
                out.flush();
                return;
            }
            if (fault == StreamFault.CUT) { // the head of a chunk and half an event, then a reset
                byte[] half = ("{\"type\":\"MODIFIED\",\"object\":{\"kind\":\"Pod\",\"metad")
                        .getBytes(StandardCharsets.UTF_8);
                out.write(ascii("80\r\n"));
                out.write(half);
                out.flush();
                connection.setSoLinger(true, 0);
                return;
            }
            if (fault == StreamFault.GONE) {
                counted("410s", namespace);
                chunk(out, "ERROR", WatchServer.GONE);
                out.write(ascii("0\r\n\r\n"));
                out.flush();
                return;
            }
            if (fault == StreamFault.BOOKMARK) {
                chunk(out, "BOOKMARK", WatchServer.bookmark(String.valueOf(Math.max(cursor, now))));
                cursor = Math.max(cursor, now);
                out.flush();
            }
        }
    }

    /** Whether the client closed a watch connection (it sends nothing on one): a read that waits a millisecond. */
    private static boolean clientClosed(Socket connection) throws IOException {
        connection.setSoTimeout(1);
        try {
            return connection.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** The index of the first event after {@code version} in the history. */
    private int firstAfter(long version) {
        int low = 0;
        int high = history.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (history.get(middle).version <= version) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private static void chunk(OutputStream out, String type, String object) throws IOException {
        byte[] line = ("{\"type\":\"" + type + "\",\"object\":" + object + "}\n").getBytes(StandardCharsets.UTF_8);
        out.write(ascii(Integer.toHexString(line.length) + "\r\n"));
        out.write(line);
        out.write(ascii("\r\n"));
    }

    private static Map<String, String> query(String target) {
        Map<String, String> query = new HashMap<>();
        int question = target.indexOf('?');
        if (question >= 0) {
            for (String pair : target.substring(question + 1).split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        return query;
    }
}
