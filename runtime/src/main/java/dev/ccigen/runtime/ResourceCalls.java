package dev.ccigen.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The Kubernetes verbs of one resource, in one namespace or across all (or cluster-scoped). Generated
 * clients expose one per resource, with only the verbs the API grants:
 * {@code new ResourceCalls<>(transport, "/api/v1", "pods", "default", Pod.class, PodList.class)}.
 *
 * <p>With {@code namespace == null}: a cluster-scoped resource, or a namespaced one across all namespaces, where
 * Kubernetes serves list and watch (generated clients give that view a class of its own with only those); calls on
 * one object then use the object's own namespace, if it has one.
 *
 * @param <T> the kind
 * @param <L> its list kind
 */
public final class ResourceCalls<T extends KubernetesObject, L extends KubernetesList<T>> {

    private final Transport transport;
    private final String groupVersionPath;
    private final String plural;
    private final String namespace;
    private final Class<T> type;
    private final Class<L> listType;

    /**
     * @param groupVersionPath {@code /api/v1} or {@code /apis/apps/v1}
     * @param plural the resource name, e.g. {@code pods}
     * @param namespace the namespace, or null for cluster-scoped resources and all namespaces
     * @param listType its list kind, or null when it cannot be listed
     */
    public ResourceCalls(
            Transport transport,
            String groupVersionPath,
            String plural,
            String namespace,
            Class<T> type,
            Class<L> listType) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.groupVersionPath = groupVersionPath.replaceAll("/+$", "");
        this.plural = Objects.requireNonNull(plural, "plural");
        this.namespace = namespace;
        this.type = Objects.requireNonNull(type, "type");
        this.listType = listType; // null for a resource without a list verb (Kubernetes' bindings)
    }

    /** GET of the object called {@code name}. */
    public T get(String name) {
        return transport.call(
                Request.builder("GET", objectPath(namespace, name)).build(), type);
    }

    /**
     * GET of the object called {@code name}; empty when the server answers 404 with a Kubernetes {@code Status} (or
     * nothing): the object is not there. Any other failure is thrown, a 404 too when something other than the API
     * server answered it (an API gateway that knows no such API), since that says nothing of the object.
     */
    public Optional<T> find(String name) {
        try {
            return Optional.ofNullable(get(name));
        } catch (NotFoundException e) {
            if (e.status().isPresent() || e.body() == null || e.body().isBlank()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** One page; see {@link #listAll} to follow the continue tokens. */
    public L list(ListOptions options) {
        return list(options, Cancel.NEVER);
    }

    /**
     * Every item, fetching page after page lazily as the stream is consumed ({@link ListOptions.Builder#limit}
     * sets the page size). A continue token that expires mid-way raises {@link GoneException}.
     */
    public Stream<T> listAll(ListOptions options) {
        Iterator<T> items = new Iterator<>() {
            private Iterator<T> page = Collections.emptyIterator();
            private String continueToken;
            private boolean lastPage;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !lastPage) {
                    L list = list(
                            options.toBuilder().continueToken(continueToken).build());
                    List<T> pageItems = list == null ? null : list.getItems();
                    page = pageItems == null ? Collections.emptyIterator() : pageItems.iterator();
                    continueToken = list == null ? null : list.continueToken();
                    lastPage = continueToken == null || continueToken.isEmpty();
                }
                return page.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(items, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** @return the created object as the server stored it (201; 200/202 accepted too) */
    public T create(T object, WriteOptions options) {
        Request request = Request.builder("POST", collectionPath(namespaceOf(object)))
                .query(options.toQuery())
                .jsonBody(object)
                .build();
        return transport.call(request, type);
    }

    /** PUT of the whole object, named by its metadata; a stale resourceVersion raises {@link ConflictException}. */
    public T replace(T object, WriteOptions options) {
        Request request = Request.builder("PUT", objectPath(namespaceOf(object), requireName(object)))
                .query(options.toQuery())
                .jsonBody(object)
                .build();
        return transport.call(request, type);
    }

    /** PATCH of the object called {@code name} with {@code patch}: a merge patch, a JSON Patch… (see {@link Patch}). */
    public T patch(String name, Patch patch, PatchOptions options) {
        return patchSubresource(name, null, patch, options, type);
    }

    /** PATCH of a subresource ({@code status}, {@code scale}) of the object called {@code name} with {@code patch}. */
    public <R> R patchSubresource(
            String name, String subresource, Patch patch, PatchOptions options, Class<R> responseType) {
        if (patch.type() == PatchType.APPLY && options.fieldManager() == null) {
            throw new IllegalArgumentException("an APPLY patch needs PatchOptions.fieldManager");
        }
        Request request = Request.builder("PATCH", subresourcePath(namespace, name, subresource))
                .query(options.toQuery())
                .jsonBody(patch.body(), patch.type().contentType())
                .build();
        return transport.call(request, responseType);
    }

    /**
     * Server-side apply: sends {@code object} (named by its metadata) as an {@code application/apply-patch+yaml}
     * patch (JSON is YAML), so the server merges the fields it sets into what it has, creating the object if there is
     * none, and records {@code options}' field manager (required) as their owner. A field another manager owns is a
     * conflict (409) unless {@code options} set {@code force}. An object without {@code apiVersion} or {@code kind}
     * (as list items come) is sent with the resource's; one read from the server is sent without its
     * {@code metadata.managedFields}, which the server refuses in an apply (its {@code resourceVersion}, if any, makes
     * the apply conditional).
     */
    public T apply(T object, PatchOptions options) {
        if (options.fieldManager() == null || options.fieldManager().isEmpty()) {
            throw new IllegalArgumentException("apply needs a field manager: PatchOptions.builder().fieldManager(...)");
        }
        ObjectNode body = Json.mapper().valueToTree(object);
        if (body.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields");
        }
        if (!body.hasNonNull("apiVersion") || !body.hasNonNull("kind")) {
            ObjectNode fresh = Json.mapper().valueToTree(freshObject());
            body.set("apiVersion", body.hasNonNull("apiVersion") ? body.get("apiVersion") : fresh.get("apiVersion"));
            body.set("kind", body.hasNonNull("kind") ? body.get("kind") : fresh.get("kind"));
        }
        Request request = Request.builder("PATCH", objectPath(namespaceOf(object), requireName(object)))
                .query(options.toQuery())
                .jsonBody(body, PatchType.APPLY.contentType())
                .build();
        return transport.call(request, type);
    }

    /**
     * Reads the object called {@code name}, hands it to {@code change}, and replaces it with what {@code change}
     * returns, with the resourceVersion read; a 409 (someone else changed it in between) starts again from a new
     * read, {@value #EDIT_ATTEMPTS} times at most, and the last 409 is thrown. {@code change} may change the object
     * it gets (its own copy) or return another; when what it returns is the object as read, nothing is sent. So
     * {@code change} may run more than once: it should only compute the new object.
     */
    public T edit(String name, UnaryOperator<T> change) {
        Objects.requireNonNull(change, "change");
        for (int attempt = 1; ; attempt++) {
            Request get = Request.builder("GET", objectPath(namespace, name)).build();
            ApiResponse<JsonNode> read = transport.send(get, JsonNode.class);
            T before = decode(get, read, type);
            T changed = Objects.requireNonNull(change.apply(decode(get, read, type)), "the edit returned null");
            ObjectNode body = Json.mapper().valueToTree(changed);
            if (body.equals(Json.mapper().valueToTree(before))) {
                return before;
            }
            JsonNode metadata = body.get("metadata");
            (metadata instanceof ObjectNode m ? m : body.putObject("metadata"))
                    .put("resourceVersion", before.objectResourceVersion());
            Request request = Request.builder("PUT", objectPath(namespace, name))
                    .jsonBody(body)
                    .build();
            try {
                return transport.call(request, type);
            } catch (ConflictException e) {
                if (attempt >= EDIT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** How many times {@link #edit} reads and replaces before it gives up on conflicts (client-go's default). */
    static final int EDIT_ATTEMPTS = 5;

    /**
     * DELETE of the object called {@code name}: the server's answer decoded by what it is, the object (as Kubernetes
     * answers for pods, and for any object finalizers keep) or a {@link Status}. See {@link DeleteResult}.
     */
    public DeleteResult<T> delete(String name, DeleteOptions options) {
        Request request = Request.builder("DELETE", objectPath(namespace, name))
                .jsonBody(options.toBody())
                .build();
        return deleteResult(request, transport.send(request, JsonNode.class), type);
    }

    /**
     * DELETE of the collection, what {@code listOptions} select: a {@link Status}, or the list of what was deleted
     * (as some servers, Volcano's jobs among them, answer), decoded by what it is.
     */
    public DeleteResult<L> deleteCollection(ListOptions listOptions, DeleteOptions options) {
        Request request = Request.builder("DELETE", collectionPath(namespace))
                .query(listOptions.toQuery())
                .jsonBody(options.toBody())
                .build();
        return deleteResult(request, transport.send(request, JsonNode.class), listType);
    }

    /** The body decoded by what it is: a {@link Status}, else the object (when its class is known). */
    private <R> DeleteResult<R> deleteResult(Request request, ApiResponse<JsonNode> response, Class<R> objectType) {
        JsonNode body = response.body();
        if (body == null || !body.isObject()) {
            return new DeleteResult<>(response.statusCode(), null, null, body);
        }
        if ("Status".equals(body.path("kind").asText())) {
            return new DeleteResult<>(response.statusCode(), null, decode(request, response, Status.class), body);
        }
        R object = objectType == null ? null : decode(request, response, objectType);
        return new DeleteResult<>(response.statusCode(), object, null, body);
    }

    /** A 2xx body read as a tree, decoded as {@code type}; a body that is no such thing is the transport's error. */
    private <R> R decode(Request request, ApiResponse<JsonNode> response, Class<R> type) {
        try {
            return response.body() == null ? null : Json.mapper().treeToValue(response.body(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ResponseDecodingException(
                    request.method(),
                    transport.uriOf(request),
                    response.statusCode(),
                    response.headers(),
                    response.body().toString(),
                    type.getName(),
                    e);
        }
    }

    /** A new object of the resource's class: what its constructor sets (a generated kind's apiVersion and kind). */
    private T freshObject() {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("apply needs the object's apiVersion and kind", e);
        }
    }

    /**
     * Opens a watch ({@code watch=true}): returns once the server answered (a refusal is thrown here). The request
     * timeout applies until the response headers; the stream itself has none.
     */
    public Watch<T> watch(ListOptions options) {
        return watch(options, (Cancel) null).start();
    }

    /** A watch not yet opened, closed with {@code parent} too (its informer's signal), or on its own when null. */
    Watch<T> watch(ListOptions options, Cancel parent) {
        return watch(options, parent, null);
    }

    /** {@link #watch(ListOptions, Cancel)}, its objects decoded by {@code reader} (an informer's; null: the usual). */
    Watch<T> watch(ListOptions options, Cancel parent, ObjectReader reader) {
        String path = collectionPath(namespace);
        URI uri = URI.create(transport.endpoint().toString().replaceAll("/+$", "") + path);
        JavaType objectType = Json.mapper().constructType(type);
        return new Watch<>(
                (resourceVersion, cancel) -> {
                    ListOptions effective = resourceVersion == null
                            ? options
                            : options.toBuilder()
                                    .resourceVersion(resourceVersion)
                                    .build();
                    return transport.stream(
                            Request.builder("GET", path)
                                    .query(effective.toQuery())
                                    .query("watch", "true")
                                    .build(),
                            cancel);
                },
                objectType,
                uri,
                options,
                transport.sleeper(),
                parent,
                reader);
    }

    /** One page, given up at once when {@code cancel} fires. */
    L list(ListOptions options, Cancel cancel) {
        return list(options, cancel, null);
    }

    /** {@link #list(ListOptions, Cancel)}, decoded by {@code reader} (an informer's; null: the usual). */
    L list(ListOptions options, Cancel cancel, ObjectReader reader) {
        if (listType == null) {
            throw new UnsupportedOperationException(plural + " cannot be listed");
        }
        Request request = Request.builder("GET", collectionPath(namespace))
                .query(options.toQuery())
                .build();
        return transport
                .<L>send(request, Json.mapper().constructType(listType), cancel, reader)
                .body();
    }

    /**
     * Opens a watch as {@link #watch(ListOptions)} does, and hands its events to {@code watcher} on a thread of its
     * own, one at a time and in order, until the watch ends or the returned handle is closed. See {@link WatchHandle}.
     */
    public WatchHandle watch(ListOptions options, Watcher<T> watcher) {
        Objects.requireNonNull(watcher, "watcher");
        return WatchHandle.start(watch(options), watcher, path());
    }

    /**
     * Lists (page by page), then watches from the list's resourceVersion, keeping a {@link Store} and telling
     * {@code handler} of every change; returns once the first list is in the store. Informers of one client on the
     * same objects share one list and one watch. See {@link Informer}.
     */
    public Informer<T> inform(ResourceEventHandler<? super T> handler, InformerOptions options) {
        return transport.informers().inform(this, handler, options, transport.sleeper());
    }

    /** GET {@code .../name/sub}, e.g. {@code status} or {@code scale}. */
    public <R> R getSubresource(String name, String subresource, Class<R> responseType) {
        return transport.call(
                Request.builder("GET", subresourcePath(namespace, name, subresource))
                        .build(),
                responseType);
    }

    /** PUT {@code .../name/sub}, e.g. a status or scale update. */
    public <R> R replaceSubresource(String name, String subresource, Object body, Class<R> responseType) {
        Request request = Request.builder("PUT", subresourcePath(namespace, name, subresource))
                .jsonBody(body)
                .build();
        return transport.call(request, responseType);
    }

    /** POST {@code .../name/sub}, e.g. {@code eviction} or {@code binding}. */
    public <R> R createSubresource(String name, String subresource, Object body, Class<R> responseType) {
        Request request = Request.builder("POST", subresourcePath(namespace, name, subresource))
                .jsonBody(body)
                .build();
        return transport.call(request, responseType);
    }

    /** The whole log of a pod (not following) as text. */
    public String log(String name, LogOptions options) {
        return transport.text(logRequest(name, options));
    }

    /** The log as an open stream, e.g. with {@code follow(true)}; close it to stop. */
    public InputStream logStream(String name, LogOptions options) {
        return transport.stream(logRequest(name, options));
    }

    /** The log line by line; close the stream to stop following. */
    public Stream<String> logLines(String name, LogOptions options) {
        InputStream in = logStream(name, options);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return reader.lines().onClose(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    // ---- exec, attach, port-forward: WebSocket connections (ExecSession, PortForward) ----

    /**
     * Runs {@code command} in the pod {@code name} and waits for its end: exit code, stdout and stderr, each kept up
     * to {@link ExecOptions#maxOutputBytes()}. See {@link ExecSession#run}.
     */
    public ExecResult exec(String name, ExecOptions options, List<String> command) {
        return ExecSession.run(transport, execRequest(name, options, command), options);
    }

    /** Starts {@code command} in the pod {@code name}, with its streams to read and write. See {@link ExecSession}. */
    public ExecSession execSession(String name, ExecOptions options, List<String> command) {
        return ExecSession.open(transport, execRequest(name, options, command), options);
    }

    /** Joins the main process of the pod {@code name} (of {@link ExecOptions#container()}), with its streams. */
    public ExecSession attach(String name, ExecOptions options) {
        Request request = Request.builder("GET", subresourcePath(namespace, name, "attach"))
                .query(options.toQuery(List.of()))
                .build();
        return ExecSession.open(transport, request, options);
    }

    /** Connects to {@code ports} of the pod {@code name}: a pair of streams per port. See {@link PortForward}. */
    public PortForward portForward(String name, int... ports) {
        return PortForward.open(transport, subresourcePath(namespace, name, "portforward"), ports);
    }

    /** Forwards {@code localPort} of the loopback address (0: any) to {@code remotePort} of the pod {@code name}. */
    public LocalPortForward portForwardLocally(String name, int remotePort, int localPort) {
        return LocalPortForward.open(transport, subresourcePath(namespace, name, "portforward"), remotePort, localPort);
    }

    private Request execRequest(String name, ExecOptions options, List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("exec needs a command, e.g. \"sh\", \"-c\", \"echo hi\"");
        }
        return Request.builder("GET", subresourcePath(namespace, name, "exec"))
                .query(options.toQuery(command))
                .build();
    }

    @Override
    public String toString() {
        return "ResourceCalls[" + path() + "]";
    }

    /** The collection's path, e.g. {@code /api/v1/namespaces/ns/pods}. */
    String path() {
        return collectionPath(namespace);
    }

    /** The kind's class. */
    Class<T> type() {
        return type;
    }

    private Request logRequest(String name, LogOptions options) {
        return Request.builder("GET", subresourcePath(namespace, name, "log"))
                .query(options.toQuery())
                .header("Accept", "*/*")
                .build();
    }

    private String namespaceOf(T object) {
        return namespace != null ? namespace : object.objectNamespace();
    }

    private static String requireName(KubernetesObject object) {
        String name = object.objectName();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("the object has no metadata.name");
        }
        return name;
    }

    private String collectionPath(String ns) {
        return groupVersionPath + (ns == null ? "" : "/namespaces/" + Request.pathSegment(ns)) + "/" + plural;
    }

    private String objectPath(String ns, String name) {
        return collectionPath(ns) + "/" + Request.pathSegment(Objects.requireNonNull(name, "name"));
    }

    private String subresourcePath(String ns, String name, String subresource) {
        return objectPath(ns, name) + (subresource == null ? "" : "/" + Request.pathSegment(subresource));
    }
}
