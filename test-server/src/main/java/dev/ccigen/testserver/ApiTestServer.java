package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ccigen.runtime.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory API server for tests, on the loopback interface: the resources of its table with Kubernetes' semantics
 * (see {@link ObjectStore}), the API-groups listings of that table, IAM's token endpoint and the API gateway's checks
 * (see {@link Gateway}), faults on demand (see {@link Fault}), and a record of every request. The JDK's
 * {@code HttpServer} and Jackson are all it needs.
 *
 * <p>Not served: operations that are not resource verbs, subresources other than {@code status}, {@code scale},
 * {@code log} and {@code eviction} (405), field selectors other than {@code metadata.name} and
 * {@code metadata.namespace} (400), and strategic merge patch's list merging (applied as a merge patch).
 */
public class ApiTestServer implements AutoCloseable {
    /** IAM's token path. */
    public static final String TOKENS = "/v3/auth/tokens";

    static {
        // The JDK's HttpServer writes a response's headers and body in two packets; with Nagle's algorithm on, the
        // body waits for the client's delayed ACK of the headers: 40 ms per request, 20 requests a second. The JDK
        // reads this property once, when the first HttpServer of the JVM starts (set it in the test JVM's system
        // properties when another HttpServer may start first).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final ObjectMapper JSON = Json.mapper();

    private final Map<String, ResourceType> byPath = new LinkedHashMap<>();
    private final List<ResourceType> types;
    private final ObjectStore store;
    private final Gateway gateway;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> logs = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * Starts a server of {@code types} on a free port of the loopback interface.
     *
     * @param clock the time of timestamps, token expiry and signature dates
     */
    public ApiTestServer(List<ResourceType> types, Clock clock) {
        this.types = List.copyOf(types);
        for (ResourceType t : this.types) {
            byPath.put(t.pathPrefix() + "/" + t.plural(), t);
        }
        this.store = new ObjectStore(clock);
        this.gateway = new Gateway(clock);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "api-test-server");
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a port on the loopback interface", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:41234}: the endpoint of the API and of IAM. */
    public URI uri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    /** The resources served, as the listings grant them. */
    public List<ResourceType> resourceTypes() {
        return types;
    }

    /** The objects, their resourceVersions and the watches, for direct use by a test. */
    public ObjectStore store() {
        return store;
    }

    /** IAM and the gateway: accept other tokens and AK/SK pairs, expire tokens, turn authentication off. */
    public Gateway gateway() {
        return gateway;
    }

    /** Accepts requests signed with this AK/SK pair (as an account's access key would be). */
    public ApiTestServer acceptAkSk(String accessKey, String secretKey) {
        gateway.acceptAkSk(accessKey, secretKey);
        return this;
    }

    /** Accepts {@code token} in {@code X-Auth-Token}. */
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

    /** What {@code GET .../pods/<name>/log} answers for this pod (else nothing). */
    public void podLog(String namespace, String pod, String text) {
        logs.put(namespace + "/" + pod, text);
    }

    /** Every request received so far, in order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests with this method to this path. */
    public List<RecordedRequest> requests(String method, String path) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .toList();
    }

    /** Forgets the requests received so far. */
    public void clearRequests() {
        requests.clear();
    }

    /** Ends the watches and stops the server. */
    @Override
    public void close() {
        store.endWatches();
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- requests ----

    /** A request's resource part: which type, namespace, name and subresource the path names. */
    private record Target(ResourceType type, String namespace, String name, String subresource) {}

    private void handle(HttpExchange exchange) {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            String path = uri.getPath();
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            RecordedRequest request = new RecordedRequest(
                    method, path, uri.getRawQuery(), headers, new String(body, StandardCharsets.UTF_8));
            requests.add(request);
            exchange.getResponseHeaders().set("X-Request-Id", "req-" + requestIds.incrementAndGet());
            try {
                route(exchange, request, uri, body);
            } catch (StatusError e) {
                status(exchange, e.code(), e.reason(), e.getMessage(), errorCode(e), e.type());
            } catch (RuntimeException e) {
                status(exchange, 500, "InternalError", "the test server failed: " + e, null, null);
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void route(HttpExchange exchange, RecordedRequest request, URI uri, byte[] body)
            throws IOException, InterruptedException {
        String method = request.method();
        String path = request.path();
        if (path.equals(TOKENS)) {
            if (!fault(exchange, "iam", "create")) {
                issueToken(exchange, method, body);
            }
            return;
        }
        Target target = target(path);
        String verb = target == null ? "get" : verb(method, target, request);
        if (fault(exchange, target == null ? "" : target.type().plural(), verb)) {
            return;
        }
        String refusal = gateway.refusal(method, uri.getRawPath(), uri.getRawQuery(), request::header, body);
        if (refusal != null) {
            gatewayError(exchange, 401, "APIGW.0301", refusal);
            return;
        }
        if (target == null) {
            JsonNode listing = method.equals("GET") ? discovery(path) : null;
            if (listing == null) {
                status(exchange, 404, "NotFound", "the server could not find the requested resource", null, null);
            } else {
                json(exchange, 200, listing);
            }
            return;
        }
        serve(exchange, request, target, verb, body);
    }

    private void serve(HttpExchange exchange, RecordedRequest request, Target t, String verb, byte[] body)
            throws IOException, InterruptedException {
        ResourceType type = t.type();
        String sub = t.subresource();
        if (sub != null) {
            subresource(exchange, request, t, body);
            return;
        }
        if (type.namespaced() && t.namespace() == null && verb.equals("create")) {
            throw StatusError.badRequest(
                    type.qualifiedName() + " is namespaced: create it under /namespaces/<namespace>");
        }
        if (!type.allows(verb)) {
            throw new StatusError(
                    405,
                    "MethodNotAllowed",
                    verb + " is not allowed on " + type.qualifiedName() + " (the listings grant "
                            + String.join(", ", new java.util.TreeSet<>(type.verbs())) + ")",
                    type);
        }
        switch (verb) {
            case "get" -> json(exchange, 200, store.get(type, t.namespace(), t.name()));
            case "list" -> list(exchange, request, t);
            case "watch" -> watch(exchange, request, t);
            case "create" -> json(exchange, 201, store.create(type, t.namespace(), read(body)));
            case "update" -> json(exchange, 200, store.replace(type, t.namespace(), t.name(), read(body), false));
            case "patch" ->
                json(
                        exchange,
                        200,
                        store.patch(type, t.namespace(), t.name(), request.header("Content-Type"), read(body), false));
            case "delete" -> {
                ObjectNode gone = store.delete(type, t.namespace(), t.name());
                json(exchange, 200, type.deleteAnswersStatus() ? success(type, gone) : gone);
            }
            case "deletecollection" -> {
                List<ObjectNode> gone = store.deleteCollection(type, t.namespace(), selector(request));
                json(
                        exchange,
                        200,
                        type.deleteCollectionAnswersStatus()
                                ? success(type, null)
                                : list(type, gone, store.resourceVersion(), null, 0));
            }
            default -> throw new StatusError(405, "MethodNotAllowed", verb + " is not served", type);
        }
    }

    private void list(HttpExchange exchange, RecordedRequest request, Target t) throws IOException {
        ObjectStore.Page page = store.list(
                t.type(),
                t.namespace(),
                selector(request),
                number(request, "limit", 0),
                request.queryParameter("continue"));
        json(
                exchange,
                200,
                list(t.type(), page.items(), page.resourceVersion(), page.continueToken(), page.remaining()));
    }

    private void watch(HttpExchange exchange, RecordedRequest request, Target t)
            throws IOException, InterruptedException {
        ObjectStore.Watcher watcher =
                store.watch(t.type(), t.namespace(), selector(request), request.queryParameter("resourceVersion"));
        long timeout = number(request, "timeoutSeconds", 0);
        long deadline = timeout <= 0 ? Long.MAX_VALUE : System.nanoTime() + timeout * 1_000_000_000L;
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0); // chunked, one event a line
        try (OutputStream out = exchange.getResponseBody()) {
            while (System.nanoTime() < deadline) {
                ObjectStore.Event e = watcher.next(100);
                if (e == null) {
                    if (watcher.ended()) {
                        break;
                    }
                    continue;
                }
                ObjectNode line = JSON.createObjectNode().put("type", e.type());
                line.set("object", e.object());
                out.write(JSON.writeValueAsBytes(line));
                out.write('\n');
                out.flush();
            }
        } finally {
            watcher.end();
        }
    }

    private void subresource(HttpExchange exchange, RecordedRequest request, Target t, byte[] body) throws IOException {
        ResourceType type = t.type();
        String sub = t.subresource();
        String method = request.method();
        if (!type.subresources().contains(sub)) {
            throw new StatusError(
                    404,
                    "NotFound",
                    "the server could not find the requested resource (" + type.qualifiedName() + "/" + sub + ")",
                    type);
        }
        switch (sub + " " + method) {
            case "status GET" -> json(exchange, 200, store.get(type, t.namespace(), t.name()));
            case "status PUT" -> json(exchange, 200, store.replace(type, t.namespace(), t.name(), read(body), true));
            case "status PATCH" ->
                json(
                        exchange,
                        200,
                        store.patch(type, t.namespace(), t.name(), request.header("Content-Type"), read(body), true));
            case "scale GET" -> json(exchange, 200, Scales.of(store.get(type, t.namespace(), t.name())));
            case "scale PUT", "scale PATCH" -> {
                ObjectNode current = store.get(type, t.namespace(), t.name());
                JsonNode scale = method.equals("PUT")
                        ? read(body)
                        : Patches.apply(request.header("Content-Type"), Scales.of(current), read(body));
                json(
                        exchange,
                        200,
                        Scales.of(store.replace(type, t.namespace(), t.name(), Scales.apply(current, scale), false)));
            }
            case "log GET" -> {
                store.get(type, t.namespace(), t.name());
                respond(exchange, 200, "text/plain", logs.getOrDefault(t.namespace() + "/" + t.name(), ""), null);
            }
            case "eviction POST" -> {
                store.delete(type, t.namespace(), t.name());
                json(exchange, 201, success(type, null));
            }
            default ->
                throw new StatusError(
                        405,
                        "MethodNotAllowed",
                        method + " " + type.qualifiedName() + "/" + sub + " is not served by this test server",
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
        return switch (method) {
            case "GET" -> named ? "get" : "true".equals(watch) || "1".equals(watch) ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(Locale.ROOT);
        };
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

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw StatusError.badRequest("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- IAM ----

    private void issueToken(HttpExchange exchange, String method, byte[] body) throws IOException {
        if (!method.equals("POST")) {
            iamError(exchange, 405, "Method Not Allowed", "use POST");
            return;
        }
        JsonNode identity;
        try {
            identity = JSON.readTree(body).path("auth").path("identity");
        } catch (IOException e) {
            iamError(exchange, 400, "Bad Request", "The request body is not JSON.");
            return;
        }
        JsonNode user = identity.path("password").path("user");
        String token = gateway.issue(
                user.path("name").asText(null), user.path("password").asText(null));
        if (token == null) {
            iamError(exchange, 401, "Unauthorized", "The username or password is wrong.");
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode t = answer.putObject("token");
        t.put("expires_at", gateway.expiryOfNewTokens().toString());
        t.put("issued_at", java.time.Instant.now().toString());
        t.putArray("methods").add("password");
        exchange.getResponseHeaders().set("X-Subject-Token", token);
        json(exchange, 201, answer);
    }

    private void iamError(HttpExchange exchange, int code, String title, String message) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("error").put("code", code).put("title", title).put("message", message);
        json(exchange, code, answer);
    }

    // ---- discovery ----

    /** The API-groups listing at {@code path} ({@code /api}, {@code /apis}, a group, a group-version), or null. */
    private JsonNode discovery(String path) {
        Map<String, List<ResourceType>> byGroupVersion = new TreeMap<>();
        for (ResourceType t : types) {
            byGroupVersion
                    .computeIfAbsent(t.pathPrefix(), k -> new ArrayList<>())
                    .add(t);
        }
        if (path.equals("/api") || path.equals("/api/")) {
            ObjectNode versions = JSON.createObjectNode().put("kind", "APIVersions");
            ArrayNode list = versions.putArray("versions");
            types.stream()
                    .filter(t -> t.group().isEmpty())
                    .map(ResourceType::version)
                    .distinct()
                    .forEach(list::add);
            versions.putArray("serverAddressByClientCIDRs");
            return versions;
        }
        if (path.equals("/apis") || path.equals("/apis/")) {
            ObjectNode groups =
                    JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
            ArrayNode list = groups.putArray("groups");
            types.stream()
                    .map(ResourceType::group)
                    .filter(g -> !g.isEmpty())
                    .distinct()
                    .forEach(g -> list.add(group(g)));
            return groups;
        }
        if (path.startsWith("/apis/") && path.indexOf('/', 6) < 0) {
            String g = path.substring(6);
            return types.stream().anyMatch(t -> t.group().equals(g))
                    ? group(g).put("kind", "APIGroup").put("apiVersion", "v1")
                    : null;
        }
        List<ResourceType> resources =
                byGroupVersion.get(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        if (resources == null) {
            return null;
        }
        ObjectNode listing = JSON.createObjectNode()
                .put("kind", "APIResourceList")
                .put("apiVersion", "v1")
                .put("groupVersion", resources.get(0).apiVersion());
        ArrayNode list = listing.putArray("resources");
        for (ResourceType t : resources) {
            ObjectNode r = list.addObject()
                    .put("name", t.plural())
                    .put("singularName", "")
                    .put("namespaced", t.namespaced())
                    .put("kind", t.kind());
            ArrayNode verbs = r.putArray("verbs");
            t.verbs().stream().sorted().forEach(verbs::add);
            if (!t.shortNames().isEmpty()) {
                ArrayNode shortNames = r.putArray("shortNames");
                t.shortNames().forEach(shortNames::add);
            }
            for (String sub : new java.util.TreeSet<>(t.subresources())) {
                list.addObject()
                        .put("name", t.plural() + "/" + sub)
                        .put("singularName", "")
                        .put("namespaced", t.namespaced())
                        .put("kind", sub.equals("scale") ? "Scale" : t.kind())
                        .putArray("verbs")
                        .add("get");
            }
        }
        return listing;
    }

    private ObjectNode group(String g) {
        ObjectNode group = JSON.createObjectNode().put("name", g);
        ArrayNode versions = group.putArray("versions");
        List<String> vs = types.stream()
                .filter(t -> t.group().equals(g))
                .map(ResourceType::version)
                .distinct()
                .toList();
        for (String v : vs) {
            versions.addObject().put("groupVersion", g + "/" + v).put("version", v);
        }
        group.putObject("preferredVersion")
                .put("groupVersion", g + "/" + vs.get(0))
                .put("version", vs.get(0));
        return group;
    }

    // ---- answers ----

    /** Whether a fault hit this request (and was answered); a delay alone is waited out and the request goes on. */
    private boolean fault(HttpExchange exchange, String resource, String verb)
            throws IOException, InterruptedException {
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
            if (f.retryAfterSeconds() != null) {
                exchange.getResponseHeaders().set("Retry-After", Integer.toString(f.retryAfterSeconds()));
            }
            String message = f.message() != null ? f.message() : defaultMessage(f.status());
            switch (f.shape()) {
                case GATEWAY ->
                    gatewayError(
                            exchange,
                            f.status(),
                            f.errorCode() != null ? f.errorCode() : f.status() == 429 ? "APIGW.0308" : "APIGW.0301",
                            message);
                case HTML ->
                    respond(
                            exchange,
                            f.status(),
                            "text/html",
                            "<html><head><title>" + f.status() + " " + message + "</title></head><body><center><h1>"
                                    + f.status() + " " + message + "</h1></center></body></html>",
                            null);
                default -> status(exchange, f.status(), reason(f.status()), message, f.errorCode(), null);
            }
            return true;
        }
        return false;
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

    private ObjectNode list(
            ResourceType type, List<ObjectNode> items, long resourceVersion, String next, long remaining) {
        ObjectNode list =
                JSON.createObjectNode().put("apiVersion", type.apiVersion()).put("kind", type.kind() + "List");
        ObjectNode meta = list.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
        if (next != null) {
            meta.put("continue", next).put("remainingItemCount", remaining);
        }
        list.putArray("items").addAll(items);
        return list;
    }

    private static ObjectNode success(ResourceType type, ObjectNode gone) {
        ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        ObjectNode details =
                status.putObject("details").put("group", type.group()).put("kind", type.plural());
        if (gone != null) {
            details.put("name", gone.path("metadata").path("name").asText())
                    .put("uid", gone.path("metadata").path("uid").asText());
        }
        return status;
    }

    private static void status(
            HttpExchange exchange, int code, String reason, String message, String errorCode, ResourceType type)
            throws IOException {
        ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", message).put("reason", reason);
        if (type != null) {
            status.putObject("details").put("group", type.group()).put("kind", type.plural());
        }
        status.put("code", code);
        if (errorCode != null) {
            status.put("errorCode", errorCode);
        }
        json(exchange, code, status);
    }

    private static void gatewayError(HttpExchange exchange, int code, String errorCode, String message)
            throws IOException {
        ObjectNode body = JSON.createObjectNode()
                .put("error_code", errorCode)
                .put("error_msg", message)
                .put("request_id", exchange.getResponseHeaders().getFirst("X-Request-Id"));
        json(exchange, code, body);
    }

    private static void json(HttpExchange exchange, int code, JsonNode body) throws IOException {
        respond(exchange, code, "application/json", null, JSON.writeValueAsBytes(body));
    }

    private static void respond(HttpExchange exchange, int code, String contentType, String text, byte[] bytes)
            throws IOException {
        byte[] out = bytes != null ? bytes : text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(code, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        }
    }
}
