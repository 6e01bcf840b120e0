package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccigen.runtime.Connector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory API server for tests: the resources of its table with Kubernetes' semantics (see {@link ObjectStore}),
 * the API-groups listings, the OpenAPI document and the version the client was generated from (see
 * {@link ApiDocuments}), IAM's token endpoint and the API gateway's checks (see {@link Gateway}), scripted pods (exec,
 * attach, port-forward, logs: see {@link PodScript}), faults on demand (see {@link Fault}), and a record of requests.
 * It listens on the loopback interface (HTTP/1.1 and WebSocket on the JDK's sockets, see {@link HttpFront}); Jackson
 * is all it needs besides the JDK.
 *
 * <p>Where it differs from a real API server on purpose: no controllers, admission, defaulting or schema validation;
 * field selectors other than {@code metadata.name} and {@code metadata.namespace} are refused (400); a subresource the
 * listings do not grant is a 405 (a real server says 404); ownership of fields ({@code managedFields}) is tracked from
 * an object's first server-side apply on, with lists owned whole; and a {@code continue} token is a position, not a
 * snapshot.
 */
public class ApiTestServer implements AutoCloseable {
    /** IAM's token path. */
    public static final String TOKENS = "/v3/auth/tokens";
    /** The port of a server that opens none: its clients reach it through {@link #connector()}, in process. */
    public static final int IN_PROCESS = -1;
    /** The endpoint of a server in process: a name that resolves nowhere, for clients to send it through the connector. */
    private static final URI IN_PROCESS_URI = URI.create("http://in-process.ccigen-test-server.invalid");

    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)");
    private static final Pattern SEMVER = Pattern.compile("v?\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.+-]*)?");
    private static final String JSON_TYPES = "application/json, application/yaml";
    /** Kubernetes' subresources: one of these the listings do not grant is a 405, any other word a 404. */
    private static final java.util.Set<String> SUBRESOURCES = java.util.Set.of(
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
    private final List<ResourceType> types;
    private final ObjectStore store;
    private final Gateway gateway;
    private final ApiDocuments documents;
    private final Discovery discovery;
    private final PatchSchema patchSchema;
    private final PodStreams pods = new PodStreams();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final RequestLog requests = new RequestLog();
    private final AtomicLong requestIds = new AtomicLong();
    private final HttpFront front;

    /**
     * Starts a server of {@code types} on a free port of the loopback interface, without documents (the listings are
     * made from {@code types}).
     *
     * @param clock the time of timestamps, token expiry and signature dates
     */
    public ApiTestServer(List<ResourceType> types, Clock clock) {
        this(types, clock, ApiDocuments.none(), 0);
    }

    /**
     * Starts a server of {@code types} serving {@code documents}.
     *
     * @param port the loopback port to listen on: 0 for any free one
     * @throws UncheckedIOException when the port cannot be opened
     */
    public ApiTestServer(List<ResourceType> types, Clock clock, ApiDocuments documents, int port) {
        this.types = List.copyOf(types);
        for (ResourceType t : this.types) {
            byPath.put(t.pathPrefix() + "/" + t.plural(), t);
        }
        this.store = new ObjectStore(clock);
        this.gateway = new Gateway(clock);
        this.documents = documents;
        this.discovery = new Discovery(this.types, documents);
        this.patchSchema = new PatchSchema(documents::openApiTree);
        try {
            this.front = port == IN_PROCESS ? null : new HttpFront(port, this::handle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open port " + port + " on the loopback interface", e);
        }
    }

    /**
     * Where the server listens, e.g. {@code http://127.0.0.1:41234}: the endpoint of the API and of IAM. In process,
     * a name that resolves nowhere: a client of it needs {@link #connector()}.
     */
    public URI uri() {
        return front == null ? IN_PROCESS_URI : front.uri();
    }

    /** Whether the server opened no port: {@link #IN_PROCESS}. */
    public boolean isInProcess() {
        return front == null;
    }

    /**
     * A connector for {@code ClientBuilder.connector(...)}: the client then talks to this server in process, with no
     * socket and no thread hand-off (a request is answered on the thread that sends it), whether or not the server
     * also listens on a port.
     */
    public Connector connector() {
        return new InProcessConnector(this);
    }

    /** The resources served, as the listings grant them. */
    public List<ResourceType> resourceTypes() {
        return types;
    }

    /** The resource of {@code apiVersion} and {@code kind}, or null. */
    public ResourceType resourceType(String apiVersion, String kind) {
        for (ResourceType t : types) {
            if (t.apiVersion().equals(apiVersion) && t.kind().equals(kind)) {
                return t;
            }
        }
        return null;
    }

    /** The objects, their resourceVersions and the watches, for direct use by a test. */
    public ObjectStore store() {
        return store;
    }

    /** IAM and the gateway: accept other tokens and AK/SK pairs, expire tokens, turn authentication off. */
    public Gateway gateway() {
        return gateway;
    }

    /** The documents served: the OpenAPI document, the listings, the version. */
    public ApiDocuments documents() {
        return documents;
    }

    /** Accepts requests signed with this AK/SK pair (as an account's access key would be). */
    public ApiTestServer acceptAkSk(String accessKey, String secretKey) {
        gateway.acceptAkSk(accessKey, secretKey);
        return this;
    }

    /** Accepts {@code token} in {@code X-Auth-Token} (or as a bearer token). */
    public ApiTestServer acceptToken(String token) {
        gateway.acceptToken(token);
        return this;
    }

    /** Every token issued so far expires: the next request with one gets the gateway's 401. */
    public void expireTokens() {
        gateway.expireTokens();
    }

    /** Ends every open watch stream: clients are to resume from the last resourceVersion they saw. */
    public void endWatches() {
        store.endWatches();
    }

    /** Sends a {@code BOOKMARK} with the current resourceVersion to every watch that allows them. */
    public void sendBookmarks() {
        store.bookmark();
    }

    /** The next request to {@code resource} (a plural, {@code iam}, or {@code *}) gets {@code status} instead. */
    public Fault failNext(String resource, int status) {
        Fault f = new Fault(resource, status, 1);
        faults.add(f);
        return f;
    }

    /** Every request to {@code resource} (a plural, {@code iam}, or {@code *}) waits {@code delay}, until {@link #clearFaults}. */
    public Fault slowDown(String resource, Duration delay) {
        Fault f = new Fault(resource, 0, -1).delay(delay);
        faults.add(f);
        return f;
    }

    /** Drops every fault not yet used. */
    public void clearFaults() {
        faults.clear();
    }

    /** What the pod {@code namespace/name} does: exec answers, attach, log, ports (see {@link PodScript}). */
    public PodScript pod(String namespace, String name) {
        return pods.script(namespace, name);
    }

    /** What {@code GET .../pods/<name>/log} answers for this pod: {@code pod(namespace, pod).log(text)}. */
    public void podLog(String namespace, String pod, String text) {
        pod(namespace, pod).log(text);
    }

    /**
     * Creates (or, when there, replaces) the objects of a manifest file, or of every {@code .json}, {@code .yaml} and
     * {@code .yml} file of a folder (in name order): JSON, or YAML with any number of documents; a {@code List}'s
     * items one by one. A namespaced object without a namespace goes to {@code default}.
     *
     * @return the objects as stored
     * @throws IllegalArgumentException naming the file, for a document that does not parse or a kind not served
     * @throws UncheckedIOException when a file cannot be read
     */
    public List<ObjectNode> load(Path manifests) {
        return new Manifests(this).load(manifests);
    }

    /**
     * A kubeconfig (YAML) for this server, its one context current: kubectl and other Kubernetes clients reach the
     * server with it, authenticated by a token the server accepts for a day (none when the gateway is off).
     */
    public String kubeconfig() {
        String token = gateway.required() ? gateway.issueFor("kubeconfig") : null;
        return "apiVersion: v1\nkind: Config\nclusters:\n- name: ccigen-test-server\n  cluster:\n    server: " + uri()
                + "\ncontexts:\n- name: ccigen-test-server\n  context:\n    cluster: ccigen-test-server\n"
                + "    user: ccigen-test-server\n    namespace: default\ncurrent-context: ccigen-test-server\n"
                + "users:\n- name: ccigen-test-server\n  user:" + (token == null ? " {}" : "\n    token: " + token)
                + "\n";
    }

    /** The last requests received (up to {@value RequestLog#MAX_REQUESTS}), in order. */
    public List<RecordedRequest> requests() {
        return requests.all();
    }

    /** The requests with this method to this path. */
    public List<RecordedRequest> requests(String method, String path) {
        return requests.matching(method, path);
    }

    /** Forgets the requests received so far. */
    public void clearRequests() {
        requests.clear();
    }

    /** Ends the watches and stops the server. */
    @Override
    public void close() {
        store.endWatches();
        if (front != null) {
            front.close();
        }
    }

    // ---- requests ----

    /** A request's resource part: which type, namespace, name and subresource the path names. */
    private record Target(ResourceType type, String namespace, String name, String subresource) {}

    /** Answers one request, however it arrived. */
    Answer handle(RecordedRequest request) {
        requests.add(request);
        String id = "req-" + requestIds.incrementAndGet();
        Answer answer;
        try {
            answer = route(request, id);
        } catch (StatusError e) {
            answer = status(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = status(new StatusError(503, "ServiceUnavailable", "the test server is stopping", null));
        } catch (RuntimeException e) {
            answer = status(new StatusError(500, "InternalError", "the test server failed: " + e, null));
        }
        return answer.header("X-Request-Id", id);
    }

    private Answer route(RecordedRequest request, String id) throws InterruptedException {
        String method = request.method();
        String path = request.path();
        if (path.equals(TOKENS)) {
            Answer fault = fault("iam", "create", id);
            return fault != null ? fault : issueToken(method, request.bodyBytes());
        }
        Target target = target(path);
        String verb = target == null ? "get" : verb(method, target, request);
        Answer fault = fault(target == null ? "" : target.type().plural(), verb, id);
        if (fault != null) {
            return fault;
        }
        String refusal =
                gateway.refusal(method, request.rawPath(), request.query(), request::header, request.bodyBytes());
        if (refusal != null) {
            return gatewayError(401, "APIGW.0301", refusal, id);
        }
        if (target == null) {
            Answer answer = method.equals("GET") || method.equals("HEAD") ? nonResource(request) : null;
            if (answer == null) {
                throw new StatusError(404, "NotFound", "the server could not find the requested resource", null);
            }
            return answer;
        }
        checkAccept(request);
        return serve(request, target, verb);
    }

    /** {@code /version}, {@code /openapi/v2}, the listings, the health checks; null for another path. */
    private Answer nonResource(RecordedRequest request) {
        String path = request.path();
        switch (path) {
            case "/version", "/version/":
                return Answer.json(200, version());
            case "/openapi/v2":
                if (documents.openApi() == null) {
                    return null;
                }
                String accept = String.valueOf(request.header("Accept"));
                if (accept.contains("protobuf") && !accept.contains("json")) {
                    return Answer.of(
                            200,
                            "application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
                            documents.openApiProtobuf());
                }
                return Answer.json(200, documents.openApi());
            case "/healthz", "/livez", "/readyz":
                return Answer.text(200, "text/plain", "ok");
            default:
                byte[] listing = discovery.listing(path);
                return listing == null ? null : Answer.json(200, listing);
        }
    }

    /**
     * {@code version.Info}: {@code gitVersion} is the document's {@code info.version} when it is a version clients
     * parse ({@code v1.28.3}), else made of its first {@code X.Y} ({@code v1 (Kubernetes 1.20 based)}: {@code v1.20.0});
     * major and minor from it.
     */
    private byte[] version() {
        String declared =
                documents.gitVersion() == null ? "" : documents.gitVersion().trim();
        Matcher m = MAJOR_MINOR.matcher(declared);
        boolean found = m.find();
        String git = SEMVER.matcher(declared).matches()
                ? (declared.startsWith("v") ? declared : "v" + declared)
                : found ? "v" + m.group(1) + "." + m.group(2) + ".0" : "v0.0.0";
        ObjectNode info = ObjectStore.JSON
                .createObjectNode()
                .put("major", found ? m.group(1) : "0")
                .put("minor", found ? m.group(2) : "0")
                .put("gitVersion", git)
                .put("gitCommit", "")
                .put("gitTreeState", "")
                .put("buildDate", "1970-01-01T00:00:00Z")
                .put("goVersion", "")
                .put("compiler", "ccigen-test-server")
                .put("platform", "linux/amd64");
        return ObjectStore.encode(info);
    }

    /** A client that accepts only protobuf (or CBOR) is answered 406, as the server speaks JSON. */
    private static void checkAccept(RecordedRequest request) {
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

    private Answer serve(RecordedRequest request, Target t, String verb) throws InterruptedException {
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
            case "scale PUT", "scale PATCH": {
                ObjectNode current = store.get(type, t.namespace(), t.name());
                JsonNode scale = method.equals("PUT")
                        ? body(request, type)
                        : applyPatch(request, Scales.of(current), body(request, type), type);
                ObjectNode next = Scales.apply(current, scale);
                return Answer.json(
                        200,
                        ObjectStore.encode(
                                Scales.of(store.replace(type, t.namespace(), t.name(), next, false, write).object)));
            }
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
    private Target target(String path) {
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

    private static String verb(String method, Target t, RecordedRequest request) {
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

    // ---- IAM ----

    private Answer issueToken(String method, byte[] body) {
        if (!method.equals("POST")) {
            return iamError(405, "Method Not Allowed", "use POST");
        }
        JsonNode identity;
        try {
            identity = ObjectStore.JSON.readTree(body).path("auth").path("identity");
        } catch (IOException e) {
            return iamError(400, "Bad Request", "The request body is not JSON.");
        }
        JsonNode user = identity.path("password").path("user");
        String token = gateway.issue(
                user.path("name").asText(null), user.path("password").asText(null));
        if (token == null) {
            return iamError(401, "Unauthorized", "The username or password is wrong.");
        }
        ObjectNode answer = ObjectStore.JSON.createObjectNode();
        ObjectNode t = answer.putObject("token");
        t.put("expires_at", gateway.expiryOfNewTokens().toString());
        t.put("issued_at", gateway.now().toString());
        t.putArray("methods").add("password");
        return Answer.json(201, ObjectStore.encode(answer)).header("X-Subject-Token", token);
    }

    private static Answer iamError(int code, String title, String message) {
        ObjectNode answer = ObjectStore.JSON.createObjectNode();
        answer.putObject("error").put("code", code).put("title", title).put("message", message);
        return Answer.json(code, ObjectStore.encode(answer));
    }

    // ---- answers ----

    /** A fault's answer when one hits this request; a delay alone is waited out and the request goes on (null). */
    private Answer fault(String resource, String verb, String id) throws InterruptedException {
        for (Fault f : faults) {
            if (!f.takes(resource, verb)) {
                continue;
            }
            if (f.used()) {
                faults.remove(f);
            }
            Thread.sleep(f.delay().toMillis());
            if (f.status() == 0) {
                continue;
            }
            String message = f.message() != null ? f.message() : defaultMessage(f.status());
            Answer answer = switch (f.shape()) {
                case GATEWAY ->
                    gatewayError(
                            f.status(),
                            f.errorCode() != null ? f.errorCode() : f.status() == 429 ? "APIGW.0308" : "APIGW.0301",
                            message,
                            id);
                case HTML ->
                    Answer.text(
                            f.status(),
                            "text/html",
                            "<html><head><title>" + f.status() + " " + message + "</title></head><body><center><h1>"
                                    + f.status() + " " + message + "</h1></center></body></html>");
                default -> status(new StatusError(f.status(), reason(f.status()), message, null), f.errorCode());
            };
            if (f.retryAfterSeconds() != null) {
                answer.header("Retry-After", Integer.toString(f.retryAfterSeconds()));
            }
            return answer;
        }
        return null;
    }

    private static String defaultMessage(int status) {
        return switch (status) {
            case 401 -> "Incorrect IAM authentication information: the token is invalid or has expired";
            case 429 -> "The throttling threshold has been reached.";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            case 504 -> "Gateway Time-out";
            default -> "injected fault: " + reason(status);
        };
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 409 -> "Conflict";
            case 410 -> "Expired";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalError";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> "Unknown";
        };
    }

    /**
     * The API's documented error code for a refusal, carried as the {@code Status}'s {@code errorCode}; null (none)
     * here, the generated server looks it up in the API's error-code table.
     */
    protected String errorCode(StatusError e) {
        return null;
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

    private Answer status(StatusError e) {
        return status(e, errorCode(e));
    }

    /** A {@code Status} as apimachinery writes it ({@code details} with name, group and kind when known). */
    private static Answer status(StatusError e, String errorCode) {
        ObjectNode status =
                ObjectStore.JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", e.getMessage()).put("reason", e.reason());
        if (e.type() != null || e.name() != null || !e.causes().isEmpty()) {
            ObjectNode details = status.putObject("details");
            if (e.name() != null && !e.name().isEmpty()) {
                details.put("name", e.name());
            }
            if (e.type() != null && !e.type().group().isEmpty()) {
                details.put("group", e.type().group());
            }
            if (e.detailsKind() != null) {
                details.put("kind", e.detailsKind());
            }
            if (!e.causes().isEmpty()) {
                var causes = details.putArray("causes");
                for (StatusError.Cause c : e.causes()) {
                    ObjectNode cause =
                            causes.addObject().put("reason", c.reason()).put("message", c.message());
                    if (c.field() != null) {
                        cause.put("field", c.field());
                    }
                }
            }
        }
        status.put("code", e.code());
        if (errorCode != null) {
            status.put("errorCode", errorCode);
        }
        return Answer.json(e.code(), ObjectStore.encode(status));
    }

    private static Answer gatewayError(int code, String errorCode, String message, String requestId) {
        ObjectNode body = ObjectStore.JSON
                .createObjectNode()
                .put("error_code", errorCode)
                .put("error_msg", message)
                .put("request_id", requestId);
        return Answer.json(code, ObjectStore.encode(body));
    }
}
