package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API-groups listings: {@code /api}, {@code /apis}, {@code /apis/<group>} and each group-version's resource list.
 * Each is the listing file the client was generated from when there is one (kept to what the server serves: a
 * group-version, or a resource, the generation left out is left out here too), else made from the resource table.
 */
final class Discovery {
    private static final byte[] NONE = new byte[0];

    private final List<ResourceType> types;
    private final ApiDocuments documents;
    private final Set<String> groupVersions = new LinkedHashSet<>(); // "/api/v1", "/apis/apps/v1"
    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();

    Discovery(List<ResourceType> types, ApiDocuments documents) {
        this.types = types;
        this.documents = documents;
        types.forEach(t -> groupVersions.add(t.pathPrefix()));
    }

    /** The listing at {@code path}, or null when {@code path} is none. */
    byte[] listing(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        byte[] answer = answers.computeIfAbsent(p, k -> {
            JsonNode listing = build(k);
            return listing == null ? NONE : ObjectStore.encode(listing);
        });
        return answer == NONE ? null : answer;
    }

    private JsonNode build(String path) {
        boolean served = path.equals("/api")
                || path.equals("/apis")
                || groupVersions.contains(path)
                || (path.startsWith("/apis/") && path.indexOf('/', 6) < 0 && servesGroup(path.substring(6)));
        if (!served) {
            return null;
        }
        JsonNode file = file(path);
        if (file != null) {
            return keepServed(path, file);
        }
        if (path.equals("/api")) {
            ObjectNode versions = ObjectStore.JSON.createObjectNode().put("kind", "APIVersions");
            ArrayNode list = versions.putArray("versions");
            types.stream()
                    .filter(t -> t.group().isEmpty())
                    .map(ResourceType::version)
                    .distinct()
                    .forEach(list::add);
            versions.putArray("serverAddressByClientCIDRs")
                    .addObject()
                    .put("clientCIDR", "0.0.0.0/0")
                    .put("serverAddress", "");
            return versions;
        }
        if (path.equals("/apis")) {
            ObjectNode groups = ObjectStore.JSON
                    .createObjectNode()
                    .put("kind", "APIGroupList")
                    .put("apiVersion", "v1");
            ArrayNode list = groups.putArray("groups");
            types.stream()
                    .map(ResourceType::group)
                    .filter(g -> !g.isEmpty())
                    .distinct()
                    .forEach(g -> list.add(group(g)));
            return groups;
        }
        if (path.indexOf('/', 6) < 0 && path.startsWith("/apis/")) {
            return group(path.substring(6)).put("kind", "APIGroup").put("apiVersion", "v1");
        }
        return resourceList(path);
    }

    private boolean servesGroup(String group) {
        return !group.isEmpty() && types.stream().anyMatch(t -> t.group().equals(group));
    }

    private JsonNode file(String path) {
        byte[] bytes = documents.listing(path.substring(1).replace("/", "__") + ".json");
        if (bytes == null) {
            return null;
        }
        try {
            return ObjectStore.JSON.readTree(bytes);
        } catch (IOException e) {
            return null; // the generator read it; a file that no longer parses is answered from the table
        }
    }

    /** A listing file kept to the group-versions and resources the server serves. */
    private JsonNode keepServed(String path, JsonNode file) {
        if (!file.isObject()) {
            return file;
        }
        ObjectNode listing = ((ObjectNode) file).deepCopy();
        if (path.equals("/api")) {
            keep(listing.path("versions"), v -> groupVersions.contains("/api/" + v.asText()));
        } else if (path.equals("/apis")) {
            ArrayNode groups = (ArrayNode) listing.path("groups");
            if (groups != null && groups.isArray()) {
                for (JsonNode g : groups) {
                    keepVersions(g);
                }
                keep(groups, g -> !g.path("versions").isEmpty());
            }
        } else if (listing.has("versions")) { // a group
            keepVersions(listing);
        } else if (listing.path("resources").isArray()) {
            Set<String> plurals = new LinkedHashSet<>();
            types.stream().filter(t -> t.pathPrefix().equals(path)).forEach(t -> plurals.add(t.plural()));
            keep(
                    listing.path("resources"),
                    r -> plurals.contains(r.path("name").asText().split("/")[0]));
        }
        return listing;
    }

    private void keepVersions(JsonNode group) {
        String name = group.path("name").asText();
        keep(
                group.path("versions"),
                v -> groupVersions.contains(
                        "/apis/" + name + "/" + v.path("version").asText()));
    }

    private static void keep(JsonNode array, java.util.function.Predicate<JsonNode> kept) {
        if (array instanceof ArrayNode a) {
            for (int i = a.size() - 1; i >= 0; i--) {
                if (!kept.test(a.get(i))) {
                    a.remove(i);
                }
            }
        }
    }

    private ObjectNode group(String g) {
        ObjectNode group = ObjectStore.JSON.createObjectNode().put("name", g);
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

    private JsonNode resourceList(String path) {
        List<ResourceType> resources = new ArrayList<>();
        types.stream().filter(t -> t.pathPrefix().equals(path)).forEach(resources::add);
        ObjectNode listing = ObjectStore.JSON
                .createObjectNode()
                .put("kind", "APIResourceList")
                .put("apiVersion", "v1")
                .put("groupVersion", resources.get(0).apiVersion());
        ArrayNode list = listing.putArray("resources");
        for (ResourceType t : resources) {
            ObjectNode r = list.addObject()
                    .put("name", t.plural())
                    .put("singularName", t.kind().toLowerCase(Locale.ROOT))
                    .put("namespaced", t.namespaced())
                    .put("kind", t.kind());
            ArrayNode verbs = r.putArray("verbs");
            t.verbs().stream().sorted().forEach(verbs::add);
            if (!t.shortNames().isEmpty()) {
                ArrayNode shortNames = r.putArray("shortNames");
                t.shortNames().forEach(shortNames::add);
            }
            for (String sub : new TreeSet<>(t.subresources())) {
                Map<String, String> kindAndVerbs = SUBRESOURCES.getOrDefault(sub, Map.of(t.kind(), "get"));
                String kind = kindAndVerbs.keySet().iterator().next();
                ObjectNode s = list.addObject()
                        .put("name", t.plural() + "/" + sub)
                        .put("singularName", "")
                        .put("namespaced", t.namespaced())
                        .put("kind", kind.equals("*") ? t.kind() : kind);
                ArrayNode subVerbs = s.putArray("verbs");
                for (String v : kindAndVerbs.get(kind).split(" ")) {
                    subVerbs.add(v);
                }
            }
        }
        return listing;
    }

    /** What the API server lists for each subresource: its kind ({@code *}: the resource's) and verbs. */
    private static final Map<String, Map<String, String>> SUBRESOURCES = new LinkedHashMap<>();

    static {
        SUBRESOURCES.put("status", Map.of("*", "get patch update"));
        SUBRESOURCES.put("scale", Map.of("Scale", "get patch update"));
        SUBRESOURCES.put("log", Map.of("Pod", "get"));
        SUBRESOURCES.put("exec", Map.of("PodExecOptions", "create get"));
        SUBRESOURCES.put("attach", Map.of("PodAttachOptions", "create get"));
        SUBRESOURCES.put("portforward", Map.of("PodPortForwardOptions", "create get"));
        SUBRESOURCES.put("eviction", Map.of("Eviction", "create"));
        SUBRESOURCES.put("binding", Map.of("Binding", "create"));
    }
}
