package dev.ccigen.generator.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccigen.generator.problem.Problems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an OpenAPI v2 (Swagger 2.0) document, JSON or YAML, into an {@link ApiSpec}.
 *
 * <p>Every problem is recorded with its JSON pointer and reading goes on, so one run reports all the
 * problems of a document. {@code $ref}s to {@code #/definitions/X} stay references by name (cycles are
 * harmless that way); {@code $ref}s to parameters and responses are followed; a {@code $ref} into another
 * file is read relative to the document, and never outside the document's folder.
 *
 * <p>Published documents bend OpenAPI v2 in ways other tools accept: a list of types, a {@code default} of the
 * wrong type, an unknown {@code format}, tuple {@code items}, operations without or with duplicated operationIds.
 * Each is read as the README's mapping says, with a warning at its place (an error when {@code strict}).
 */
public final class SpecReader {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch");
    private static final Set<String> TYPES =
            Set.of("string", "number", "integer", "boolean", "array", "object", "file", "null");
    private static final Set<String> PARAMETER_LOCATIONS = Set.of("path", "query", "header", "body", "formData");
    private static final String DEFINITIONS = "#/definitions/";
    /** Formats read as what they say, or as text a caller knows; any other format is warned about. */
    private static final Set<String> KNOWN_FORMATS = Set.of(
            "int32",
            "int64",
            "float",
            "double",
            "byte",
            "binary",
            "date",
            "date-time",
            "password",
            "int-or-string",
            "email",
            "uuid",
            "uri",
            "url",
            "hostname",
            "ipv4",
            "ipv6",
            "duration",
            "int",
            "int8",
            "int16",
            "uint8",
            "uint16",
            "uint32",
            "uint64",
            "float64");

    private final DocumentLoader loader = new DocumentLoader();
    private final boolean strict;

    /** A reader that warns about what published documents get away with. */
    public SpecReader() {
        this(false);
    }

    /** @param strict what published documents get away with (a list of types, an unknown format …) is an error */
    public SpecReader(boolean strict) {
        this.strict = strict;
    }

    /** Reads {@code file}, recording problems; returns null when the document could not be parsed at all. */
    public ApiSpec read(Path file, Problems problems) {
        JsonNode root = loader.load(file, problems);
        if (root == null) {
            return null;
        }
        return new Reading(file, root, problems).spec();
    }

    /** A schema's type as written: one, or the several a list names, and whether {@code "null"} was among them. */
    private record Types(String single, List<String> alternatives, boolean nullable) {
        static final Types NONE = new Types(null, List.of(), false);
    }

    /** The state of reading one document (and the files it refers to). */
    private final class Reading {
        private final Path file;
        private final Path folder;
        private final JsonNode root;
        private final Problems problems;
        private final Map<String, Schema> definitions = new LinkedHashMap<>();
        /** Definitions whose names are known before they are read, so forward references resolve. */
        private final Set<String> definitionNames = new HashSet<>();

        private final Map<Path, JsonNode> externalDocuments = new HashMap<>();
        /** Where each definition came from, to tell two different definitions of the same name apart. */
        private final Map<String, String> definitionOrigins = new HashMap<>();
        /** Local non-definition {@code $ref}s being inlined right now, to stop a loop. */
        private final Deque<String> inlining = new ArrayDeque<>();

        Reading(Path file, JsonNode root, Problems problems) {
            this.file = file;
            this.folder = file.toAbsolutePath().normalize().getParent();
            this.root = root;
            this.problems = problems;
        }

        ApiSpec spec() {
            if (!root.isObject()) {
                problems.error(file, "", "expected an OpenAPI v2 document (a JSON object), found " + kind(root));
                return null;
            }
            checkVersion();
            JsonNode info = root.path("info");
            JsonNode defs = root.path("definitions");
            if (!defs.isMissingNode() && !defs.isObject()) {
                problems.error(file, "/definitions", "expected an object of definitions, found " + kind(defs));
            }
            defs.fieldNames().forEachRemaining(definitionNames::add);
            for (var it = defs.fields(); it.hasNext(); ) {
                var e = it.next();
                String pointer = "/definitions/" + escape(e.getKey());
                definitions.put(e.getKey(), schema(e.getValue(), pointer, file, root));
                definitionOrigins.put(e.getKey(), file + "#" + pointer);
            }
            List<Operation> operations = operations();
            checkAliasLoops();
            return new ApiSpec(
                    file,
                    text(info, "title"),
                    text(info, "version"),
                    text(info, "description"),
                    text(root, "host"),
                    text(root, "basePath"),
                    strings(root.path("schemes"), "/schemes"),
                    strings(root.path("consumes"), "/consumes"),
                    strings(root.path("produces"), "/produces"),
                    definitions,
                    operations,
                    securityDefinitions(),
                    Extensions.of(root));
        }

        private void checkVersion() {
            JsonNode swagger = root.get("swagger");
            if (swagger == null) {
                if (root.has("openapi")) {
                    problems.error(
                            file,
                            "/openapi",
                            "this is an OpenAPI " + root.get("openapi").asText()
                                    + " document; ccigen reads OpenAPI v2 (\"swagger\": \"2.0\")");
                } else {
                    problems.error(file, "", "not an OpenAPI v2 document: no \"swagger\": \"2.0\" at the top");
                }
            } else if (!"2.0".equals(swagger.asText())) {
                problems.error(file, "/swagger", "unsupported version \"" + swagger.asText() + "\"; expected \"2.0\"");
            }
        }

        // ---- schemas -------------------------------------------------------------------------------

        private Schema schema(JsonNode node, String pointer, Path inFile, JsonNode inRoot) {
            if (node == null || node.isMissingNode()) {
                return null;
            }
            if (!node.isObject()) {
                problems.error(inFile, pointer, "expected a schema object, found " + kind(node));
                return Schema.ANY;
            }
            String ref = null;
            JsonNode refNode = field(node, "$ref", JsonNode::isTextual, "a string", pointer, inFile);
            if (refNode != null) {
                ref = refNode.asText();
                if (ref.startsWith(DEFINITIONS) && inFile.equals(file) && ref.indexOf('/', DEFINITIONS.length()) >= 0) {
                    return inlineRef(ref, pointer + "/$ref", inFile, inRoot); // inside a definition: read in place
                } else if (ref.startsWith(DEFINITIONS) && inFile.equals(file)) {
                    ref = definitionRef(ref, pointer);
                } else if (ref.startsWith("#")) {
                    return inlineRef(ref, pointer + "/$ref", inFile, inRoot);
                } else {
                    ref = externalRef(ref, pointer + "/$ref", inFile);
                }
            }
            Types types = types(node.get("type"), pointer + "/type", inFile);
            String type = types.single();
            Map<String, Schema> properties = Map.of();
            JsonNode props = field(node, "properties", JsonNode::isObject, "an object of schemas", pointer, inFile);
            if (props != null) {
                properties = new LinkedHashMap<>();
                for (var it = props.fields(); it.hasNext(); ) {
                    var e = it.next();
                    properties.put(
                            e.getKey(),
                            schema(e.getValue(), pointer + "/properties/" + escape(e.getKey()), inFile, inRoot));
                }
            }
            Schema items = null;
            JsonNode itemsNode = node.get("items");
            if (itemsNode != null && itemsNode.isArray()) {
                if (itemsNode.size() == 1) {
                    deviation(
                            inFile,
                            pointer + "/items",
                            "tuple items (a list of schemas) are not OpenAPI v2; the one schema listed is read as the items' schema");
                    items = schema(itemsNode.get(0), pointer + "/items/0", inFile, inRoot);
                } else {
                    deviation(
                            inFile,
                            pointer + "/items",
                            "tuple items (a list of schemas) are not OpenAPI v2; the items are read as any JSON value");
                    items = Schema.ANY;
                }
            } else if (itemsNode != null) {
                items = schema(itemsNode, pointer + "/items", inFile, inRoot);
            }
            JsonNode addNode = node.get("additionalProperties");
            Schema additional = addNode == null || addNode.isBoolean() && !addNode.asBoolean()
                    ? null
                    : addNode.isBoolean()
                            ? Schema.ANY
                            : schema(addNode, pointer + "/additionalProperties", inFile, inRoot);
            List<Schema> allOf = new ArrayList<>();
            JsonNode allOfNode = field(node, "allOf", JsonNode::isArray, "a list of schemas", pointer, inFile);
            for (int i = 0; allOfNode != null && i < allOfNode.size(); i++) {
                allOf.add(schema(allOfNode.get(i), pointer + "/allOf/" + i, inFile, inRoot));
            }
            List<JsonNode> enumValues = new ArrayList<>();
            JsonNode enumNode = field(node, "enum", JsonNode::isArray, "a list of values", pointer, inFile);
            if (enumNode != null) {
                enumNode.forEach(enumValues::add);
            }
            Set<String> required = new LinkedHashSet<>(strings(node.path("required"), pointer + "/required", inFile));
            if ("array".equals(type) && items == null) {
                problems.warning(inFile, pointer, "an array without items; its elements are read as any JSON value");
            }
            String format = textOf(node, "format", pointer, inFile);
            if (format != null && type != null && !KNOWN_FORMATS.contains(format)) {
                deviation(
                        inFile,
                        pointer + "/format",
                        "unknown format \"" + format + "\" for " + type + "; read as a plain " + type);
            }
            for (int i = 0; i < enumValues.size(); i++) {
                if (!fits(enumValues.get(i), type)) {
                    deviation(
                            inFile,
                            pointer + "/enum/" + i,
                            "enum value " + enumValues.get(i) + " is not of type " + type + "; the property is a plain "
                                    + type + " (no Java enum) and the values are kept in the schema");
                    break;
                }
            }
            JsonNode defaultValue = node.get("default");
            if (defaultValue != null && !defaultValue.isNull() && !fits(defaultValue, type)) {
                deviation(
                        inFile,
                        pointer + "/default",
                        "default " + defaultValue + " is not of type " + type + "; ignored");
                defaultValue = null;
            }
            Extensions extensions = Extensions.of(node);
            boolean nullable = types.nullable() || extensions.isTrue("x-nullable") || extensions.isTrue("x-isnullable");
            return new Schema(
                    pointer,
                    ref,
                    type,
                    types.alternatives(),
                    nullable,
                    format,
                    textOf(node, "title", pointer, inFile),
                    textOf(node, "description", pointer, inFile),
                    properties,
                    required,
                    items,
                    additional,
                    List.copyOf(enumValues),
                    defaultValue,
                    node.path("readOnly").asBoolean(false),
                    List.copyOf(allOf),
                    extensions);
        }

        /** What published documents get away with: a warning where it is, an error when strict. */
        private void deviation(Path inFile, String pointer, String message) {
            if (strict) {
                problems.error(inFile, pointer, message);
            } else {
                problems.warning(inFile, pointer, message);
            }
        }

        /**
         * {@code node.key} when it is there and of the right shape; null when it is missing, and null with an error
         * naming its place when it has another shape ({@code expected} says which, e.g. "a list of schemas").
         */
        private JsonNode field(
                JsonNode node,
                String key,
                java.util.function.Predicate<JsonNode> shape,
                String expected,
                String pointer,
                Path inFile) {
            JsonNode value = node.get(key);
            if (value == null) {
                return null;
            }
            if (!shape.test(value)) {
                problems.error(inFile, pointer + "/" + escape(key), "expected " + expected + ", found " + kind(value));
                return null;
            }
            return value;
        }

        /**
         * A schema's {@code type}: one of OpenAPI v2's; or, as published documents write (JSON Schema's way), a list of
         * them, read with a warning: {@code ["string", "null"]} is a nullable string, several non-null types are
         * {@link Types#alternatives()} for the linker to map. Anything else is an error naming its place.
         */
        private Types types(JsonNode typeNode, String pointer, Path inFile) {
            if (typeNode == null) {
                return Types.NONE;
            }
            if (typeNode.isTextual() && TYPES.contains(typeNode.asText())) {
                return new Types(typeNode.asText(), List.of(), false);
            }
            if (typeNode.isArray() && !typeNode.isEmpty()) {
                Set<String> listed = new LinkedHashSet<>();
                for (JsonNode t : typeNode) {
                    if (!t.isTextual() || !TYPES.contains(t.asText())) {
                        problems.error(
                                inFile,
                                pointer,
                                "unknown type " + t + " in " + typeNode
                                        + "; expected string, number, integer, boolean, array, object, file or null");
                        return Types.NONE;
                    }
                    listed.add(t.asText());
                }
                boolean nullable = listed.remove("null");
                if (listed.size() <= 1) {
                    String single =
                            listed.isEmpty() ? "null" : listed.iterator().next();
                    deviation(
                            inFile,
                            pointer,
                            "OpenAPI v2 allows one type, not a list: " + typeNode + "; read as "
                                    + (nullable && !listed.isEmpty() ? "a " + single + " that may be null" : single));
                    return new Types(single, List.of(), nullable);
                }
                deviation(
                        inFile,
                        pointer,
                        "OpenAPI v2 allows one type, not a list: " + typeNode + "; read as IntOrString when it is"
                                + " string and numbers in a document that defines Kubernetes' IntOrString, else as any JSON value");
                return new Types(null, List.copyOf(listed), nullable);
            }
            problems.error(
                    inFile,
                    pointer,
                    "unknown type " + typeNode
                            + "; expected one of string, number, integer, boolean, array, object, file");
            return Types.NONE;
        }

        /** Whether {@code value} is a value of the schema type {@code type} (any value when there is no type). */
        private static boolean fits(JsonNode value, String type) {
            return switch (type == null ? "" : type) {
                case "string" -> value.isTextual();
                case "integer" ->
                    value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
                case "number" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                case "array" -> value.isArray();
                case "object" -> value.isObject();
                default -> true;
            };
        }

        /**
         * {@code #/definitions/Name} → Name, checking that it exists. The name is a JSON pointer segment ({@code ~1} is a
         * slash) and, as a URI fragment, may be percent-encoded ({@code My%20Type}).
         */
        private String definitionRef(String ref, String pointer) {
            String name = unescape(ref.substring(DEFINITIONS.length()));
            if (!definitionNames.contains(name) && name.contains("%")) {
                try {
                    name = java.net.URLDecoder.decode(
                            name.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    // not percent-encoding after all: reported as dangling below
                }
            }
            if (!definitionNames.contains(name)) {
                problems.error(file, pointer + "/$ref", "dangling $ref: \"" + ref + "\" names no definition");
                return null;
            }
            return name;
        }

        /** A local {@code $ref} to something other than a definition: read what it points at in place. */
        private Schema inlineRef(String ref, String pointer, Path inFile, JsonNode inRoot) {
            String target = ref.substring(1);
            if (inFile != file && target.startsWith("/definitions/")) {
                return schemaFromExternal(inFile, target, pointer);
            }
            JsonNode node = inRoot.at(target);
            if (node.isMissingNode()) {
                problems.error(inFile, pointer, "dangling $ref: \"" + ref + "\" points at nothing");
                return Schema.ANY;
            }
            if (inlining.contains(target) || inlining.size() > 64) {
                problems.error(
                        inFile,
                        pointer,
                        "$ref loop: \"" + ref + "\" refers back to itself through " + String.join(" → ", inlining));
                return Schema.ANY;
            }
            inlining.push(target);
            try {
                return schema(node, target, inFile, inRoot);
            } finally {
                inlining.pop();
            }
        }

        /** {@code other.json#/definitions/X}: reads the other file and makes X a definition of this document. */
        private String externalRef(String ref, String pointer, Path inFile) {
            int hash = ref.indexOf('#');
            String location = hash < 0 ? ref : ref.substring(0, hash);
            String fragment = hash < 0 ? "" : ref.substring(hash + 1);
            if (location.contains("://")) {
                problems.error(
                        inFile,
                        pointer,
                        "$ref \"" + ref + "\" is a URL; only files beside the document can be referenced");
                return null;
            }
            Path target;
            try {
                target = inFile.toAbsolutePath()
                        .normalize()
                        .getParent()
                        .resolve(location)
                        .normalize();
            } catch (java.nio.file.InvalidPathException e) {
                problems.error(inFile, pointer, "$ref \"" + ref + "\" is not a file name: " + e.getReason());
                return null;
            }
            if (!target.startsWith(folder)) {
                problems.error(
                        inFile, pointer, "$ref \"" + ref + "\" leaves the document's folder " + folder + "; refused");
                return null;
            }
            if (!Files.isRegularFile(target)) {
                if (hash < 0 && inFile.equals(file) && definitionNames.contains(ref)) {
                    // Swagger 1.2's way, still published: a bare name means the definition of that name
                    deviation(
                            inFile,
                            pointer,
                            "$ref \"" + ref + "\" is a bare name; read as \"#/definitions/" + ref + "\"");
                    return ref;
                }
                problems.error(inFile, pointer, "dangling $ref: \"" + ref + "\": no such file " + target);
                return null;
            }
            if (!externalDocuments.containsKey(target)) { // each file is read, and its errors reported, once
                externalDocuments.put(target, loader.load(target, problems));
            }
            JsonNode doc = externalDocuments.get(target);
            if (doc == null) {
                return null;
            }
            String name = fragment.isEmpty()
                    ? stripExtension(target.getFileName().toString())
                    : unescape(fragment.substring(fragment.lastIndexOf('/') + 1));
            String origin = target + "#" + fragment;
            String known = definitionOrigins.get(name);
            if (known != null) {
                if (!known.equals(origin)) {
                    problems.error(
                            inFile,
                            pointer,
                            "$ref \"" + ref + "\" brings a definition named \"" + name + "\", but " + known
                                    + " already has that name");
                    return null;
                }
                return name;
            }
            JsonNode node = fragment.isEmpty() ? doc : doc.at(fragment);
            if (node.isMissingNode()) {
                problems.error(inFile, pointer, "dangling $ref: \"" + ref + "\" points at nothing in " + target);
                return null;
            }
            definitionOrigins.put(name, origin);
            definitionNames.add(name);
            definitions.put(name, Schema.ANY); // placeholder: a cycle through the other file ends here
            definitions.put(name, schema(node, fragment, target, doc));
            return name;
        }

        private Schema schemaFromExternal(Path inFile, String target, String pointer) {
            String name = externalRef(inFile.getFileName() + "#" + target, pointer, inFile);
            return name == null ? Schema.ANY : Schema.refTo(pointer, name);
        }

        /** A definition that is only a {@code $ref} to another that is only a {@code $ref} back: no object anywhere. */
        private void checkAliasLoops() {
            for (var e : definitions.entrySet()) {
                Set<String> seen = new LinkedHashSet<>();
                Schema s = e.getValue();
                String name = e.getKey();
                while (s != null && s.isRef() && s.properties().isEmpty() && s.type() == null) {
                    if (!seen.add(name)) {
                        problems.error(
                                file,
                                "/definitions/" + escape(e.getKey()),
                                "$ref loop with no schema in it: " + String.join(" → ", seen) + " → " + name);
                        break;
                    }
                    name = s.ref();
                    s = definitions.get(name);
                }
            }
        }

        // ---- paths and operations ---------------------------------------------------------------------

        private List<Operation> operations() {
            List<Operation> result = new ArrayList<>();
            JsonNode paths = root.path("paths");
            if (paths.isMissingNode()) {
                return result;
            }
            if (!paths.isObject()) {
                problems.error(file, "/paths", "expected an object of paths, found " + kind(paths));
                return result;
            }
            boolean globalSecurity = root.path("security").size() > 0;
            Map<String, String> operationIds = new HashMap<>(); // where each was first seen
            for (var it = paths.fields(); it.hasNext(); ) {
                var e = it.next();
                String path = e.getKey();
                String pathPointer = "/paths/" + escape(path);
                JsonNode item = e.getValue();
                if (path.startsWith("x-")) {
                    continue;
                }
                if (!item.isObject()) {
                    problems.error(file, pathPointer, "expected a path item object, found " + kind(item));
                    continue;
                }
                if (!path.startsWith("/")) {
                    problems.error(file, pathPointer, "a path must start with '/'");
                }
                List<Parameter> shared = parameters(item.path("parameters"), pathPointer + "/parameters");
                for (String method : METHODS) {
                    JsonNode op = item.get(method);
                    if (op == null) {
                        continue;
                    }
                    String pointer = pathPointer + "/" + method;
                    if (!op.isObject()) {
                        problems.error(file, pointer, "expected an operation object, found " + kind(op));
                        continue;
                    }
                    Operation operation = operation(path, method, op, shared, pointer, globalSecurity);
                    result.add(operation);
                    String id = operation.operationId();
                    if (id == null && operation.kubernetesAction() == null) { // a resource's verb needs no name
                        deviation(file, pointer, "no operationId; the method is named after the HTTP method and path");
                    } else if (operationIds.putIfAbsent(id, pointer) != null) {
                        deviation(
                                file,
                                pointer + "/operationId",
                                "operationId \"" + id + "\" is also the one of " + operationIds.get(id)
                                        + "; operationIds must be unique, this method gets a name of its own");
                    }
                }
            }
            return result;
        }

        private Operation operation(
                String path,
                String method,
                JsonNode op,
                List<Parameter> shared,
                String pointer,
                boolean globalSecurity) {
            Map<String, Parameter> params = new LinkedHashMap<>();
            for (Parameter p : shared) {
                params.put(p.in() + ":" + p.name(), p);
            }
            for (Parameter p : parameters(op.path("parameters"), pointer + "/parameters")) {
                params.put(p.in() + ":" + p.name(), p);
            }
            List<Response> responses = new ArrayList<>();
            JsonNode rs = op.path("responses");
            if (!rs.isObject()) {
                problems.error(
                        file,
                        pointer + "/responses",
                        rs.isMissingNode()
                                ? "an operation needs responses"
                                : "expected an object of responses, found " + kind(rs));
            } else {
                for (var it = rs.fields(); it.hasNext(); ) {
                    var r = it.next();
                    if (r.getKey().startsWith("x-")) {
                        continue;
                    }
                    responses.add(response(r.getKey(), r.getValue(), pointer + "/responses/" + escape(r.getKey())));
                }
                if (responses.stream().noneMatch(r -> r.status().startsWith("2"))
                        && responses.stream().anyMatch(r -> r.status().equals("default"))) {
                    deviation(
                            file,
                            pointer + "/responses",
                            "no 2xx response, only \"default\": the default response is read"
                                    + " as what a successful call answers");
                }
            }
            JsonNode security = op.get("security");
            boolean secured = security == null ? globalSecurity : security.size() > 0;
            return new Operation(
                    path,
                    method,
                    textOf(op, "operationId", pointer, file),
                    strings(op.path("tags"), pointer + "/tags"),
                    textOf(op, "summary", pointer, file),
                    textOf(op, "description", pointer, file),
                    strings(op.path("consumes"), pointer + "/consumes"),
                    strings(op.path("produces"), pointer + "/produces"),
                    List.copyOf(params.values()),
                    responses,
                    op.path("deprecated").asBoolean(false),
                    secured,
                    Extensions.of(op),
                    pointer);
        }

        private List<Parameter> parameters(JsonNode list, String pointer) {
            if (list.isMissingNode()) {
                return List.of();
            }
            if (!list.isArray()) {
                problems.error(file, pointer, "expected a list of parameters, found " + kind(list));
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
                        problems.error(
                                file,
                                at + "/$ref",
                                "a parameter $ref must point into #/parameters/, found \"" + target + "\"");
                        continue;
                    }
                    at = target.substring(1);
                    node = root.at(at);
                    if (node.isMissingNode()) {
                        problems.error(
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
                problems.error(file, pointer, "expected a parameter object, found " + kind(node));
                return null;
            }
            String name = textOf(node, "name", pointer, file);
            String in = textOf(node, "in", pointer, file);
            if (name == null) {
                problems.error(file, pointer, "a parameter needs a name");
                return null;
            }
            if (in == null || !PARAMETER_LOCATIONS.contains(in)) {
                problems.error(
                        file,
                        pointer + "/in",
                        "unknown parameter location " + (in == null ? "(none)" : "\"" + in + "\"")
                                + "; expected path, query, header, body or formData");
                return null;
            }
            Schema schema;
            if ("body".equals(in)) {
                schema = schema(node.get("schema"), pointer + "/schema", file, root);
                if (schema == null) {
                    problems.error(file, pointer, "a body parameter needs a schema");
                    schema = Schema.ANY;
                }
            } else {
                // type, format, items, enum and default live on the parameter itself; its "required" is a boolean
                com.fasterxml.jackson.databind.node.ObjectNode own = node.deepCopy();
                own.remove("required");
                schema = schema(own, pointer, file, root);
            }
            boolean required = node.path("required").asBoolean(false) || "path".equals(in);
            return new Parameter(
                    name,
                    in,
                    textOf(node, "description", pointer, file),
                    required,
                    schema,
                    textOf(node, "collectionFormat", pointer, file),
                    Extensions.of(node),
                    pointer);
        }

        private Response response(String status, JsonNode node, String pointer) {
            JsonNode ref = node.get("$ref");
            if (ref != null) {
                String target = ref.asText();
                JsonNode resolved = target.startsWith("#/responses/") ? root.at(target.substring(1)) : null;
                if (resolved == null || resolved.isMissingNode()) {
                    problems.error(file, pointer + "/$ref", "dangling $ref: \"" + target + "\" names no response");
                    return new Response(status, null, null, Map.of(), Extensions.NONE);
                }
                node = resolved;
                pointer = target.substring(1);
            }
            if (!node.isObject()) {
                problems.error(file, pointer, "expected a response object, found " + kind(node));
                return new Response(status, null, null, Map.of(), Extensions.NONE);
            }
            Map<String, Schema> headers = new LinkedHashMap<>();
            for (var it = node.path("headers").fields(); it.hasNext(); ) {
                var h = it.next();
                headers.put(h.getKey(), schema(h.getValue(), pointer + "/headers/" + escape(h.getKey()), file, root));
            }
            return new Response(
                    status,
                    textOf(node, "description", pointer, file),
                    schema(node.get("schema"), pointer + "/schema", file, root),
                    headers,
                    Extensions.of(node));
        }

        private Map<String, ApiSpec.SecurityScheme> securityDefinitions() {
            Map<String, ApiSpec.SecurityScheme> result = new LinkedHashMap<>();
            for (var it = root.path("securityDefinitions").fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode n = e.getValue();
                result.put(
                        e.getKey(),
                        new ApiSpec.SecurityScheme(
                                text(n, "type"), text(n, "name"), text(n, "in"), text(n, "description")));
            }
            return result;
        }

        // ---- small helpers ----------------------------------------------------------------------------

        private String textOf(JsonNode node, String field, String pointer, Path inFile) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isValueNode()) {
                problems.error(inFile, pointer + "/" + escape(field), "expected a string, found " + kind(v));
                return null;
            }
            return v.asText();
        }

        private List<String> strings(JsonNode node, String pointer) {
            return strings(node, pointer, file);
        }

        private List<String> strings(JsonNode node, String pointer, Path inFile) {
            if (node.isMissingNode() || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                problems.error(inFile, pointer, "expected a list of strings, found " + kind(node));
                return List.of();
            }
            List<String> result = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isTextual()) {
                    problems.error(inFile, pointer + "/" + i, "expected a string, found " + kind(node.get(i)));
                } else {
                    result.add(node.get(i).asText());
                }
            }
            return result;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isValueNode() || v.isNull() ? null : v.asText();
    }

    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** JSON pointer escaping (RFC 6901). */
    static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
