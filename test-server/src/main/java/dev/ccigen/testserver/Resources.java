package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The API's resources, as the API server serves them: which resource, namespace, name and subresource a path names;
 * each verb (get, list, watch, create, update, patch with its four types, delete, deletecollection) on the
 * {@link ObjectStore}; the subresources ({@code status}, {@code scale}, {@code log}, {@code exec}, {@code attach},
 * {@code portforward}, {@code eviction}); the query parameters that change a write ({@code dryRun},
 * {@code fieldManager}, {@code force}, {@code gracePeriodSeconds}) and the bodies it reads (JSON, YAML; protobuf is
 * refused).
 */
final class Resources {
    static final String JSON_TYPES = "application/json, application/yaml";
    /** Kubernetes' subresources: one of these the listings do not grant is a 405, any other word a 404. */
    private static final Set<String> SUBRESOURCES = Set.of(
            "status",
            "scale",
            "log",
            "exec",
            "attach",
            "portforward",
            "proxy",
            "eviction",
            "binding",
            "ephemeralcontainers",
            "resize",
            "finalize",
            "token",
            "approval");

    private final Map<String, ResourceType> byPath = new LinkedHashMap<>();
    private final ObjectStore store;
    private final PodStreams pods;
    private final PatchSchema patchSchema;

    Resources(List<ResourceType> types, ObjectStore store, PodStreams pods, PatchSchema patchSchema) {
        for (ResourceType t : types) {
            byPath.put(t.pathPrefix() + "/" + t.plural(), t);
        }
        this.store = store;
        this.pods = pods;
        this.patchSchema = patchSchema;
    }

    /** A request's resource part: which type, namespace, name and subresource the path names. */
    record Target(ResourceType type, String namespace, String name, String subresource) {}

    /** A client that accepts only protobuf (or CBOR) is answered 406, as the server speaks JSON. */
    static void checkAccept(RecordedRequest request) {
        String accept = request.header("Accept");
        if (accept == null || accept.isBlank()) {
            return;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        if (a.contains("json") || a.contains("*/*") || a.contains("yaml") || a.contains("text/")) {
            return;
        }
        throw new StatusError(
                406,
                "NotAcceptable",
                "only the following media types are accepted: " + JSON_TYPES
                        + " (this test server speaks JSON, not protobuf)",
                null);
    }

    Answer serve(RecordedRequest request, Target t, String verb) throws InterruptedException {
        ResourceType type = t.type();
        if (t.subresource() != null) {
            return subresource(request, t);
        }
        if (type.namespaced() && t.namespace() == null && verb.equals("create")) {
            throw StatusError.badRequest(
                    type.qualifiedName() + " is namespaced: create it under /namespaces/<namespace>");
        }
        if (!type.allows(verb)) {
            throw StatusError.methodNotAllowed(type, verb, "the listings grant " + granted(type));
        }
        ObjectStore.Write write = write(request);
        switch (verb) {
            case "get":
                return Answer.json(
                        200, store.stored(type, t.namespace(), t.name()).json());
            case "list":
                return list(request, t);
            case "watch":
                return watch(request, t);
            case "create":
                return Answer.json(
                        201,
                        store.create(type, t.namespace(), object(request, type), write)
                                .json());
            case "update":
                return Answer.json(
                        200,
                        store.replace(type, t.namespace(), t.name(), object(request, type), false, write)
                                .json());
            case "patch":
                return patch(request, t, write, false);
            case "delete":
                return delete(request, t, write);
            case "deletecollection":
                List<ObjectStore.Stored> gone =
                        store.deleteCollection(type, t.namespace(), selector(request), deleteOptions(request), write);
                return Answer.json(
                        200,
                        type.deleteCollectionAnswersStatus()
                                ? success(type, null)
                                : list(type, gone, store.resourceVersion(), null, 0));
            default:
                throw StatusError.methodNotAllowed(type, verb, "not a verb of this server");
        }
    }

    private Answer patch(RecordedRequest request, Target t, ObjectStore.Write write, boolean statusOnly) {
        ResourceType type = t.type();
        String mediaType = Patches.mediaType(request.header("Content-Type"));
        if (mediaType.equals(Patches.APPLY_PATCH) && !statusOnly) {
            String manager = request.queryParameter("fieldManager");
            if (manager == null || manager.isEmpty()) {
                throw new StatusError(
                        422,
                        "Invalid",
                        "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply"
                                + " patch",
                        type,
                        "",
                        "PatchOptions",
                        List.of(new StatusError.Cause(
                                "FieldValueRequired", "Required value: is required for apply patch", "fieldManager")));
            }
            ObjectStore.Applied applied = store.apply(
                    type,
                    t.namespace(),
                    t.name(),
                    ObjectStore.objectOf(type, body(request, type)),
                    manager,
                    "true".equals(request.queryParameter("force")),
                    write.dryRun());
            return Answer.json(applied.created() ? 201 : 200, applied.stored().json());
        }
        unsupportedBody(request, type);
        return Answer.json(
                200,
                store.patch(
                                type,
                                t.namespace(),
                                t.name(),
                                request.header("Content-Type"),
                                body(request, type),
                                statusOnly,
                                write,
                                patchSchema)
                        .json());
    }

    private Answer delete(RecordedRequest request, Target t, ObjectStore.Write write) {
        ResourceType type = t.type();
        ObjectStore.Deleted deleted = store.delete(type, t.namespace(), t.name(), deleteOptions(request), write);
        int code = deleted.gone() ? 200 : 202;
        return Answer.json(
                code,
                type.deleteAnswersStatus()
                        ? success(type, deleted.stored().object)
                        : deleted.stored().json());
    }

    private Answer list(RecordedRequest request, Target t) {
        ObjectStore.StoredPage page = store.listStored(
                t.type(),
                t.namespace(),
                selector(request, t),
                number(request, "limit", 0),
                request.queryParameter("continue"));
        return Answer.json(
                200, list(t.type(), page.items(), page.resourceVersion(), page.continueToken(), page.remaining()));
    }

    private Answer watch(RecordedRequest request, Target t) {
        ObjectStore.Watcher watcher = store.watch(
                t.type(),
                t.namespace(),
                selector(request, t),
                request.queryParameter("resourceVersion"),
                "true".equals(request.queryParameter("allowWatchBookmarks")),
                "true".equals(request.queryParameter("sendInitialEvents")));
        long timeout = number(request, "timeoutSeconds", 0);
        long deadline = System.nanoTime() + timeout * 1_000_000_000L;
        Answer.Chunks events = new Answer.Chunks() {
            @Override
            public byte[] next(long waitMillis) throws InterruptedException {
                long left = timeout <= 0 ? waitMillis : (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return null;
                }
                ObjectStore.Event e = watcher.next(Math.min(waitMillis, left));
                if (e == null) {
                    return watcher.ended() ? null : new byte[0];
                }
                return e.line();
            }

            @Override
            public void close() {
                watcher.end();
            }
        };
        String upgrade = request.header("Upgrade");
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket")
                ? WatchOverWebSocket.answer(events)
                : Answer.stream("application/json", events);
    }

    private Answer subresource(RecordedRequest request, Target t) {
        ResourceType type = t.type();
        String sub = t.subresource();
        String method = request.method();
        if (!type.subresources().contains(sub) && !SUBRESOURCES.contains(sub)) {
            throw new StatusError(404, "NotFound", "the server could not find the requested resource", null);
        }
        if (!type.subresources().contains(sub)) {
            throw StatusError.methodNotAllowed(
                    type,
                    sub,
                    "the listings grant no " + type.plural() + "/" + sub
                            + (type.subresources().isEmpty()
                                    ? ""
                                    : "; they grant " + type.plural() + "/"
                                            + String.join(
                                                    ", " + type.plural() + "/", new TreeSet<>(type.subresources()))));
        }
        ObjectStore.Write write = write(request);
        switch (sub + " " + method) {
            case "status GET":
                return Answer.json(
                        200, store.stored(type, t.namespace(), t.name()).json());
            case "status PUT":
                return Answer.json(
                        200,
                        store.replace(type, t.namespace(), t.name(), object(request, type), true, write)
                                .json());
            case "status PATCH":
                return patch(request, t, write, true);
            case "scale GET":
                return Answer.json(200, ObjectStore.encode(Scales.of(store.get(type, t.namespace(), t.name()))));
            case "scale PUT", "scale PATCH":
                return scale(request, t, write);
            case "log GET":
                return pods.log(
                        request,
                        t.namespace(),
                        store.get(type, t.namespace(), t.name()),
                        () -> store.find(type, t.namespace(), t.name()) != null);
            case "exec GET", "exec POST", "attach GET", "attach POST":
                return pods.exec(
                        request, t.namespace(), store.get(type, t.namespace(), t.name()), sub.equals("attach"));
            case "portforward GET", "portforward POST":
                return pods.portForward(request, t.namespace(), store.get(type, t.namespace(), t.name()));
            case "eviction POST": {
                ObjectStore.Deleted d = store.delete(type, t.namespace(), t.name(), null, write);
                return Answer.json(201, success(type, d.stored().object));
            }
            default:
                throw StatusError.methodNotAllowed(
                        type,
                        method + " " + sub,
                        "this test server serves status, scale, log, exec, attach," + " portforward and eviction");
        }
    }

    /** A write of the {@code scale} subresource: {@code spec.replicas} of the object, answered as a Scale. */
    private Answer scale(RecordedRequest request, Target t, ObjectStore.Write write) {
        ResourceType type = t.type();
        ObjectNode current = store.get(type, t.namespace(), t.name());
        JsonNode scale = request.method().equals("PUT")
                ? body(request, type)
                : applyPatch(request, Scales.of(current), body(request, type), type);
        ObjectNode next = Scales.apply(current, scale);
        return Answer.json(
                200,
                ObjectStore.encode(Scales.of(store.replace(type, t.namespace(), t.name(), next, false, write).object)));
    }

    private static JsonNode applyPatch(RecordedRequest request, JsonNode target, JsonNode patch, ResourceType type) {
        try {
            return Patches.apply(request.header("Content-Type"), target, patch);
        } catch (IllegalArgumentException e) {
            throw new StatusError(
                    e.getMessage().startsWith("unsupported patch type") ? 415 : 422,
                    e.getMessage().startsWith("unsupported patch type") ? "UnsupportedMediaType" : "Invalid",
                    e.getMessage(),
                    type);
        }
    }

    /** Parses the path: {@code <prefix>[/namespaces/<ns>]/<plural>[/<name>[/<subresource>]]}; null if no resource. */
    Target target(String path) {
        String[] parts = path.split("/", -1); // "", "api", "v1", ...
        int prefixLength = parts.length < 2 ? -1 : parts[1].equals("api") ? 3 : parts[1].equals("apis") ? 4 : -1;
        if (prefixLength < 0 || parts.length <= prefixLength) {
            return null;
        }
        String prefix = String.join("/", Arrays.copyOfRange(parts, 0, prefixLength));
        String[] rest = Arrays.copyOfRange(parts, prefixLength, parts.length);
        if (rest.length >= 3 && rest[0].equals("namespaces")) {
            ResourceType inNamespace = byPath.get(prefix + "/" + rest[2]);
            if (inNamespace != null && inNamespace.namespaced()) {
                return target(inNamespace, rest[1], rest, 2);
            }
        }
        ResourceType type = byPath.get(prefix + "/" + rest[0]);
        return type == null ? null : target(type, null, rest, 0);
    }

    private static Target target(ResourceType type, String namespace, String[] rest, int at) {
        int left = rest.length - at;
        if (left > 3) {
            return null;
        }
        String name = left >= 2 && !rest[at + 1].isEmpty() ? rest[at + 1] : null;
        String sub = left == 3 ? rest[at + 2] : null;
        if (sub != null && name == null) {
            return null;
        }
        if (type.namespaced() && name != null && namespace == null) {
            throw StatusError.badRequest(
                    type.qualifiedName() + " is namespaced: the path needs /namespaces/<namespace>");
        }
        return new Target(type, namespace, name, sub);
    }

    static String verb(String method, Target t, RecordedRequest request) {
        boolean named = t.name() != null;
        String watch = request.queryParameter("watch");
        boolean watching = "true".equals(watch) || "1".equals(watch);
        return switch (method) {
            case "GET", "HEAD" -> watching ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(Locale.ROOT);
        };
    }

    private static String granted(ResourceType type) {
        return String.join(", ", new TreeSet<>(type.verbs()));
    }

    /** {@code dryRun} (only {@code All}, as Kubernetes takes it) and the field manager of a write. */
    private static ObjectStore.Write write(RecordedRequest request) {
        String dryRun = request.queryParameter("dryRun");
        if (dryRun != null && !dryRun.isEmpty() && !dryRun.equals("All")) {
            throw StatusError.badRequest("dryRun: Unsupported value: \"" + dryRun + "\": supported values: \"All\"");
        }
        String manager = request.queryParameter("fieldManager");
        if (manager == null || manager.isEmpty()) {
            String agent = request.header("User-Agent");
            manager = agent == null || agent.isBlank() ? null : product(agent);
        }
        return new ObjectStore.Write(dryRun != null && !dryRun.isEmpty(), manager, false);
    }

    /** {@code kubectl} of {@code kubectl/v1.32.4 (linux/amd64)}: the name the API server gives a write's manager. */
    private static String product(String agent) {
        int end = 0;
        while (end < agent.length() && agent.charAt(end) != '/' && agent.charAt(end) != ' ') {
            end++;
        }
        return agent.substring(0, end);
    }

    /** The request's {@code DeleteOptions}: its body, with {@code gracePeriodSeconds} from the query when there. */
    private static JsonNode deleteOptions(RecordedRequest request) {
        JsonNode options = null;
        if (request.bodyBytes().length > 0) {
            options = readJson(request.bodyBytes());
        }
        String grace = request.queryParameter("gracePeriodSeconds");
        if (grace != null && !grace.isEmpty()) {
            ObjectNode o = options instanceof ObjectNode on ? on : ObjectStore.JSON.createObjectNode();
            o.put("gracePeriodSeconds", number(request, "gracePeriodSeconds", 0));
            options = o;
        }
        return options;
    }

    /** A whole-number query parameter, {@code otherwise} when absent; 400 when it is not a number. */
    private static long number(RecordedRequest request, String name, long otherwise) {
        String text = request.queryParameter(name);
        if (text == null || text.isEmpty()) {
            return otherwise;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw StatusError.badRequest(name + ": Invalid value: \"" + text + "\": must be a number");
        }
    }

    private static Selector selector(RecordedRequest request) {
        try {
            return Selector.parse(request.queryParameter("labelSelector"), request.queryParameter("fieldSelector"));
        } catch (IllegalArgumentException e) {
            throw StatusError.badRequest(e.getMessage());
        }
    }

    /** The request's selector; a watch of one named object ({@code .../pods/web?watch=true}) selects it by name. */
    private static Selector selector(RecordedRequest request, Target t) {
        if (t.name() == null) {
            return selector(request);
        }
        String fields = request.queryParameter("fieldSelector");
        String byName = "metadata.name=" + t.name();
        try {
            return Selector.parse(
                    request.queryParameter("labelSelector"),
                    fields == null || fields.isEmpty() ? byName : fields + "," + byName);
        } catch (IllegalArgumentException e) {
            throw StatusError.badRequest(e.getMessage());
        }
    }

    /** The body as an object of {@code type} (JSON, or YAML for a YAML media type); the server owns it. */
    private static ObjectNode object(RecordedRequest request, ResourceType type) {
        unsupportedBody(request, type);
        return ObjectStore.objectOf(type, body(request, type));
    }

    /** A body in a form this server does not read (protobuf, CBOR) is a 415 saying what it reads. */
    private static void unsupportedBody(RecordedRequest request, ResourceType type) {
        String mediaType = Patches.mediaType(request.header("Content-Type"));
        if (mediaType.contains("protobuf") || mediaType.contains("cbor")) {
            throw new StatusError(
                    415,
                    "UnsupportedMediaType",
                    "the body of the request was in an unknown format - accepted media types include: " + JSON_TYPES
                            + " (this test server speaks JSON and YAML, not " + mediaType + "; kubectl's create"
                            + " configmap, secret and namespace send protobuf: create from a manifest instead)",
                    type);
        }
    }

    private static JsonNode body(RecordedRequest request, ResourceType type) {
        byte[] body = request.bodyBytes();
        if (body.length == 0) {
            throw StatusError.badRequest("the request has no body: a " + type.kind() + " was expected");
        }
        String mediaType = Patches.mediaType(request.header("Content-Type"));
        if (mediaType.contains("yaml") && !looksLikeJson(body)) {
            try {
                List<JsonNode> documents = Yaml.read(new String(body, StandardCharsets.UTF_8));
                if (documents.size() != 1) {
                    throw StatusError.badRequest("the body holds " + documents.size() + " YAML documents, not one");
                }
                return documents.get(0);
            } catch (IllegalArgumentException e) {
                throw StatusError.badRequest("the body is not YAML: " + e.getMessage());
            }
        }
        return readJson(body);
    }

    private static boolean looksLikeJson(byte[] body) {
        for (byte b : body) {
            if (b == '{' || b == '[') {
                return true;
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return false;
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return ObjectStore.JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw StatusError.badRequest("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A list of {@code type}: the stored objects' encodings joined, nothing encoded again. */
    private static byte[] list(
            ResourceType type, List<ObjectStore.Stored> items, long resourceVersion, String next, long remaining) {
        StringBuilder head = new StringBuilder(160)
                .append("{\"apiVersion\":\"")
                .append(type.apiVersion())
                .append("\",\"kind\":\"")
                .append(type.kind())
                .append("List\",\"metadata\":{\"resourceVersion\":\"")
                .append(resourceVersion)
                .append('"');
        if (next != null) {
            head.append(",\"continue\":\"")
                    .append(next)
                    .append("\",\"remainingItemCount\":")
                    .append(remaining);
        }
        head.append("},\"items\":[");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        int size = start.length + 2 + Math.max(0, items.size() - 1);
        for (ObjectStore.Stored s : items) {
            size += s.json().length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(start);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(items.get(i).json());
        }
        out.write(']');
        out.write('}');
        return out.toByteArray();
    }

    private static byte[] success(ResourceType type, ObjectNode gone) {
        ObjectNode status =
                ObjectStore.JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        ObjectNode details = status.putObject("details");
        if (gone != null) {
            details.put("name", gone.path("metadata").path("name").asText());
        }
        if (!type.group().isEmpty()) {
            details.put("group", type.group());
        }
        details.put("kind", type.plural());
        if (gone != null) {
            details.put("uid", gone.path("metadata").path("uid").asText());
        }
        return ObjectStore.encode(status);
    }
}
