package dev.ccigen.generator.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code paths} of an OpenAPI document into {@link Operation}s: path-level parameters merged in (the
 * operation's own win), {@code $ref}s to {@code #/parameters/...} and {@code #/responses/...} followed, an operation
 * without an operationId or with one used before read with a deviation (its method gets a name of its own).
 */
final class OperationReader {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch");
    private static final Set<String> PARAMETER_LOCATIONS = Set.of("path", "query", "header", "body", "formData");

    private final Source document;
    private final Path file;
    private final NodeReader nodes;
    private final SchemaReader schemas;

    OperationReader(Source document, NodeReader nodes, SchemaReader schemas) {
        this.document = document;
        this.file = document.file();
        this.nodes = nodes;
        this.schemas = schemas;
    }

    /** Every operation, in document order of paths and then get, put, post, delete, options, head, patch. */
    List<Operation> operations() {
        List<Operation> result = new ArrayList<>();
        JsonNode paths = document.root().path("paths");
        if (paths.isMissingNode()) {
            return result;
        }
        if (!paths.isObject()) {
            nodes.problems().error(file, "/paths", "expected an object of paths, found " + NodeReader.kind(paths));
            return result;
        }
        boolean globalSecurity = document.root().path("security").size() > 0;
        Map<String, String> operationIds = new HashMap<>(); // where each was first seen
        for (var it = paths.fields(); it.hasNext(); ) {
            var e = it.next();
            String path = e.getKey();
            String pathPointer = "/paths/" + NodeReader.escape(path);
            JsonNode item = e.getValue();
            if (path.startsWith("x-")) {
                continue;
            }
            if (!item.isObject()) {
                nodes.problems()
                        .error(file, pathPointer, "expected a path item object, found " + NodeReader.kind(item));
                continue;
            }
            if (!path.startsWith("/")) {
                nodes.problems().error(file, pathPointer, "a path must start with '/'");
            }
            pathItem(path, item, pathPointer, globalSecurity, operationIds, result);
        }
        return result;
    }

    /** The operations of one path, each checked for an operationId of its own. */
    private void pathItem(
            String path,
            JsonNode item,
            String pathPointer,
            boolean globalSecurity,
            Map<String, String> operationIds,
            List<Operation> into) {
        List<Parameter> shared = parameters(item.path("parameters"), pathPointer + "/parameters");
        for (String method : METHODS) {
            JsonNode op = item.get(method);
            if (op == null) {
                continue;
            }
            String pointer = pathPointer + "/" + method;
            if (!op.isObject()) {
                nodes.problems().error(file, pointer, "expected an operation object, found " + NodeReader.kind(op));
                continue;
            }
            Operation operation = operation(path, method, op, shared, pointer, globalSecurity);
            into.add(operation);
            String id = operation.operationId();
            if (id == null && operation.kubernetesAction() == null) { // a resource's verb needs no name
                nodes.deviation(file, pointer, "no operationId; the method is named after the HTTP method and path");
            } else if (operationIds.putIfAbsent(id, pointer) != null) {
                nodes.deviation(
                        file,
                        pointer + "/operationId",
                        "operationId \"" + id + "\" is also the one of " + operationIds.get(id)
                                + "; operationIds must be unique, this method gets a name of its own");
            }
        }
    }

    private Operation operation(
            String path, String method, JsonNode op, List<Parameter> shared, String pointer, boolean globalSecurity) {
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (Parameter p : shared) {
            params.put(p.in() + ":" + p.name(), p);
        }
        for (Parameter p : parameters(op.path("parameters"), pointer + "/parameters")) {
            params.put(p.in() + ":" + p.name(), p);
        }
        List<Response> responses = responses(op.path("responses"), pointer);
        JsonNode security = op.get("security");
        boolean secured = security == null ? globalSecurity : security.size() > 0;
        return Operation.builder(path, method, pointer)
                .operationId(nodes.text(op, "operationId", pointer, file))
                .tags(nodes.strings(op.path("tags"), pointer + "/tags", file))
                .summary(nodes.text(op, "summary", pointer, file), nodes.text(op, "description", pointer, file))
                .mediaTypes(
                        nodes.strings(op.path("consumes"), pointer + "/consumes", file),
                        nodes.strings(op.path("produces"), pointer + "/produces", file))
                .parameters(List.copyOf(params.values()))
                .responses(responses)
                .deprecated(op.path("deprecated").asBoolean(false))
                .secured(secured)
                .extensions(Extensions.of(op))
                .build();
    }

    /** An operation's responses; only a {@code default} one (no 2xx) is what a successful call answers. */
    private List<Response> responses(JsonNode rs, String pointer) {
        List<Response> responses = new ArrayList<>();
        if (!rs.isObject()) {
            nodes.problems()
                    .error(
                            file,
                            pointer + "/responses",
                            rs.isMissingNode()
                                    ? "an operation needs responses"
                                    : "expected an object of responses, found " + NodeReader.kind(rs));
            return responses;
        }
        for (var it = rs.fields(); it.hasNext(); ) {
            var r = it.next();
            if (r.getKey().startsWith("x-")) {
                continue;
            }
            responses.add(response(r.getKey(), r.getValue(), pointer + "/responses/" + NodeReader.escape(r.getKey())));
        }
        if (responses.stream().noneMatch(r -> r.status().startsWith("2"))
                && responses.stream().anyMatch(r -> r.status().equals("default"))) {
            nodes.deviation(
                    file,
                    pointer + "/responses",
                    "no 2xx response, only \"default\": the default response is read"
                            + " as what a successful call answers");
        }
        return responses;
    }

    private List<Parameter> parameters(JsonNode list, String pointer) {
        if (list.isMissingNode()) {
            return List.of();
        }
        if (!list.isArray()) {
            nodes.problems().error(file, pointer, "expected a list of parameters, found " + NodeReader.kind(list));
            return List.of();
        }
        List<Parameter> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = pointer + "/" + i;
            JsonNode node = list.get(i);
            JsonNode ref = node.get("$ref");
            if (ref != null) {
                String target = ref.asText();
                if (!target.startsWith("#/parameters/")) {
                    nodes.problems()
                            .error(
                                    file,
                                    at + "/$ref",
                                    "a parameter $ref must point into #/parameters/, found \"" + target + "\"");
                    continue;
                }
                at = target.substring(1);
                node = document.root().at(at);
                if (node.isMissingNode()) {
                    nodes.problems()
                            .error(
                                    file,
                                    pointer + "/" + i + "/$ref",
                                    "dangling $ref: \"" + target + "\" names no parameter");
                    continue;
                }
            }
            Parameter p = parameter(node, at);
            if (p != null) {
                result.add(p);
            }
        }
        return result;
    }

    private Parameter parameter(JsonNode node, String pointer) {
        if (!node.isObject()) {
            nodes.problems().error(file, pointer, "expected a parameter object, found " + NodeReader.kind(node));
            return null;
        }
        String name = nodes.text(node, "name", pointer, file);
        String in = nodes.text(node, "in", pointer, file);
        if (name == null) {
            nodes.problems().error(file, pointer, "a parameter needs a name");
            return null;
        }
        if (in == null || !PARAMETER_LOCATIONS.contains(in)) {
            nodes.problems()
                    .error(
                            file,
                            pointer + "/in",
                            "unknown parameter location " + (in == null ? "(none)" : "\"" + in + "\"")
                                    + "; expected path, query, header, body or formData");
            return null;
        }
        Schema schema;
        if ("body".equals(in)) {
            schema = schemas.read(node.get("schema"), pointer + "/schema", document);
            if (schema == null) {
                nodes.problems().error(file, pointer, "a body parameter needs a schema");
                schema = Schema.ANY;
            }
        } else {
            schema = schemas.readParameter(node, pointer, document); // type, format, items … live on the parameter
        }
        boolean required = node.path("required").asBoolean(false) || "path".equals(in);
        return new Parameter(
                name,
                in,
                nodes.text(node, "description", pointer, file),
                required,
                schema,
                nodes.text(node, "collectionFormat", pointer, file),
                Extensions.of(node),
                pointer);
    }

    private Response response(String status, JsonNode node, String pointer) {
        JsonNode ref = node.get("$ref");
        if (ref != null) {
            String target = ref.asText();
            JsonNode resolved =
                    target.startsWith("#/responses/") ? document.root().at(target.substring(1)) : null;
            if (resolved == null || resolved.isMissingNode()) {
                nodes.problems().error(file, pointer + "/$ref", "dangling $ref: \"" + target + "\" names no response");
                return new Response(status, null, null, Map.of(), Extensions.NONE);
            }
            node = resolved;
            pointer = target.substring(1);
        }
        if (!node.isObject()) {
            nodes.problems().error(file, pointer, "expected a response object, found " + NodeReader.kind(node));
            return new Response(status, null, null, Map.of(), Extensions.NONE);
        }
        Map<String, Schema> headers = new LinkedHashMap<>();
        for (var it = node.path("headers").fields(); it.hasNext(); ) {
            var h = it.next();
            headers.put(
                    h.getKey(),
                    schemas.read(h.getValue(), pointer + "/headers/" + NodeReader.escape(h.getKey()), document));
        }
        return new Response(
                status,
                nodes.text(node, "description", pointer, file),
                schemas.read(node.get("schema"), pointer + "/schema", document),
                headers,
                Extensions.of(node));
    }
}
