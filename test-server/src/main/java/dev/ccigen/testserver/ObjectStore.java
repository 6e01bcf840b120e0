package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The test server's objects, with the API server's bookkeeping: {@code uid}, {@code creationTimestamp},
 * {@code generation} (raised when anything but metadata and status changes) and one {@code resourceVersion} counter
 * for every change of every resource, as etcd's revision is. Writes of a resource with a {@code status} subresource
 * keep the status, and status writes keep everything else. Every change is an event for the watches, and the last
 * {@value #HISTORY} events are kept so that a watch can resume from a resourceVersion; an older one is
 * {@code 410 Gone}.
 *
 * <p>One lock guards everything: a test's objects are few, and each change is then simply ordered. Stored objects are
 * never changed in place; what this class returns must not be changed either.
 */
public final class ObjectStore {
    /** How many events a watch can resume across. */
    public static final int HISTORY = 10_000;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;
    private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

    private final Clock clock;
    private final Map<String, TreeMap<String, ObjectNode>> objects = new HashMap<>();
    private final ArrayDeque<Event> history = new ArrayDeque<>();
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final Random random = new Random();
    private long resourceVersion;

    /** @param clock the time of {@code creationTimestamp} */
    public ObjectStore(Clock clock) {
        this.clock = clock;
    }

    /** One change: {@code ADDED}, {@code MODIFIED} or {@code DELETED}, with the object as it is after it. */
    public record Event(String type, ResourceType resource, ObjectNode object, long resourceVersion) {
        String namespace() {
            return object.path("metadata").path("namespace").asText("");
        }
    }

    /** One page of a list. {@code continueToken} is null on the last page. */
    public record Page(List<ObjectNode> items, long resourceVersion, String continueToken, long remaining) {}

    /** The current resourceVersion: that of the last change. */
    public synchronized long resourceVersion() {
        return resourceVersion;
    }

    /** Creates {@code body} in {@code namespace} (null for a cluster-scoped resource): 409 {@code AlreadyExists} if there. */
    public synchronized ObjectNode create(ResourceType type, String namespace, JsonNode body) {
        ObjectNode object = objectOf(type, body);
        ObjectNode meta = child(object, "metadata");
        String name = meta.path("name").asText("");
        if (name.isEmpty()) {
            String prefix = meta.path("generateName").asText("");
            if (prefix.isEmpty()) {
                throw StatusError.invalid(type, "", "metadata.name: Required value: name or generateName is required");
            }
            do {
                name = prefix + randomSuffix();
            } while (table(type).containsKey(key(namespace, name)));
            meta.put("name", name);
        }
        placeIn(type, namespace, meta);
        if (table(type).containsKey(key(namespace, name))) {
            throw StatusError.alreadyExists(type, name);
        }
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", TIME.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        meta.put("generation", 1);
        meta.remove(List.of("deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"));
        if (type.hasStatus()) {
            object.remove("status"); // set by the controllers (or by a test, through the status subresource)
        }
        return store("ADDED", type, namespace, name, object);
    }

    /** The object, or 404 {@code NotFound}. */
    public synchronized ObjectNode get(ResourceType type, String namespace, String name) {
        ObjectNode object = table(type).get(key(namespace, name));
        if (object == null) {
            throw StatusError.notFound(type, name);
        }
        return object;
    }

    /**
     * The objects {@code selector} selects in {@code namespace} (null: every namespace), in the API server's order
     * (namespace, then name), {@code limit} at a time (0: all) from {@code continueToken} on.
     */
    public synchronized Page list(
            ResourceType type, String namespace, Selector selector, long limit, String continueToken) {
        NavigableMap<String, ObjectNode> all = table(type);
        if (continueToken != null && !continueToken.isEmpty()) {
            all = all.tailMap(decodeContinue(continueToken), false);
        }
        List<ObjectNode> items = new ArrayList<>();
        String last = null;
        long remaining = 0;
        for (Map.Entry<String, ObjectNode> e : all.entrySet()) {
            if (!inNamespace(e.getValue(), namespace) || !selector.test(e.getValue())) {
                continue;
            }
            if (limit > 0 && items.size() == limit) {
                remaining++;
            } else {
                items.add(e.getValue());
                last = e.getKey();
            }
        }
        String next = remaining > 0
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8))
                : null;
        return new Page(items, resourceVersion, next, remaining);
    }

    /**
     * Replaces the object with {@code body}: 404 if it is not there, 409 {@code Conflict} if {@code body} carries a
     * resourceVersion other than the current one. {@code statusOnly} takes only the status from {@code body} (the
     * status subresource); otherwise a resource with a status subresource keeps its status. A write that changes
     * nothing keeps the resourceVersion, as the API server does.
     */
    public synchronized ObjectNode replace(
            ResourceType type, String namespace, String name, JsonNode body, boolean statusOnly) {
        ObjectNode current = get(type, namespace, name);
        ObjectNode object = objectOf(type, body);
        ObjectNode meta = child(object, "metadata");
        String sentName = meta.path("name").asText("");
        if (!sentName.isEmpty() && !sentName.equals(name)) {
            throw StatusError.badRequest(
                    "the name of the object (" + sentName + ") does not match the name on the URL (" + name + ")");
        }
        String sentVersion = meta.path("resourceVersion").asText("");
        if (!sentVersion.isEmpty()
                && !sentVersion.equals(
                        current.path("metadata").path("resourceVersion").asText())) {
            throw StatusError.conflict(type, name);
        }
        ObjectNode next;
        if (statusOnly) {
            next = current.deepCopy();
            JsonNode status = object.get("status");
            if (status == null) {
                next.remove("status");
            } else {
                next.set("status", status);
            }
        } else {
            next = object;
            placeIn(type, namespace, meta);
            meta.put("name", name);
            for (String kept : List.of("uid", "creationTimestamp", "generation")) {
                meta.set(kept, current.path("metadata").get(kept));
            }
            if (type.hasStatus()) {
                JsonNode status = current.get("status");
                if (status == null) {
                    next.remove("status");
                } else {
                    next.set("status", status);
                }
            }
            if (!withoutMetadataAndStatus(next).equals(withoutMetadataAndStatus(current))) {
                meta.put(
                        "generation",
                        current.path("metadata").path("generation").asLong(1) + 1);
            }
        }
        child(next, "metadata")
                .put(
                        "resourceVersion",
                        current.path("metadata").path("resourceVersion").asText());
        if (next.equals(current)) {
            return current;
        }
        return store("MODIFIED", type, namespace, name, next);
    }

    /**
     * Applies a patch of {@code contentType} (see {@link Patches}) to the current object, then writes it as
     * {@link #replace} does; a patch that sets another resourceVersion is a 409 {@code Conflict}.
     */
    public synchronized ObjectNode patch(
            ResourceType type, String namespace, String name, String contentType, JsonNode patch, boolean statusOnly) {
        ObjectNode current = get(type, namespace, name);
        JsonNode patched;
        try {
            patched = Patches.apply(contentType, current, patch);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw message.startsWith("unsupported patch type")
                    ? new StatusError(415, "UnsupportedMediaType", message, type)
                    : StatusError.invalid(type, name, message);
        }
        if (!patched.isObject()) {
            throw StatusError.badRequest("the patch does not leave an object");
        }
        return replace(type, namespace, name, patched, statusOnly);
    }

    /** Deletes the object (404 if it is not there) and answers it as it was deleted, with the delete's resourceVersion. */
    public synchronized ObjectNode delete(ResourceType type, String namespace, String name) {
        ObjectNode current = get(type, namespace, name);
        table(type).remove(key(namespace, name));
        ObjectNode gone = current.deepCopy();
        child(gone, "metadata").put("resourceVersion", Long.toString(++resourceVersion));
        publish(new Event("DELETED", type, gone, resourceVersion));
        return gone;
    }

    /** Deletes every object {@code selector} selects in {@code namespace} (null: every namespace) and answers them. */
    public synchronized List<ObjectNode> deleteCollection(ResourceType type, String namespace, Selector selector) {
        List<ObjectNode> deleted = new ArrayList<>();
        for (ObjectNode o : list(type, namespace, selector, 0, null).items()) {
            deleted.add(delete(
                    type,
                    o.path("metadata").path("namespace").asText(null),
                    o.path("metadata").path("name").asText()));
        }
        return deleted;
    }

    /** Every object of every resource, as copies: for a test to look at what its code left behind. */
    public synchronized List<ObjectNode> all(ResourceType type) {
        return table(type).values().stream().map(ObjectNode::deepCopy).toList();
    }

    /**
     * A watch of {@code type} in {@code namespace} (null: every namespace). From resourceVersion {@code from}, the
     * changes after it ({@code 410 Gone} if they are no longer kept); with none (or {@code 0}), an {@code ADDED} event
     * for each object there now, then the changes.
     */
    public synchronized Watcher watch(ResourceType type, String namespace, Selector selector, String from) {
        Watcher w = new Watcher(type, namespace, selector);
        if (from == null || from.isEmpty() || from.equals("0")) {
            for (ObjectNode o : list(type, namespace, selector, 0, null).items()) {
                w.offer(new Event("ADDED", type, o, resourceVersion));
            }
        } else {
            long since;
            try {
                since = Long.parseLong(from);
            } catch (NumberFormatException e) {
                throw StatusError.badRequest("resourceVersion: Invalid value: \"" + from + "\": must be a number");
            }
            long oldest =
                    history.isEmpty() ? resourceVersion : history.peekFirst().resourceVersion() - 1;
            if (since < oldest) {
                throw new StatusError(410, "Expired", "too old resource version: " + since + " (" + oldest + ")", type);
            }
            for (Event e : history) {
                if (e.resourceVersion() > since) {
                    w.offer(e);
                }
            }
        }
        watchers.add(w);
        return w;
    }

    /** Ends every open watch, as an API server does now and then: clients are to resume from their last resourceVersion. */
    public void endWatches() {
        for (Watcher w : watchers) {
            w.end();
        }
    }

    /** An open watch: its events, in order, until it is {@link #end ended}. */
    public final class Watcher {
        private static final Event END = new Event("END", null, null, 0);
        private final ResourceType type;
        private final String namespace;
        private final Selector selector;
        private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();

        private Watcher(ResourceType type, String namespace, Selector selector) {
            this.type = type;
            this.namespace = namespace;
            this.selector = selector;
        }

        private void offer(Event e) {
            if (e.resource() == type && inNamespace(e.object(), namespace) && selector.test(e.object())) {
                events.add(e);
            }
        }

        /** The next event, null when the watch has ended; waits at most {@code millis} (then also null, not ended). */
        public Event next(long millis) throws InterruptedException {
            Event e = events.poll(millis, TimeUnit.MILLISECONDS);
            if (e == END) {
                events.add(END); // stays ended
                return null;
            }
            return e;
        }

        /** Whether the watch was ended. */
        public boolean ended() {
            return events.contains(END);
        }

        /** Ends the watch: its stream closes after the events already queued. */
        public void end() {
            events.add(END);
            watchers.remove(this);
        }
    }

    private ObjectNode store(String eventType, ResourceType type, String namespace, String name, ObjectNode object) {
        child(object, "metadata").put("resourceVersion", Long.toString(++resourceVersion));
        table(type).put(key(namespace, name), object);
        publish(new Event(eventType, type, object, resourceVersion));
        return object;
    }

    private void publish(Event e) {
        history.addLast(e);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
        for (Watcher w : watchers) {
            w.offer(e);
        }
    }

    /** A copy of {@code body} as an object of {@code type}: apiVersion and kind filled in, another kind refused. */
    private static ObjectNode objectOf(ResourceType type, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw StatusError.badRequest("the body is not a JSON object");
        }
        ObjectNode object = (ObjectNode) body.deepCopy();
        String kind = object.path("kind").asText("");
        if (!kind.isEmpty() && !kind.equals(type.kind())) {
            throw StatusError.badRequest("the kind of the object (" + kind + ") does not match " + type.kind());
        }
        object.put("apiVersion", type.apiVersion());
        object.put("kind", type.kind());
        if (!object.path("metadata").isObject()) {
            object.putObject("metadata");
        }
        return object;
    }

    private static void placeIn(ResourceType type, String namespace, ObjectNode meta) {
        if (!type.namespaced()) {
            meta.remove("namespace");
            return;
        }
        String sent = meta.path("namespace").asText("");
        if (!sent.isEmpty() && !sent.equals(namespace)) {
            throw StatusError.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the " + "request");
        }
        meta.put("namespace", namespace);
    }

    /** The object under {@code name}, made when missing (Jackson's own {@code with} is deprecated, its successor too new). */
    static ObjectNode child(ObjectNode parent, String name) {
        JsonNode child = parent.get(name);
        return child instanceof ObjectNode o ? o : parent.putObject(name);
    }

    private static JsonNode withoutMetadataAndStatus(ObjectNode o) {
        ObjectNode copy = o.deepCopy();
        copy.remove(List.of("metadata", "status"));
        return copy;
    }

    private static boolean inNamespace(JsonNode object, String namespace) {
        return namespace == null
                || namespace.equals(object.path("metadata").path("namespace").asText(""));
    }

    private TreeMap<String, ObjectNode> table(ResourceType type) {
        return objects.computeIfAbsent(type.apiVersion() + "/" + type.plural(), k -> new TreeMap<>());
    }

    private static String key(String namespace, String name) {
        return namespace == null ? name : namespace + "/" + name;
    }

    private static String decodeContinue(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw StatusError.badRequest(
                    "continue: Invalid value: \"" + token + "\": not a continue token of this server");
        }
    }

    private String randomSuffix() {
        StringBuilder b = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            b.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
        }
        return b.toString();
    }
}
