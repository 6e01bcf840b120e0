package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Manifest files loaded into a server: see {@link ApiTestServer#load(Path)}. */
final class Manifests {
    private final ApiTestServer server;

    Manifests(ApiTestServer server) {
        this.server = server;
    }

    List<ObjectNode> load(Path path) {
        List<ObjectNode> stored = new ArrayList<>();
        for (Path file : files(path)) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            List<JsonNode> documents;
            try {
                documents = text.stripLeading().startsWith("{")
                                || text.stripLeading().startsWith("[")
                        ? List.of(ObjectStore.JSON.readTree(text))
                        : Yaml.read(text);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
            for (JsonNode doc : documents) {
                if (doc.path("kind").asText().endsWith("List")
                        && doc.path("items").isArray()) {
                    doc.path("items").forEach(item -> stored.add(put(file, item)));
                } else if (doc.isArray()) {
                    doc.forEach(item -> stored.add(put(file, item)));
                } else {
                    stored.add(put(file, doc));
                }
            }
        }
        return stored;
    }

    private ObjectNode put(Path file, JsonNode doc) {
        if (!doc.isObject()) {
            throw new IllegalArgumentException(file + ": a manifest is an object, found " + doc.getNodeType());
        }
        String apiVersion = doc.path("apiVersion").asText("");
        String kind = doc.path("kind").asText("");
        ResourceType type = server.resourceType(apiVersion, kind);
        if (type == null) {
            throw new IllegalArgumentException(
                    file + ": " + (kind.isEmpty() ? "an object without kind" : kind + " (" + apiVersion + ")")
                            + " is no resource of this server");
        }
        String namespace = !type.namespaced()
                ? null
                : doc.path("metadata").path("namespace").asText("").isEmpty()
                        ? "default"
                        : doc.path("metadata").path("namespace").asText();
        String name = doc.path("metadata").path("name").asText("");
        ObjectStore store = server.store();
        try {
            if (!name.isEmpty() && store.find(type, namespace, name) != null) {
                ObjectNode object = (ObjectNode) doc.deepCopy();
                ObjectStore.child(object, "metadata").remove("resourceVersion");
                return store.replace(type, namespace, name, object, false, ObjectStore.Write.DEFAULT).object;
            }
            return store.create(type, namespace, (ObjectNode) doc.deepCopy(), ObjectStore.Write.DEFAULT).object;
        } catch (StatusError e) {
            throw new IllegalArgumentException(file + ": " + kind + " " + name + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> files(Path path) {
        if (!Files.isDirectory(path)) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("no such manifest file or folder: " + path);
            }
            return List.of(path);
        }
        try (Stream<Path> list = Files.list(path)) {
            return list.filter(p -> {
                        String n = p.getFileName().toString();
                        return Files.isRegularFile(p)
                                && (n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml"));
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }
}
