package dev.ccigen.specs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccigen.generator.link.PathShape;
import java.util.ArrayList;
import java.util.List;

/** What CCI serves, read from `served-resources.json`: groups, versions, resources, subresources. */
record ServedResources(List<Group> groups) {

    record Group(String name, boolean listed, List<Version> versions) {
        Version preferred() {
            return versions.get(0);
        }
    }

    record Version(String group, String version, List<Resource> resources) {
        String groupVersion() {
            return Names.groupVersion(group, version);
        }
    }

    /**
     * One resource; `custom` ones are described in `custom-resources.json`, the others come from Kubernetes. `verbs`,
     * when not empty, are the ones the listings grant (else every verb the document's operations serve).
     */
    record Resource(
            String name,
            boolean custom,
            List<String> shortNames,
            List<String> categories,
            List<String> subresources,
            List<String> verbs) {}

    static ServedResources load() {
        JsonNode root = Json.resource("served-resources.json");
        List<Group> groups = new ArrayList<>();
        for (JsonNode g : root.get("groups")) {
            String group = g.get("name").asText();
            List<Version> versions = new ArrayList<>();
            for (JsonNode v : g.get("versions")) {
                List<Resource> resources = new ArrayList<>();
                for (JsonNode r : v.get("resources")) {
                    resources.add(new Resource(
                            r.get("name").asText(),
                            r.path("custom").asBoolean(false),
                            Json.strings(r.get("shortNames")),
                            Json.strings(r.get("categories")),
                            Json.strings(r.get("subresources")),
                            Json.strings(r.get("verbs"))));
                }
                versions.add(new Version(group, v.get("version").asText(), List.copyOf(resources)));
            }
            groups.add(new Group(group, g.path("listed").asBoolean(true), List.copyOf(versions)));
        }
        return new ServedResources(List.copyOf(groups));
    }

    List<Group> listedGroups() {
        return groups.stream().filter(Group::listed).toList();
    }

    /** The served version holding this group/version, or null. */
    Version version(String group, String version) {
        for (Group g : groups) {
            for (Version v : g.versions()) {
                if (g.name().equals(group) && v.version().equals(version)) {
                    return v;
                }
            }
        }
        return null;
    }

    boolean isListed(String group) {
        return groups.stream().anyMatch(g -> g.name().equals(group) && g.listed());
    }

    /** Whether a Kubernetes path addresses a served resource or subresource (custom resources are built elsewhere). */
    boolean servesKubernetesPath(PathShape shape) {
        Version v = version(shape.group(), shape.version());
        if (v == null) {
            return false;
        }
        for (Resource r : v.resources()) {
            if (!r.custom() && r.name().equals(shape.plural())) {
                return shape.subresource() == null
                        || !shape.extraPath() && r.subresources().contains(shape.subresource());
            }
        }
        return false;
    }
}
