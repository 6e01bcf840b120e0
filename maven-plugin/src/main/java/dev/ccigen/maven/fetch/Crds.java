package dev.ccigen.maven.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccigen.generator.link.LinkOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The CustomResourceDefinitions {@code ccigen:fetch} keeps in the CRD folder, one file each ({@code
 * jobs.batch.volcano.sh.json}): read from a cluster's list or from the folder, compared, and written as manifests a
 * project would publish, without what the server adds to each (its status, uid, resourceVersion, generation,
 * timestamps and managedFields, and kubectl's last-applied annotation).
 *
 * @param files file name to manifest
 */
public record Crds(SortedMap<String, JsonNode> files) {
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    public Crds {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** None: the set before a first fetch, or when no CRD folder is kept. */
    static final Crds NONE = new Crds(new TreeMap<>());

    /** A page of the cluster's list, checked to be one. */
    static JsonNode list(byte[] bytes, String where) throws FetchException {
        JsonNode list;
        try {
            list = CanonicalJson.JSON.readTree(bytes);
        } catch (IOException e) {
            list = null;
        }
        if (list == null
                || !"CustomResourceDefinitionList".equals(list.path("kind").asText())) {
            throw new FetchException(where + " answered "
                    + (list == null
                            ? "something that is not JSON"
                            : "a " + list.path("kind").asText("JSON value without a kind"))
                    + " where a CustomResourceDefinitionList was expected");
        }
        return list;
    }

    /** Whether a served version of {@code crd} is of a group-version the filters keep. */
    static boolean kept(JsonNode crd, List<String> include, List<String> exclude) {
        String group = crd.path("spec").path("group").asText();
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("served").asBoolean(false)
                    && LinkOptions.includes(
                            include, exclude, group, v.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The manifest of a CRD the server answered: its apiVersion, kind, name, labels, annotations and spec. */
    static JsonNode manifest(JsonNode crd) {
        ObjectNode manifest = CanonicalJson.JSON.createObjectNode();
        manifest.put("apiVersion", "apiextensions.k8s.io/v1");
        manifest.put("kind", "CustomResourceDefinition");
        ObjectNode metadata = manifest.putObject("metadata");
        JsonNode served = crd.path("metadata");
        metadata.put("name", served.path("name").asText());
        if (served.path("labels").size() > 0) {
            metadata.set("labels", served.get("labels"));
        }
        ObjectNode annotations = served.path("annotations").isObject()
                ? ((ObjectNode) served.get("annotations")).deepCopy()
                : CanonicalJson.JSON.createObjectNode();
        annotations.remove(LAST_APPLIED);
        if (!annotations.isEmpty()) {
            metadata.set("annotations", annotations);
        }
        manifest.set("spec", crd.path("spec"));
        return manifest;
    }

    /** The {@code *.json} files at the top of {@code folder}; none when there is no such folder. */
    static Crds read(Path folder) throws IOException {
        SortedMap<String, JsonNode> files = new TreeMap<>();
        if (folder != null && Files.isDirectory(folder)) {
            for (Path file : ListingSet.jsonFiles(folder)) {
                try {
                    files.put(file.getFileName().toString(), CanonicalJson.JSON.readTree(file.toFile()));
                } catch (com.fasterxml.jackson.core.JacksonException e) {
                    // not JSON: replaced by what is fetched
                }
            }
        }
        return new Crds(files);
    }

    /**
     * What changed from {@code before} to this set: {@code + crd name}, {@code - crd name}, {@code ~ crd name: served
     * versions v1beta1 → v1beta1, v1} or {@code ~ crd name: schema or names}.
     */
    List<String> changesFrom(Crds before) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : files.entrySet()) {
            String name = e.getKey().replaceFirst("\\.json$", "");
            JsonNode old = before.files.get(e.getKey());
            if (old == null) {
                lines.add("+ crd " + name + " (" + versions(e.getValue()) + ")");
            } else if (!old.equals(e.getValue())) {
                String was = versions(old);
                String now = versions(e.getValue());
                lines.add("~ crd " + name + ": "
                        + (was.equals(now) ? "schema or names" : "served versions " + was + " → " + now));
            }
        }
        for (String file : before.files.keySet()) {
            if (!files.containsKey(file)) {
                lines.add("- crd " + file.replaceFirst("\\.json$", ""));
            }
        }
        return lines;
    }

    private static String versions(JsonNode crd) {
        TreeSet<String> served = new TreeSet<>();
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("served").asBoolean(false)) {
                served.add(v.path("name").asText());
            }
        }
        return String.join(", ", served);
    }
}
