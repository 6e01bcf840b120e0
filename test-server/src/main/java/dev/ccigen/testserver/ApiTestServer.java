package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccigen.runtime.Connector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory API server for tests: the resources of its table with Kubernetes' semantics (see {@link ObjectStore}),
 * the API-groups listings, the OpenAPI document and the version the client was generated from (see
 * {@link ApiDocuments}), IAM's token endpoint and the API gateway's checks (see {@link Gateway}), scripted pods (exec,
 * attach, port-forward, logs: see {@link PodScript}), faults on demand (see {@link Fault}), and a record of requests.
 * It listens on the loopback interface (HTTP/1.1 and WebSocket on the JDK's sockets), or, with {@link #IN_PROCESS},
 * answers clients in process through {@link #connector()}; the same code answers either way. Jackson is all it needs
 * besides the JDK.
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
    private final List<ResourceType> types;
    private final ObjectStore store;
    private final Gateway gateway;
    private final ApiDocuments documents;
    private final Discovery discovery;
    private final Resources resources;
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
        this.store = new ObjectStore(clock);
        this.gateway = new Gateway(clock);
        this.documents = documents;
        this.discovery = new Discovery(this.types, documents);
        this.resources = new Resources(this.types, store, pods, new PatchSchema(documents::openApiTree));
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
        Resources.Target target = resources.target(path);
        String verb = target == null ? "get" : Resources.verb(method, target, request);
        Answer fault = fault(target == null ? "" : target.type().plural(), verb, id);
        if (fault != null) {
            return fault;
        }
        String refusal =
                gateway.refusal(method, request.rawPath(), request.query(), request::header, request.bodyBytes());
        if (refusal != null) {
            return Replies.gatewayError(401, "APIGW.0301", refusal, id);
        }
        if (target == null) {
            Answer answer = method.equals("GET") || method.equals("HEAD") ? nonResource(request) : null;
            if (answer == null) {
                throw new StatusError(404, "NotFound", "the server could not find the requested resource", null);
            }
            return answer;
        }
        Resources.checkAccept(request);
        return resources.serve(request, target, verb);
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

    // ---- IAM ----

    private Answer issueToken(String method, byte[] body) {
        if (!method.equals("POST")) {
            return Replies.iamError(405, "Method Not Allowed", "use POST");
        }
        JsonNode identity;
        try {
            identity = ObjectStore.JSON.readTree(body).path("auth").path("identity");
        } catch (IOException e) {
            return Replies.iamError(400, "Bad Request", "The request body is not JSON.");
        }
        JsonNode user = identity.path("password").path("user");
        String token = gateway.issue(
                user.path("name").asText(null), user.path("password").asText(null));
        if (token == null) {
            return Replies.iamError(401, "Unauthorized", "The username or password is wrong.");
        }
        ObjectNode answer = ObjectStore.JSON.createObjectNode();
        ObjectNode t = answer.putObject("token");
        t.put("expires_at", gateway.expiryOfNewTokens().toString());
        t.put("issued_at", gateway.now().toString());
        t.putArray("methods").add("password");
        return Answer.json(201, ObjectStore.encode(answer)).header("X-Subject-Token", token);
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
            String message = f.message() != null ? f.message() : Replies.defaultMessage(f.status());
            Answer answer = switch (f.shape()) {
                case GATEWAY ->
                    Replies.gatewayError(
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
                default ->
                    Replies.status(
                            new StatusError(f.status(), Replies.reason(f.status()), message, null), f.errorCode());
            };
            if (f.retryAfterSeconds() != null) {
                answer.header("Retry-After", Integer.toString(f.retryAfterSeconds()));
            }
            return answer;
        }
        return null;
    }

    /**
     * The API's documented error code for a refusal, carried as the {@code Status}'s {@code errorCode}; null (none)
     * here, the generated server looks it up in the API's error-code table.
     */
    protected String errorCode(StatusError e) {
        return null;
    }

    private Answer status(StatusError e) {
        return Replies.status(e, errorCode(e));
    }
}
