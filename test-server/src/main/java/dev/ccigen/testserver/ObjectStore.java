package dev.ccigen.testserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccigen.runtime.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SplittableRandom;
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
 * <p>As the API server: an object with {@code metadata.finalizers} is not removed by a delete but marked
 * ({@code deletionTimestamp}, {@code deletionGracePeriodSeconds}: a {@code MODIFIED} event), and removed
 * ({@code DELETED}) by the write that clears its last finalizer; a Secret's {@code stringData} is merged into
 * {@code data} (base64) and never stored; deleting a Namespace deletes what is in it; server-side apply merges the
 * applied fields and tracks who manages which field (see {@link #apply}). There are no controllers: a Deployment
 * makes no Pods, and a Pod is deleted at once (no kubelet to stop it).
 *
 * <p>One lock guards everything: a test's objects are few, and each change is then simply ordered. Stored objects are
 * never changed in place; what this class returns must not be changed either. Each stored object keeps its JSON
 * encoding, so reads and lists encode nothing.
 */
public final class ObjectStore {
    /** How many events a watch can resume across. */
    public static final int HISTORY = 10_000;

    static final ObjectMapper JSON = Json.mapper();
    private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

    private final Clock clock;
    private final Map<String, TreeMap<String, Stored>> objects = new HashMap<>();
    private final Map<String, ResourceType> tableTypes = new HashMap<>();
    private final ArrayDeque<Event> history = new ArrayDeque<>();
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final SplittableRandom random = new SplittableRandom();
    private long resourceVersion;
    private long timestampSecond = Long.MIN_VALUE;
    private String timestamp;

    /** @param clock the time of {@code creationTimestamp} and {@code deletionTimestamp} */
    public ObjectStore(Clock clock) {
        this.clock = clock;
    }

    /** A stored object and its JSON encoding (made once, when first needed). */
    static final class Stored {
        final ObjectNode object;
        private volatile byte[] json;

        Stored(ObjectNode object) {
            this.object = object;
        }

        byte[] json() {
            byte[] j = json;
            if (j == null) {
                j = encode(object);
                json = j;
            }
            return j;
        }
    }

    static byte[] encode(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that does not encode", e);
        }
    }

    /** One change: {@code ADDED}, {@code MODIFIED}, {@code DELETED} or {@code BOOKMARK}, with the object after it. */
    public static final class Event {
        private final String type;
        private final ResourceType resource;
        private final Stored stored;
        private final long resourceVersion;

        Event(String type, ResourceType resource, Stored stored, long resourceVersion) {
            this.type = type;
            this.resource = resource;
            this.stored = stored;
            this.resourceVersion = resourceVersion;
        }

        /** {@code ADDED}, {@code MODIFIED}, {@code DELETED} or {@code BOOKMARK}. */
        public String type() {
            return type;
        }

        public ResourceType resource() {
            return resource;
        }

        /** The object as the change left it (for a bookmark: its kind and resourceVersion only). */
        public ObjectNode object() {
            return stored.object;
        }

        public long resourceVersion() {
            return resourceVersion;
        }

        /** The watch stream's line: {@code {"type":...,"object":...}} and a newline. */
        byte[] line() {
            byte[] object = stored.json();
            byte[] head = ("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.US_ASCII);
            byte[] line = new byte[head.length + object.length + 2];
            System.arraycopy(head, 0, line, 0, head.length);
            System.arraycopy(object, 0, line, head.length, object.length);
            line[line.length - 2] = '}';
            line[line.length - 1] = '\n';
            return line;
        }
    }

    /** One page of a list. {@code continueToken} is null on the last page. */
    public record Page(List<ObjectNode> items, long resourceVersion, String continueToken, long remaining) {}

    /** A page with the stored objects, for the server to join their encodings. */
    record StoredPage(List<Stored> items, long resourceVersion, String continueToken, long remaining) {}

    /**
     * How a write is asked for: validated and answered without storing ({@code dryRun=All}), and by which field
     * manager ({@code fieldManager}, else the client's name from its {@code User-Agent}).
     */
    record Write(boolean dryRun, String manager, boolean apply) {
        static final Write DEFAULT = new Write(false, null, false);
    }

    /** What a delete did: the object as it is now, and whether it is gone or only marked (it has finalizers). */
    record Deleted(Stored stored, boolean gone) {}

    /** The current resourceVersion: that of the last change. */
    public synchronized long resourceVersion() {
        return resourceVersion;
    }

    /** Creates {@code body} in {@code namespace} (null for a cluster-scoped resource): 409 {@code AlreadyExists} if there. */
    public ObjectNode create(ResourceType type, String namespace, JsonNode body) {
        return create(type, namespace, objectOf(type, body).deepCopy(), Write.DEFAULT).object;
    }

    /** Creates {@code object} (which the store takes, and may change). */
    synchronized Stored create(ResourceType type, String namespace, ObjectNode object, Write write) {
        checkKind(type, object);
        ObjectNode meta = child(object, "metadata");
        String name = meta.path("name").asText("");
        if (name.isEmpty()) {
            String prefix = meta.path("generateName").asText("");
            if (prefix.isEmpty()) {
                throw StatusError.invalid(
                        type,
                        "",
                        "metadata.name",
                        "FieldValueRequired",
                        "Required value: name or generateName is required");
            }
            do {
                name = prefix + randomSuffix();
            } while (table(type).containsKey(key(namespace, name)));
            meta.put("name", name);
        }
        placeIn(type, namespace, meta);
        TreeMap<String, Stored> table = table(type);
        String key = key(namespace, name);
        if (table.containsKey(key)) {
            throw StatusError.alreadyExists(type, name);
        }
        meta.put("uid", uid());
        meta.put("creationTimestamp", now());
        meta.put("generation", 1);
        meta.remove(List.of("deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "resourceVersion"));
        if (!write.apply()) {
            meta.remove("managedFields");
        }
        if (type.hasStatus()) {
            object.remove("status"); // set by the controllers (or by a test, through the status subresource)
        }
        Secrets.mergeStringData(type, object);
        if (write.dryRun()) {
            return new Stored(object);
        }
        return store("ADDED", type, table, key, object);
    }

    /** The object, or 404 {@code NotFound}. */
    public ObjectNode get(ResourceType type, String namespace, String name) {
        return stored(type, namespace, name).object;
    }

    synchronized Stored stored(ResourceType type, String namespace, String name) {
        Stored s = table(type).get(key(namespace, name));
        if (s == null) {
            throw StatusError.notFound(type, name);
        }
        return s;
    }

    /** The object, or null. */
    synchronized Stored find(ResourceType type, String namespace, String name) {
        return table(type).get(key(namespace, name));
    }

    /**
     * The objects {@code selector} selects in {@code namespace} (null: every namespace), in the API server's order
     * (namespace, then name), {@code limit} at a time (0: all) from {@code continueToken} on.
     */
    public Page list(ResourceType type, String namespace, Selector selector, long limit, String continueToken) {
        StoredPage page = listStored(type, namespace, selector, limit, continueToken);
        return new Page(
                page.items().stream().map(s -> s.object).toList(),
                page.resourceVersion(),
                page.continueToken(),
                page.remaining());
    }

    synchronized StoredPage listStored(
            ResourceType type, String namespace, Selector selector, long limit, String continueToken) {
        NavigableMap<String, Stored> all = table(type);
        if (namespace != null) {
            all = all.subMap(namespace + "/", true, namespace + "0", false); // '0' follows '/'
        }
        if (continueToken != null && !continueToken.isEmpty()) {
            all = all.tailMap(decodeContinue(continueToken), false);
        }
        List<Stored> items = new ArrayList<>();
        String last = null;
        long remaining = 0;
        for (Map.Entry<String, Stored> e : all.entrySet()) {
            if (!selector.test(e.getValue().object)) {
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
        return new StoredPage(items, resourceVersion, next, remaining);
    }

    /**
     * Replaces the object with {@code body}: 404 if it is not there, 409 {@code Conflict} if {@code body} carries a
     * resourceVersion other than the current one. {@code statusOnly} takes only the status from {@code body} (the
     * status subresource); otherwise a resource with a status subresource keeps its status. A write that changes
     * nothing keeps the resourceVersion, as the API server does.
     */
    public ObjectNode replace(ResourceType type, String namespace, String name, JsonNode body, boolean statusOnly) {
        return replace(type, namespace, name, objectOf(type, body).deepCopy(), statusOnly, Write.DEFAULT).object;
    }

    /** Replaces with {@code object}, which the store takes (and may change). */
    synchronized Stored replace(
            ResourceType type, String namespace, String name, ObjectNode object, boolean statusOnly, Write write) {
        Stored currentStored = stored(type, namespace, name);
        ObjectNode current = currentStored.object;
        ObjectNode meta = checkKindAndName(type, object, name);
        ObjectNode currentMeta = (ObjectNode) current.get("metadata");
        String sentVersion = meta.path("resourceVersion").asText("");
        if (!sentVersion.isEmpty()
                && !sentVersion.equals(currentMeta.path("resourceVersion").asText())) {
            throw StatusError.conflict(type, name);
        }
        ObjectNode next;
        if (statusOnly) {
            next = shallowCopy(current);
            setOrRemove(next, "status", object.get("status"));
        } else {
            next = object;
            placeIn(type, namespace, meta);
            meta.put("name", name);
            for (String kept : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds")) {
                setOrRemove(meta, kept, currentMeta.get(kept));
            }
            meta.set("generation", currentMeta.get("generation"));
            if (!meta.has("managedFields") && currentMeta.has("managedFields")) {
                meta.set("managedFields", currentMeta.get("managedFields"));
            }
            if (type.hasStatus()) {
                setOrRemove(next, "status", current.get("status"));
            }
            Secrets.mergeStringData(type, next);
            if (!sameExceptMetadataAndStatus(next, current)) {
                meta.put("generation", currentMeta.path("generation").asLong(1) + 1);
            }
            checkFinalizers(type, name, currentMeta, meta);
        }
        ObjectNode nextMeta = child(next, "metadata");
        nextMeta.put("resourceVersion", currentMeta.path("resourceVersion").asText());
        if (currentMeta.has("managedFields") && !write.apply()) {
            FieldManagers.recordUpdate(current, next, write.manager(), statusOnly, type.apiVersion(), now());
        }
        if (next.equals(current)) {
            return currentStored;
        }
        if (write.dryRun()) {
            return new Stored(next);
        }
        if (nextMeta.has("deletionTimestamp") && !hasFinalizers(nextMeta)) {
            return remove(type, namespace, name, next);
        }
        return store("MODIFIED", type, namespace, name, next);
    }

    /**
     * Applies a patch of {@code contentType} (see {@link Patches}) to the current object, then writes it as
     * {@link #replace} does; a patch that sets another resourceVersion is a 409 {@code Conflict}.
     */
    public ObjectNode patch(
            ResourceType type, String namespace, String name, String contentType, JsonNode patch, boolean statusOnly) {
        return patch(type, namespace, name, contentType, patch, statusOnly, Write.DEFAULT, null).object;
    }

    synchronized Stored patch(
            ResourceType type,
            String namespace,
            String name,
            String contentType,
            JsonNode patch,
            boolean statusOnly,
            Write write,
            PatchSchema schema) {
        ObjectNode current = stored(type, namespace, name).object;
        JsonNode patched;
        try {
            patched = Patches.apply(contentType, current, patch, schema == null ? null : schema.of(type));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            if (message.startsWith("unsupported patch type")) {
                throw new StatusError(415, "UnsupportedMediaType", message, type);
            }
            throw new StatusError(422, "Invalid", message, type, name, type.kind(), List.of());
        }
        if (!patched.isObject()) {
            throw StatusError.badRequest("the patch does not leave an object");
        }
        return replace(type, namespace, name, (ObjectNode) patched, statusOnly, write);
    }

    /**
     * Server-side apply ({@code application/apply-patch+yaml}) of {@code applied} by {@code manager}: creates the
     * object when it is not there; otherwise merges the applied fields into it (maps key by key; lists, as a
     * simplification, whole) and removes the fields this manager applied before and applies no more (unless another
     * manager also has them). A field another manager set to another value is a 409 {@code Conflict} naming it, unless
     * {@code force} takes it over. Who manages what is kept in {@code metadata.managedFields} from an object's first
     * apply on (an object never applied has none: the test server does not track plain writes until then).
     *
     * @return the object, and whether it was created
     */
    synchronized Applied apply(
            ResourceType type,
            String namespace,
            String name,
            ObjectNode applied,
            String manager,
            boolean force,
            boolean dryRun) {
        checkKindAndName(type, applied, name);
        Write write = new Write(dryRun, manager, true);
        Stored current = find(type, namespace, name);
        if (current == null) {
            ObjectNode object = applied.deepCopy();
            child(object, "metadata").put("name", name);
            FieldManagers.recordApply(null, object, applied, manager, type.apiVersion(), now());
            return new Applied(create(type, namespace, object, write), true);
        }
        ObjectNode next = FieldManagers.apply(type, current.object, applied, manager, force, type.apiVersion(), now());
        return new Applied(replace(type, namespace, name, next, false, write), false);
    }

    record Applied(Stored stored, boolean created) {}

    /** Deletes the object (404 if it is not there) and answers it as it was deleted, with the delete's resourceVersion. */
    public ObjectNode delete(ResourceType type, String namespace, String name) {
        return delete(type, namespace, name, null, Write.DEFAULT).stored().object;
    }

    /**
     * Deletes the object: at once, or, when it has finalizers, by marking it ({@code deletionTimestamp} and
     * {@code deletionGracePeriodSeconds}); {@code options} is the request's {@code DeleteOptions} (null for none):
     * its {@code gracePeriodSeconds} and {@code preconditions} ({@code uid}, {@code resourceVersion}: 409 when they do
     * not hold) are honoured.
     */
    synchronized Deleted delete(ResourceType type, String namespace, String name, JsonNode options, Write write) {
        ObjectNode current = stored(type, namespace, name).object;
        JsonNode meta = current.path("metadata");
        JsonNode preconditions = options == null ? null : options.get("preconditions");
        if (preconditions != null) {
            for (String field : List.of("uid", "resourceVersion")) {
                JsonNode wanted = preconditions.get(field);
                if (wanted != null
                        && !wanted.isNull()
                        && !wanted.asText().equals(meta.path(field).asText())) {
                    String label = field.equals("uid") ? "UID" : "ResourceVersion";
                    throw StatusError.conflict(
                            type,
                            name,
                            "Precondition failed: " + label + " in precondition: " + wanted.asText() + ", " + label
                                    + " in object meta: " + meta.path(field).asText(),
                            List.of());
                }
            }
        }
        if (hasFinalizers(meta)) {
            if (meta.has("deletionTimestamp")) {
                return new Deleted(stored(type, namespace, name), false);
            }
            ObjectNode marked = shallowCopy(current);
            ObjectNode markedMeta = (ObjectNode) marked.get("metadata");
            markedMeta.put("deletionTimestamp", now());
            markedMeta.put(
                    "deletionGracePeriodSeconds",
                    options == null ? 0 : options.path("gracePeriodSeconds").asLong(0));
            if (write.dryRun()) {
                return new Deleted(new Stored(marked), false);
            }
            return new Deleted(store("MODIFIED", type, namespace, name, marked), false);
        }
        if (write.dryRun()) {
            return new Deleted(new Stored(current), true);
        }
        Stored gone = remove(type, namespace, name, shallowCopy(current));
        if (type.group().isEmpty() && type.plural().equals("namespaces")) {
            deleteContentsOf(name);
        }
        return new Deleted(gone, true);
    }

    /** Deletes every object {@code selector} selects in {@code namespace} (null: every namespace) and answers them. */
    public List<ObjectNode> deleteCollection(ResourceType type, String namespace, Selector selector) {
        return deleteCollection(type, namespace, selector, null, Write.DEFAULT).stream()
                .map(s -> s.object)
                .toList();
    }

    synchronized List<Stored> deleteCollection(
            ResourceType type, String namespace, Selector selector, JsonNode options, Write write) {
        List<Stored> deleted = new ArrayList<>();
        for (Stored s : listStored(type, namespace, selector, 0, null).items()) {
            deleted.add(delete(
                            type,
                            s.object.path("metadata").path("namespace").asText(null),
                            s.object.path("metadata").path("name").asText(),
                            options,
                            write)
                    .stored());
        }
        return deleted;
    }

    /** Every object of a resource, as copies: for a test to look at what its code left behind. */
    public synchronized List<ObjectNode> all(ResourceType type) {
        return table(type).values().stream().map(s -> s.object.deepCopy()).toList();
    }

    /**
     * A watch of {@code type} in {@code namespace} (null: every namespace). From resourceVersion {@code from}, the
     * changes after it ({@code 410 Gone} if they are no longer kept); with none (or {@code 0}), an {@code ADDED} event
     * for each object there now, then the changes.
     */
    public Watcher watch(ResourceType type, String namespace, Selector selector, String from) {
        return watch(type, namespace, selector, from, false, false);
    }

    /**
     * @param bookmarks        the client takes {@code BOOKMARK} events ({@code allowWatchBookmarks=true}): one after
     *                         the initial events when {@code initialEvents} asked for them, and one on each
     *                         {@link #bookmark()}
     * @param initialEvents    {@code sendInitialEvents=true}: an {@code ADDED} event for each object there now, then a
     *                         bookmark annotated {@code k8s.io/initial-events-end}, whatever {@code from} says
     */
    synchronized Watcher watch(
            ResourceType type,
            String namespace,
            Selector selector,
            String from,
            boolean bookmarks,
            boolean initialEvents) {
        Watcher w = new Watcher(type, namespace, selector, bookmarks);
        if (initialEvents || from == null || from.isEmpty() || from.equals("0")) {
            for (Stored s : listStored(type, namespace, selector, 0, null).items()) {
                w.offer(new Event("ADDED", type, s, resourceVersion));
            }
            if (initialEvents && bookmarks) {
                w.events.add(bookmarkEvent(type, true));
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

    /** Sends every watch that takes bookmarks a {@code BOOKMARK} with the current resourceVersion. */
    public synchronized void bookmark() {
        for (Watcher w : watchers) {
            if (w.bookmarks) {
                w.events.add(bookmarkEvent(w.type, false));
            }
        }
    }

    private Event bookmarkEvent(ResourceType type, boolean initialEventsEnd) {
        ObjectNode object = JSON.createObjectNode().put("kind", type.kind()).put("apiVersion", type.apiVersion());
        ObjectNode meta = object.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
        if (initialEventsEnd) {
            meta.putObject("annotations").put("k8s.io/initial-events-end", "true");
        }
        return new Event("BOOKMARK", type, new Stored(object), resourceVersion);
    }

    /** Ends every open watch, as an API server does now and then: clients are to resume from their last resourceVersion. */
    public void endWatches() {
        for (Watcher w : watchers) {
            w.end();
        }
    }

    /** An open watch: its events, in order, until it is {@link #end ended}. */
    public final class Watcher {
        private final Event end = new Event("END", null, null, 0);
        private final ResourceType type;
        private final String namespace;
        private final Selector selector;
        private final boolean bookmarks;
        private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private volatile boolean ended;

        private Watcher(ResourceType type, String namespace, Selector selector, boolean bookmarks) {
            this.type = type;
            this.namespace = namespace;
            this.selector = selector;
            this.bookmarks = bookmarks;
        }

        private void offer(Event e) {
            if (e.resource() == type && inNamespace(e.object(), namespace) && selector.test(e.object())) {
                events.add(e);
            }
        }

        /** The next event, null when the watch has ended; waits at most {@code millis} (then also null, not ended). */
        public Event next(long millis) throws InterruptedException {
            Event e = events.poll(millis, TimeUnit.MILLISECONDS);
            if (e == end) {
                events.add(end); // stays ended
                return null;
            }
            return e;
        }

        /** Whether the watch was ended. */
        public boolean ended() {
            return ended;
        }

        /** Ends the watch: its stream closes after the events already queued. */
        public void end() {
            if (!ended) {
                ended = true;
                events.add(end);
            }
            watchers.remove(this);
        }
    }

    // ---- internals ----

    private Stored store(String eventType, ResourceType type, String namespace, String name, ObjectNode object) {
        return store(eventType, type, table(type), key(namespace, name), object);
    }

    private Stored store(
            String eventType, ResourceType type, TreeMap<String, Stored> table, String key, ObjectNode object) {
        child(object, "metadata").put("resourceVersion", Long.toString(++resourceVersion));
        Stored s = new Stored(object);
        table.put(key, s);
        publish(new Event(eventType, type, s, resourceVersion));
        return s;
    }

    /** Removes the object; {@code last} is its final state, which the DELETED event carries. */
    private Stored remove(ResourceType type, String namespace, String name, ObjectNode last) {
        table(type).remove(key(namespace, name));
        child(last, "metadata").put("resourceVersion", Long.toString(++resourceVersion));
        Stored gone = new Stored(last);
        publish(new Event("DELETED", type, gone, resourceVersion));
        return gone;
    }

    /** A deleted namespace takes what is in it, as the namespace controller would. */
    private void deleteContentsOf(String namespace) {
        for (ResourceType t : List.copyOf(tableTypes.values())) {
            if (!t.namespaced()) {
                continue;
            }
            NavigableMap<String, Stored> in = table(t).subMap(namespace + "/", true, namespace + "0", false);
            for (Map.Entry<String, Stored> e : new ArrayList<>(in.entrySet())) {
                remove(t, namespace, e.getKey().substring(namespace.length() + 1), shallowCopy(e.getValue().object));
            }
        }
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

    /** {@code body} as an object of {@code type} (not yet copied): 400 when it is not an object. */
    static ObjectNode objectOf(ResourceType type, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw StatusError.badRequest("the body is not a JSON object");
        }
        return (ObjectNode) body;
    }

    /** Fills in apiVersion and kind; another kind is refused. */
    private static void checkKind(ResourceType type, ObjectNode object) {
        String kind = object.path("kind").asText("");
        if (!kind.isEmpty() && !kind.equals(type.kind())) {
            throw StatusError.badRequest("the kind of the object (" + kind + ") does not match " + type.kind());
        }
        String apiVersion = object.path("apiVersion").asText("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
            throw StatusError.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        object.put("apiVersion", type.apiVersion());
        object.put("kind", type.kind());
        if (!object.path("metadata").isObject()) {
            object.putObject("metadata");
        }
    }

    /** Checks the kind (see {@link #checkKind}) and that a name the object gives is the URL's: its metadata. */
    private static ObjectNode checkKindAndName(ResourceType type, ObjectNode object, String name) {
        checkKind(type, object);
        ObjectNode meta = child(object, "metadata");
        String sentName = meta.path("name").asText("");
        if (!sentName.isEmpty() && !sentName.equals(name)) {
            throw StatusError.badRequest(
                    "the name of the object (" + sentName + ") does not match the name on the URL (" + name + ")");
        }
        return meta;
    }

    private static void placeIn(ResourceType type, String namespace, ObjectNode meta) {
        if (!type.namespaced()) {
            meta.remove("namespace");
            return;
        }
        String sent = meta.path("namespace").asText("");
        if (!sent.isEmpty() && !sent.equals(namespace)) {
            throw StatusError.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request");
        }
        meta.put("namespace", namespace);
    }

    private static boolean hasFinalizers(JsonNode meta) {
        JsonNode f = meta.get("finalizers");
        return f != null && f.isArray() && !f.isEmpty();
    }

    /** While an object is being deleted, its finalizers can only go. */
    private static void checkFinalizers(ResourceType type, String name, ObjectNode currentMeta, ObjectNode meta) {
        if (!currentMeta.has("deletionTimestamp")) {
            return;
        }
        Set<String> before = new LinkedHashSet<>();
        currentMeta.path("finalizers").forEach(f -> before.add(f.asText()));
        List<String> added = new ArrayList<>();
        meta.path("finalizers").forEach(f -> {
            if (!before.contains(f.asText())) {
                added.add("\"" + f.asText() + "\"");
            }
        });
        if (!added.isEmpty()) {
            throw StatusError.invalid(
                    type,
                    name,
                    "metadata.finalizers",
                    "FieldValueForbidden",
                    "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"
                            + String.join(", ", added) + "}");
        }
    }

    private static void setOrRemove(ObjectNode o, String name, JsonNode value) {
        if (value == null) {
            o.remove(name);
        } else {
            o.set(name, value);
        }
    }

    /** The object under {@code name}, made when missing (Jackson's own {@code with} is deprecated, its successor too new). */
    static ObjectNode child(ObjectNode parent, String name) {
        JsonNode child = parent.get(name);
        return child instanceof ObjectNode o ? o : parent.putObject(name);
    }

    /** A copy sharing every member but {@code metadata}, itself copied one level: enough to change metadata fields. */
    static ObjectNode shallowCopy(ObjectNode o) {
        ObjectNode copy = o.objectNode();
        copy.setAll(o);
        JsonNode meta = o.get("metadata");
        if (meta instanceof ObjectNode m) {
            ObjectNode metaCopy = m.objectNode();
            metaCopy.setAll(m);
            copy.set("metadata", metaCopy);
        }
        return copy;
    }

    private static boolean sameExceptMetadataAndStatus(ObjectNode a, ObjectNode b) {
        int counted = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (k.equals("metadata") || k.equals("status")) {
                continue;
            }
            counted++;
            if (!e.getValue().equals(b.get(k))) {
                return false;
            }
        }
        int inB = b.size() - (b.has("metadata") ? 1 : 0) - (b.has("status") ? 1 : 0);
        return counted == inB;
    }

    private static boolean inNamespace(JsonNode object, String namespace) {
        return namespace == null
                || namespace.equals(object.path("metadata").path("namespace").asText(""));
    }

    private TreeMap<String, Stored> table(ResourceType type) {
        String key = type.apiVersion() + "/" + type.plural();
        TreeMap<String, Stored> table = objects.get(key);
        if (table == null) {
            table = new TreeMap<>();
            objects.put(key, table);
            tableTypes.put(key, type);
        }
        return table;
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

    /** A version 4 UUID from a fast generator: a test server's uids need to be unique, not unguessable. */
    private String uid() {
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The clock's time as Kubernetes writes it (whole seconds, UTC), formatted once per second. */
    String now() {
        Instant t = clock.instant();
        long second = t.getEpochSecond();
        if (second != timestampSecond) {
            timestamp = DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
            timestampSecond = second;
        }
        return timestamp;
    }

    private String randomSuffix() {
        StringBuilder b = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            b.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
        }
        return b.toString();
    }

    /** A list's {@code items} as an array node (for code that wants trees rather than bytes). */
    static ArrayNode array(List<Stored> items) {
        ArrayNode a = JSON.createArrayNode();
        items.forEach(s -> a.add(s.object));
        return a;
    }
}
