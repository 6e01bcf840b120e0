package dev.ccigen.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Rebuilds `specs/cci/openapi-v2.json`, `specs/cci/discovery/*.json` and `specs/cci/examples/*.json` from their
 * public sources (copies in {@code specs/sources/}, from the shared specs folder) and the hand-written data under `src/main/resources/dev/ccigen/specs/`.
 *
 * <p>Usage: {@code CciSpecAssembler [sharedSpecsDir [repositoryRoot]]}; defaults come from the system properties
 * {@code ccigen.shared} (else {@code <repositoryRoot>/specs/sources}) and {@code ccigen.repo} (else ".").
 * The outputs are committed; no build needs this class, only someone updating the sources.
 */
public final class CciSpecAssembler {
    static final String DOCUMENT = "specs/cci/openapi-v2.json";
    static final String DISCOVERY = "specs/cci/discovery/";
    static final String EXAMPLES = "specs/cci/examples/";
    private static final String DEFINITIONS = "#/definitions/";

    private CciSpecAssembler() {}

    public static void main(String[] args) throws IOException {
        Path repo = Path.of(args.length > 1 ? args[1] : System.getProperty("ccigen.repo", "."))
                .toAbsolutePath()
                .normalize();
        Path shared = sharedDir(args.length > 0 ? args[0] : null, repo);
        if (!Files.isDirectory(shared)) {
            System.err.println("ccigen: the sources folder was not found: " + shared
                    + " (pass it as the first argument or -Dccigen.shared=...)");
            System.exit(2);
        }
        Map<String, String> files = assemble(shared);
        deleteStale(repo.resolve(DISCOVERY), files);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = repo.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
        System.out.println("ccigen: wrote " + files.size() + " files under " + repo.resolve("specs/cci"));
    }

    static Path sharedDir(String argument, Path repo) {
        String configured = argument != null ? argument : System.getProperty("ccigen.shared");
        return configured != null
                ? Path.of(configured).toAbsolutePath().normalize()
                : repo.resolve("specs/sources").normalize();
    }

    /** Every assembled file: repository-relative path -> exact content. */
    public static Map<String, String> assemble(Path shared) {
        JsonNode inputs = Json.resource("inputs.json");
        JsonNode swagger =
                Json.read(shared.resolve(inputs.get("kubernetesSwagger").asText()));
        Path facts = shared.resolve(inputs.get("cciFacts").asText());
        ServedResources served = ServedResources.load();

        JsonNode document = document(
                swagger,
                Json.read(shared.resolve(inputs.get("volcanoJobCrd").asText())),
                served,
                Json.read(facts.resolve("cci-status-codes-and-errors.json")));

        Map<String, String> files = new LinkedHashMap<>();
        files.put(DOCUMENT, Json.write(document));
        Discovery.build(document, served).forEach((name, listing) -> files.put(DISCOVERY + name, Json.write(listing)));
        examples(facts).forEach((name, example) -> files.put(EXAMPLES + name, Json.write(example)));
        return files;
    }

    static JsonNode document(JsonNode swagger, JsonNode volcanoCrd, ServedResources served, JsonNode errors) {
        JsonNode hand = Json.resource("document.json");
        JsonNode custom = Json.resource("custom-resources.json");

        ObjectNode paths = KubernetesSubset.paths(swagger, served);
        paths.setAll(new CustomResourcePaths(swagger, custom).build(custom));

        // Every definition the document may draw on; only those reachable from the paths are kept.
        Map<String, JsonNode> pool = new TreeMap<>();
        swagger.get("definitions").fields().forEachRemaining(d -> pool.put(d.getKey(), d.getValue()));
        addErrorCode(pool, hand.get("statusExtraProperties"));
        Json.resource("cci-definitions.json").fields().forEachRemaining(d -> {
            if (!d.getKey().startsWith("_")) {
                pool.put(d.getKey(), d.getValue());
            }
        });
        pool.putAll(new VolcanoCrdTranslator(Json.resource("volcano-crd.json"), swagger.get("definitions"))
                .translate(volcanoCrd));

        ObjectNode document = Json.NODES.objectNode();
        document.set("definitions", reachable(paths, pool));
        document.set("info", hand.get("info"));
        document.set("paths", paths);
        document.set("security", hand.get("security"));
        document.set("securityDefinitions", hand.get("securityDefinitions"));
        document.put("swagger", "2.0");
        ObjectNode sorted = (ObjectNode) Json.sorted(document);
        // Last and in the documentation's order, not sorted: a table for the generator to render.
        sorted.set("x-ccigen-error-codes", errorCodes(errors));
        return sorted;
    }

    /** CCI's error body is a Kubernetes Status with one more field, errorCode. */
    private static void addErrorCode(Map<String, JsonNode> pool, JsonNode extra) {
        String status = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
        ObjectNode copy = pool.get(status).deepCopy();
        ((ObjectNode) copy.get("properties")).setAll((ObjectNode) extra.deepCopy());
        pool.put(status, copy);
    }

    /**
     * The definitions reachable from the paths: their $refs, transitively, plus the definition of every kind an
     * operation names in x-kubernetes-group-version-kind (pods/exec names PodExecOptions without a $ref to it).
     */
    private static ObjectNode reachable(JsonNode paths, Map<String, JsonNode> pool) {
        Map<String, String> byKind = new TreeMap<>();
        pool.forEach((name, definition) ->
                definition.path("x-kubernetes-group-version-kind").forEach(gvk -> byKind.putIfAbsent(key(gvk), name)));

        Deque<String> todo = new ArrayDeque<>();
        Json.forEachRef(paths, ref -> todo.add(definitionName(ref)));
        paths.forEach(item -> item.forEach(op -> {
            JsonNode gvk = op.get("x-kubernetes-group-version-kind");
            if (gvk != null && byKind.containsKey(key(gvk))) {
                todo.add(byKind.get(key(gvk)));
            }
        }));
        TreeSet<String> seen = new TreeSet<>();
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (seen.add(name)) {
                JsonNode definition = pool.get(name);
                if (definition == null) {
                    throw new IllegalStateException("$ref to missing definition " + name);
                }
                Json.forEachRef(definition, ref -> todo.add(definitionName(ref)));
            }
        }
        ObjectNode out = Json.NODES.objectNode();
        seen.forEach(name -> out.set(name, pool.get(name)));
        return out;
    }

    private static String key(JsonNode gvk) {
        return gvk.path("group").asText() + "/" + gvk.path("version").asText() + "/"
                + gvk.path("kind").asText();
    }

    private static String definitionName(String ref) {
        if (!ref.startsWith(DEFINITIONS)) {
            throw new IllegalStateException("unsupported $ref " + ref);
        }
        return ref.substring(DEFINITIONS.length());
    }

    /** All rows of the documented error-code table, in its order. */
    private static ArrayNode errorCodes(JsonNode errors) {
        ArrayNode out = Json.NODES.arrayNode();
        for (JsonNode row : errors.get("error_codes")) {
            ObjectNode code = out.addObject();
            code.set("code", row.get("errorCode"));
            code.set("status", row.get("status"));
            code.set("message", row.get("message"));
            code.set("meaning", row.get("meaning"));
        }
        return out;
    }

    private static Map<String, JsonNode> examples(Path facts) {
        Map<String, JsonNode> out = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries =
                Json.resource("examples.json").fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (entry.getKey().startsWith("_")) {
                continue;
            }
            List<String> source = Json.strings(entry.getValue());
            JsonNode example = Json.read(facts.resolve(source.get(0))).at(source.get(1));
            if (example.isMissingNode()) {
                throw new IllegalStateException("no " + source.get(1) + " in " + source.get(0));
            }
            out.put(entry.getKey(), example);
        }
        return out;
    }

    /** Listings no longer assembled would otherwise linger and be read as served. */
    private static void deleteStale(Path discovery, Map<String, String> files) throws IOException {
        if (!Files.isDirectory(discovery)) {
            return;
        }
        try (Stream<Path> existing = Files.list(discovery)) {
            for (Path file : existing.toList()) {
                if (!files.containsKey(DISCOVERY + file.getFileName())) {
                    Files.delete(file);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
