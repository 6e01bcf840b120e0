package dev.ccigen.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paths of the resources Kubernetes' swagger does not have (Network, EIPPool, VolcanoJob, PodMetrics), made from a
 * template resource of that swagger the way the apiserver makes them for any namespaced resource. Only the
 * operations listed in `custom-resources.json` are made; names, kind, $refs and documented responses are rewritten.
 */
final class CustomResourcePaths {
    private static final String DEFINITIONS = "#/definitions/";
    private static final String STATUS = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";

    private final JsonNode swaggerPaths;
    private final JsonNode template;

    CustomResourcePaths(JsonNode swagger, JsonNode config) {
        this.swaggerPaths = swagger.get("paths");
        this.template = config.get("template");
    }

    ObjectNode build(JsonNode config) {
        ObjectNode out = Json.NODES.objectNode();
        for (JsonNode resource : config.get("resources")) {
            addGroupEndpoints(
                    out, resource.get("group").asText(), resource.get("version").asText());
            for (JsonNode operation : resource.get("operations")) {
                addOperation(out, resource, operation);
            }
        }
        return out;
    }

    private void addOperation(ObjectNode out, JsonNode resource, JsonNode operation) {
        String shape = operation.get("shape").asText();
        String method = operation.get("method").asText();
        String templatePath = path(text(template, "group"), text(template, "version"), text(template, "plural"), shape);
        JsonNode templateItem = swaggerPaths.get(templatePath);
        if (templateItem == null || !templateItem.has(method)) {
            throw new IllegalStateException("template has no " + method + " " + templatePath);
        }
        String path = path(text(resource, "group"), text(resource, "version"), text(resource, "plural"), shape);
        ObjectNode item = out.has(path) ? (ObjectNode) out.get(path) : out.putObject(path);
        if (!item.has("parameters") && templateItem.has("parameters")) {
            item.set("parameters", parameters(templateItem.get("parameters")));
        }
        item.set(method, rewrite(templateItem.get(method), resource, operation));
    }

    /** A namespaced path of a resource in the shape Kubernetes serves it. */
    static String path(String group, String version, String plural, String shape) {
        String base = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        return switch (shape) {
            case "collection" -> base + "/namespaces/{namespace}/" + plural;
            case "item" -> base + "/namespaces/{namespace}/" + plural + "/{name}";
            case "status" -> base + "/namespaces/{namespace}/" + plural + "/{name}/status";
            case "watchlist" -> base + "/watch/namespaces/{namespace}/" + plural;
            case "watch" -> base + "/watch/namespaces/{namespace}/" + plural + "/{name}";
            default -> throw new IllegalArgumentException("unknown path shape " + shape);
        };
    }

    private ObjectNode rewrite(JsonNode templateOperation, JsonNode resource, JsonNode operation) {
        String group = text(resource, "group");
        String version = text(resource, "version");
        String kind = text(resource, "kind");
        String templateKind = text(template, "kind");
        ObjectNode op = (ObjectNode) retarget(templateOperation.deepCopy(), resource);

        String id = op.get("operationId")
                .asText()
                .replace(
                        Names.groupVersionToken(text(template, "group"), text(template, "version")),
                        Names.groupVersionToken(group, version))
                .replace("Namespaced" + templateKind, "Namespaced" + kind);
        op.put("operationId", id);
        op.put(
                "description",
                op.get("description")
                        .asText()
                        .replaceAll("\\b" + Pattern.quote(templateKind) + "\\b", Matcher.quoteReplacement(kind)));
        op.set("tags", Json.array(List.of(Names.tag(group, version))));
        ObjectNode gvk = op.putObject("x-kubernetes-group-version-kind");
        gvk.put("group", group);
        gvk.put("kind", kind);
        gvk.put("version", version);
        if (op.has("parameters")) {
            op.set("parameters", parameters(op.get("parameters")));
        }
        if (operation.has("consumes")) {
            op.set("consumes", operation.get("consumes").deepCopy());
        }
        if (operation.has("responses")) {
            replaceSuccessResponses((ObjectNode) op.get("responses"), operation.get("responses"), resource);
        }
        return op;
    }

    /** The documented success responses replace the template's 2xx ones; 401 and others stay. */
    private static void replaceSuccessResponses(ObjectNode responses, JsonNode documented, JsonNode resource) {
        List<String> success = iterable(responses.fieldNames()).stream()
                .filter(code -> code.startsWith("2"))
                .toList();
        success.forEach(responses::remove);
        Iterator<Map.Entry<String, JsonNode>> entries = documented.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String definition = switch (entry.getValue().asText()) {
                case "kind" -> text(resource, "definition");
                case "list" -> text(resource, "listDefinition");
                case "status" -> STATUS;
                default -> throw new IllegalArgumentException("unknown response body " + entry.getValue());
            };
            ObjectNode response = responses.putObject(entry.getKey());
            response.put(
                    "description",
                    switch (entry.getKey()) {
                        case "200" -> "OK";
                        case "201" -> "Created";
                        case "202" -> "Accepted";
                        default -> throw new IllegalArgumentException("unexpected success status " + entry.getKey());
                    });
            response.putObject("schema").put("$ref", DEFINITIONS + definition);
        }
    }

    /** `/apis/<group>/` and `/apis/<group>/<version>/`, as Kubernetes serves them for every group. */
    private void addGroupEndpoints(ObjectNode out, String group, String version) {
        String templateGroup = text(template, "group");
        String templateVersion = text(template, "version");
        ObjectNode groupOp = (ObjectNode)
                swaggerPaths.get("/apis/" + templateGroup + "/").get("get").deepCopy();
        groupOp.put("operationId", "get" + Names.groupToken(group) + "APIGroup");
        groupOp.set("tags", Json.array(List.of(Names.groupTag(group))));
        out.putObject("/apis/" + group + "/").set("get", groupOp);

        ObjectNode versionOp = (ObjectNode) swaggerPaths
                .get("/apis/" + templateGroup + "/" + templateVersion + "/")
                .get("get")
                .deepCopy();
        versionOp.put("operationId", "get" + Names.groupVersionToken(group, version) + "APIResources");
        versionOp.set("tags", Json.array(List.of(Names.tag(group, version))));
        out.putObject("/apis/" + group + "/" + version + "/").set("get", versionOp);
    }

    /** The template's parameters without those CCI's resources do not take. */
    private ArrayNode parameters(JsonNode templateParameters) {
        List<String> drop = Json.strings(template.get("dropParameters"));
        ArrayNode out = Json.NODES.arrayNode();
        for (JsonNode parameter : templateParameters) {
            if (!drop.contains(parameter.path("name").asText())) {
                out.add(parameter.deepCopy());
            }
        }
        return out;
    }

    /** Points the template's $refs to the resource's definitions. */
    private JsonNode retarget(JsonNode node, JsonNode resource) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual()) {
                String target = ref.asText();
                if (target.equals(DEFINITIONS + text(template, "definition"))) {
                    object.put("$ref", DEFINITIONS + text(resource, "definition"));
                } else if (target.equals(DEFINITIONS + text(template, "listDefinition"))) {
                    object.put("$ref", DEFINITIONS + text(resource, "listDefinition"));
                }
            }
            object.forEach(child -> retarget(child, resource));
        } else if (node.isArray()) {
            node.forEach(child -> retarget(child, resource));
        }
        return node;
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IllegalStateException("missing '" + field + "' in " + node);
        }
        return value.asText();
    }
}
