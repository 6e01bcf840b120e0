package dev.ccigen.generator.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccigen.generator.problem.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the API-groups listings: either a folder with one JSON file per discovery document, named after
 * its request path as in Kubernetes' {@code api/discovery/} folder ({@code api.json} for {@code /api},
 * {@code apis__apps__v1.json} for {@code /apis/apps/v1}), or one aggregated discovery document
 * ({@code APIGroupDiscoveryList}, {@code apidiscovery.k8s.io/v2} or {@code v2beta1}).
 *
 * <p>Kinds read: {@code APIVersions}, {@code APIGroupList}, {@code APIGroup}, {@code APIResourceList},
 * {@code APIGroupDiscoveryList}. A document without {@code kind} (some documentation examples lack it) is
 * recognised by its file name.
 */
public final class DiscoveryReader {
    private final DocumentLoader loader = new DocumentLoader();

    public Discovery read(Path source, Problems problems) {
        if (Files.isDirectory(source)) {
            return readFolder(source, problems);
        }
        if (!Files.isRegularFile(source)) {
            problems.error(source, null, "no such file or folder of API-groups listings");
            return null;
        }
        JsonNode doc = loader.load(source, problems);
        if (doc == null) {
            return null;
        }
        if (!"APIGroupDiscoveryList".equals(doc.path("kind").asText())) {
            problems.error(
                    source,
                    "/kind",
                    "expected an aggregated discovery document (kind APIGroupDiscoveryList), found "
                            + (doc.has("kind") ? "kind " + doc.get("kind") : "no kind")
                            + "; give a folder of listing files instead");
            return null;
        }
        return new Discovery(source, aggregated(doc, source, problems));
    }

    // ---- a folder of listing files ---------------------------------------------------------------

    private Discovery readFolder(Path folder, Problems problems) {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.error(folder, null, "cannot list: " + e.getMessage());
            return null;
        }
        if (files.isEmpty()) {
            problems.error(folder, null, "no listing files (*.json) in this folder");
            return null;
        }
        Listings listings = new Listings();
        for (Path file : files) {
            JsonNode doc = loader.load(file, problems);
            if (doc == null) {
                continue;
            }
            if (!doc.isObject()) {
                problems.error(file, "", "expected a discovery document (an object), found " + NodeReader.kind(doc));
                continue;
            }
            listing(doc, file, listings, problems);
        }
        List<Discovery.GroupVersion> result = listings.withPreferences();
        checkAnnounced(listings.announced, result, folder, problems);
        return new Discovery(folder, result);
    }

    /** What the files of a folder say, gathered file by file. */
    private static final class Listings {
        final Map<String, String> preferred = new LinkedHashMap<>(); // group -> preferred version
        final List<String> announced = new ArrayList<>(); // "group/version" the group documents list
        final List<Discovery.GroupVersion> groupVersions = new ArrayList<>();

        /** The group-versions, each preferred when a group document says so. */
        List<Discovery.GroupVersion> withPreferences() {
            List<Discovery.GroupVersion> result = new ArrayList<>();
            for (Discovery.GroupVersion gv : groupVersions) {
                String pref = preferred.get(gv.group());
                boolean isPreferred = gv.preferred() || gv.version().equals(pref);
                result.add(
                        new Discovery.GroupVersion(gv.group(), gv.version(), isPreferred, gv.resources(), gv.file()));
            }
            return result;
        }
    }

    /** One listing file, by its kind (or, without one, by its name). */
    private void listing(JsonNode doc, Path file, Listings listings, Problems problems) {
        String kind = doc.path("kind").asText(kindFromFileName(file));
        switch (kind) {
            case "APIVersions" -> {
                for (JsonNode v : array(doc, "versions", file, problems)) {
                    listings.announced.add("/" + v.asText());
                }
                listings.preferred.putIfAbsent("", "v1");
            }
            case "APIGroupList" -> {
                JsonNode groups = doc.path("groups");
                for (int i = 0; i < groups.size(); i++) {
                    group(groups.get(i), file, "/groups/" + i, listings.preferred, listings.announced, problems);
                }
                if (!groups.isArray()) {
                    problems.error(file, "/groups", "expected a list of groups, found " + NodeReader.kind(groups));
                }
            }
            case "APIGroup" -> group(doc, file, "", listings.preferred, listings.announced, problems);
            case "APIResourceList" -> {
                Discovery.GroupVersion gv = resourceList(doc, file, problems);
                if (gv != null) {
                    listings.groupVersions.add(gv);
                }
            }
            case "APIGroupDiscoveryList" -> listings.groupVersions.addAll(aggregated(doc, file, problems));
            default ->
                problems.error(
                        file,
                        "/kind",
                        "unknown discovery document kind \"" + kind
                                + "\"; expected APIVersions, APIGroupList, APIGroup, APIResourceList or APIGroupDiscoveryList");
        }
    }

    /** A group-version the group documents announce without a resource list is a warning. */
    private static void checkAnnounced(
            List<String> announced, List<Discovery.GroupVersion> result, Path folder, Problems problems) {
        for (String gv : announced) {
            String group = gv.substring(0, gv.indexOf('/'));
            String version = gv.substring(gv.indexOf('/') + 1);
            if (result.stream()
                    .noneMatch(r -> r.group().equals(group) && r.version().equals(version))) {
                problems.warning(
                        folder,
                        null,
                        "the listings announce " + (group.isEmpty() ? version : group + "/" + version)
                                + " but have no resource list for it (expected " + fileNameOf(group, version) + ")");
            }
        }
    }

    private void group(
            JsonNode g,
            Path file,
            String pointer,
            Map<String, String> preferred,
            List<String> announced,
            Problems problems) {
        String name = g.path("name").asText(null);
        if (name == null) {
            problems.error(file, pointer + "/name", "a group needs a name");
            return;
        }
        String pref = g.path("preferredVersion").path("version").asText(null);
        if (pref != null) {
            preferred.put(name, pref);
        }
        for (JsonNode v : array(g, "versions", file, problems)) {
            String version = v.path("version").asText(null);
            if (version != null && !announced.contains(name + "/" + version)) {
                announced.add(name + "/" + version);
            }
        }
    }

    private Discovery.GroupVersion resourceList(JsonNode doc, Path file, Problems problems) {
        String gv = doc.path("groupVersion").asText(null);
        if (gv == null) {
            problems.error(file, "/groupVersion", "an APIResourceList needs a groupVersion");
            return null;
        }
        int slash = gv.indexOf('/');
        String group = slash < 0 ? "" : gv.substring(0, slash);
        String version = slash < 0 ? gv : gv.substring(slash + 1);
        List<Discovery.Resource> resources = new ArrayList<>();
        JsonNode list = doc.path("resources");
        if (!list.isArray()) {
            problems.error(file, "/resources", "expected a list of resources, found " + NodeReader.kind(list));
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String pointer = "/resources/" + i;
            String name = r.path("name").asText(null);
            String kind = r.path("kind").asText(null);
            if (name == null || kind == null) {
                problems.error(file, pointer, "a resource needs a name and a kind");
                continue;
            }
            if (!r.path("namespaced").isBoolean()) {
                problems.error(
                        file,
                        pointer + "/namespaced",
                        "expected true or false, found " + NodeReader.kind(r.path("namespaced")));
            }
            resources.add(new Discovery.Resource(
                    name,
                    r.path("singularName").asText(""),
                    kind,
                    r.path("namespaced").asBoolean(false),
                    texts(r, "verbs", file, pointer, problems),
                    texts(r, "shortNames", file, pointer, problems),
                    texts(r, "categories", file, pointer, problems),
                    emptyToNull(r.path("group").asText(null)),
                    emptyToNull(r.path("version").asText(null)),
                    new Discovery.Resource.Place(file, pointer)));
        }
        return new Discovery.GroupVersion(group, version, false, resources, file);
    }

    // ---- the aggregated document ------------------------------------------------------------------

    private List<Discovery.GroupVersion> aggregated(JsonNode doc, Path file, Problems problems) {
        List<Discovery.GroupVersion> result = new ArrayList<>();
        JsonNode items = doc.path("items");
        if (!items.isArray()) {
            problems.error(file, "/items", "expected a list of groups, found " + NodeReader.kind(items));
            return result;
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String group = item.path("metadata").path("name").asText("");
            JsonNode versions = item.path("versions");
            for (int v = 0; v < versions.size(); v++) {
                JsonNode ver = versions.get(v);
                String base = "/items/" + i + "/versions/" + v;
                String version = ver.path("version").asText(null);
                if (version == null) {
                    problems.error(file, base + "/version", "a version entry needs a version");
                    continue;
                }
                List<Discovery.Resource> resources = new ArrayList<>();
                JsonNode rs = ver.path("resources");
                for (int r = 0; r < rs.size(); r++) {
                    aggregatedResource(rs.get(r), file, base + "/resources/" + r, resources, problems);
                }
                // The aggregated document lists versions in order of preference: the first is preferred.
                result.add(new Discovery.GroupVersion(group, version, v == 0, resources, file));
            }
        }
        return result;
    }

    private void aggregatedResource(
            JsonNode r, Path file, String pointer, List<Discovery.Resource> out, Problems problems) {
        String name = r.path("resource").asText(null);
        JsonNode responseKind = r.path("responseKind");
        String kind = responseKind.path("kind").asText(null);
        if (name == null || kind == null) {
            problems.error(file, pointer, "a resource needs a resource name and a responseKind");
            return;
        }
        String scope = r.path("scope").asText("");
        if (!scope.equals("Namespaced") && !scope.equals("Cluster")) {
            problems.error(file, pointer + "/scope", "expected Namespaced or Cluster, found \"" + scope + "\"");
        }
        boolean namespaced = scope.equals("Namespaced");
        out.add(new Discovery.Resource(
                name,
                r.path("singularResource").asText(""),
                kind,
                namespaced,
                texts(r, "verbs", file, pointer, problems),
                texts(r, "shortNames", file, pointer, problems),
                texts(r, "categories", file, pointer, problems),
                emptyToNull(responseKind.path("group").asText(null)),
                emptyToNull(responseKind.path("version").asText(null)),
                new Discovery.Resource.Place(file, pointer)));
        JsonNode subs = r.path("subresources");
        for (int s = 0; s < subs.size(); s++) {
            JsonNode sub = subs.get(s);
            JsonNode subKind = sub.path("responseKind");
            String subName = sub.path("subresource").asText(null);
            if (subName == null) {
                problems.error(file, pointer + "/subresources/" + s, "a subresource needs a name");
                continue;
            }
            out.add(new Discovery.Resource(
                    name + "/" + subName,
                    "",
                    subKind.path("kind").asText(""),
                    namespaced,
                    texts(sub, "verbs", file, pointer + "/subresources/" + s, problems),
                    List.of(),
                    List.of(),
                    emptyToNull(subKind.path("group").asText(null)),
                    emptyToNull(subKind.path("version").asText(null)),
                    new Discovery.Resource.Place(file, pointer + "/subresources/" + s)));
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** {@code api.json} → APIVersions, {@code apis.json} → APIGroupList, {@code apis__g.json} → APIGroup, else APIResourceList. */
    public static String kindFromFileName(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        String[] parts = name.split("__");
        if (name.equals("api")) {
            return "APIVersions";
        }
        if (name.equals("apis")) {
            return "APIGroupList";
        }
        if (parts.length == 2 && parts[0].equals("apis")) {
            return "APIGroup";
        }
        return "APIResourceList";
    }

    static String fileNameOf(String group, String version) {
        return group.isEmpty() ? "api__" + version + ".json" : "apis__" + group + "__" + version + ".json";
    }

    private static Iterable<JsonNode> array(JsonNode node, String field, Path file, Problems problems) {
        JsonNode v = node.path(field);
        if (!v.isMissingNode() && !v.isArray()) {
            problems.error(file, "/" + field, "expected a list, found " + NodeReader.kind(v));
            return List.of();
        }
        return v;
    }

    private static List<String> texts(JsonNode node, String field, Path file, String pointer, Problems problems) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            problems.error(file, pointer + "/" + field, "expected a list of strings, found " + NodeReader.kind(v));
            return List.of();
        }
        List<String> result = new ArrayList<>(v.size());
        v.forEach(s -> result.add(s.asText()));
        return result;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
