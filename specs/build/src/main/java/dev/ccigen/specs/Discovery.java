package dev.ccigen.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccigen.generator.link.PathShape;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The API-groups listings (APIVersions, APIGroupList, APIGroup, APIResourceList), derived from the assembled
 * document so that the two cannot disagree: a resource's verbs are the actions of its operations, its kind the
 * operations' group-version-kind, and it is namespaced when it has paths under `namespaces/{namespace}`.
 * Keys are sorted, as in Kubernetes' own `api/discovery` files; `singularName` is "" as 1.20-era servers sent it.
 */
final class Discovery {
    private Discovery() {}

    /** File name (as in Kubernetes' api/discovery) -> listing. */
    static Map<String, JsonNode> build(JsonNode document, ServedResources served) {
        Map<String, JsonNode> files = new LinkedHashMap<>();
        ObjectNode versions = Json.NODES.objectNode();
        versions.put("kind", "APIVersions");
        versions.putArray("serverAddressByClientCIDRs");
        versions.set("versions", Json.array(List.of("v1")));
        files.put("api.json", versions);

        ObjectNode groupList = Json.NODES.objectNode();
        groupList.put("apiVersion", "v1");
        groupList.put("kind", "APIGroupList");
        ArrayNode groups = groupList.putArray("groups");
        files.put("apis.json", groupList);

        for (ServedResources.Group group : served.listedGroups()) {
            if (!group.name().isEmpty()) {
                ObjectNode entry = groupEntry(group);
                groups.add(entry.deepCopy());
                entry.put("apiVersion", "v1");
                entry.put("kind", "APIGroup");
                files.put(fileName("/apis/" + group.name()), entry);
            }
            for (ServedResources.Version version : group.versions()) {
                String endpoint = group.name().isEmpty()
                        ? "/api/" + version.version()
                        : "/apis/" + group.name() + "/" + version.version();
                files.put(fileName(endpoint), resourceList(document, version));
            }
        }
        Map<String, JsonNode> sorted = new LinkedHashMap<>();
        files.forEach((name, listing) -> sorted.put(name, Json.sorted(listing)));
        return sorted;
    }

    /** `/apis/batch.volcano.sh/v1alpha1` -> `apis__batch.volcano.sh__v1alpha1.json`. */
    static String fileName(String endpoint) {
        return endpoint.substring(1).replace("/", "__") + ".json";
    }

    /** The listing verb an operation grants; connect operations grant the verb of their HTTP method. */
    static String verb(String action, String method) {
        return switch (action) {
            case "get", "list", "patch", "delete", "deletecollection" -> action;
            case "watch", "watchlist" -> "watch";
            case "post" -> "create";
            case "put" -> "update";
            case "connect" ->
                switch (method) {
                    case "get" -> "get";
                    case "post" -> "create";
                    case "put" -> "update";
                    case "patch" -> "patch";
                    case "delete" -> "delete";
                    default -> null;
                };
            default -> throw new IllegalArgumentException("unknown x-kubernetes-action " + action);
        };
    }

    private static ObjectNode groupEntry(ServedResources.Group group) {
        ObjectNode entry = Json.NODES.objectNode();
        entry.put("name", group.name());
        entry.set("preferredVersion", versionEntry(group.preferred()));
        ArrayNode versions = entry.putArray("versions");
        group.versions().forEach(v -> versions.add(versionEntry(v)));
        return entry;
    }

    private static ObjectNode versionEntry(ServedResources.Version version) {
        return Json.NODES
                .objectNode()
                .put("groupVersion", version.groupVersion())
                .put("version", version.version());
    }

    private static ObjectNode resourceList(JsonNode document, ServedResources.Version version) {
        Map<String, Facts> facts = collect(document, version);
        ObjectNode list = Json.NODES.objectNode();
        if (!version.group().isEmpty()) {
            list.put("apiVersion", "v1"); // the core /api/v1 listing carries no apiVersion
        }
        list.put("groupVersion", version.groupVersion());
        list.put("kind", "APIResourceList");
        ArrayNode resources = list.putArray("resources");
        Map<String, ObjectNode> entries = new TreeMap<>();
        for (ServedResources.Resource resource : version.resources()) {
            entries.put(resource.name(), entry(resource.name(), facts, version, resource));
            for (String sub : resource.subresources()) {
                String name = resource.name() + "/" + sub;
                entries.put(name, entry(name, facts, version, null));
            }
        }
        entries.values().forEach(resources::add);
        return list;
    }

    private static ObjectNode entry(
            String name, Map<String, Facts> facts, ServedResources.Version version, ServedResources.Resource resource) {
        Facts f = facts.get(name);
        if (f == null) {
            throw new IllegalStateException(version.groupVersion() + " " + name + " is listed but has no operation");
        }
        ObjectNode entry = Json.NODES.objectNode();
        entry.put("name", name);
        entry.put("singularName", "");
        entry.put("namespaced", f.namespaced);
        if (!f.group.equals(version.group()) || !f.version.equals(version.version())) {
            entry.put("group", f.group);
            entry.put("version", f.version);
        }
        entry.put("kind", f.kind);
        entry.set("verbs", Json.array(grantedVerbs(name, f, resource)));
        if (resource != null && !resource.shortNames().isEmpty()) {
            entry.set("shortNames", Json.array(resource.shortNames()));
        }
        if (resource != null && !resource.categories().isEmpty()) {
            entry.set("categories", Json.array(resource.categories()));
        }
        return entry;
    }

    /** The document's verbs, or the subset `served-resources.json` grants; a verb the document lacks is a mistake. */
    private static List<String> grantedVerbs(String name, Facts f, ServedResources.Resource resource) {
        if (resource == null || resource.verbs().isEmpty()) {
            return List.copyOf(f.verbs);
        }
        for (String verb : resource.verbs()) {
            if (!f.verbs.contains(verb)) {
                throw new IllegalStateException(name + " grants " + verb + ", which the document does not serve");
            }
        }
        return resource.verbs();
    }

    /** What the document says about each resource of one group-version. */
    private static final class Facts {
        final TreeSet<String> verbs = new TreeSet<>();
        boolean namespaced;
        String group;
        String version;
        String kind;
    }

    private static Map<String, Facts> collect(JsonNode document, ServedResources.Version version) {
        Map<String, Facts> out = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            PathShape shape = PathShape.of(path.getKey());
            if (shape == null
                    || shape.resourceName() == null
                    || !shape.group().equals(version.group())
                    || !shape.version().equals(version.version())) {
                continue;
            }
            Facts f = out.computeIfAbsent(shape.resourceName(), k -> new Facts());
            f.namespaced |= shape.namespaced();
            List<String> methods = new ArrayList<>();
            path.getValue().fieldNames().forEachRemaining(methods::add);
            for (String method : methods) {
                JsonNode op = path.getValue().get(method);
                if (method.equals("parameters") || !op.has("x-kubernetes-action")) {
                    continue;
                }
                String verb = verb(op.get("x-kubernetes-action").asText(), method);
                if (verb != null) {
                    f.verbs.add(verb);
                }
                JsonNode gvk = op.get("x-kubernetes-group-version-kind");
                if (gvk != null && f.kind == null) {
                    f.group = gvk.get("group").asText();
                    f.version = gvk.get("version").asText();
                    f.kind = gvk.get("kind").asText();
                }
            }
        }
        return out;
    }
}
