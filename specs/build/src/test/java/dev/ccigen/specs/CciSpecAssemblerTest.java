package dev.ccigen.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccigen.generator.link.PathShape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * (a) The committed specs are exactly what the assembler makes from their sources (the copies in specs/sources/).
 * (b) The committed specs are consistent on their own: listings against document, $refs, groups, error codes.
 */
class CciSpecAssemblerTest {
    private static final Path REPO =
            Path.of(System.getProperty("ccigen.repo", "../..")).toAbsolutePath().normalize();
    private static final Path CCI = REPO.resolve("specs/cci");

    /** The "API groups" GET endpoints of the CCI API reference (cci-doc-examples/documented-api-groups-endpoints.json). */
    /** The 20 endpoints CCI's reference documents as its API groups. */
    private static final List<String> DOCUMENTED_ENDPOINTS = List.of(
            "/api",
            "/api/v1",
            "/apis",
            "/apis/apps",
            "/apis/apps/v1",
            "/apis/batch",
            "/apis/batch.volcano.sh",
            "/apis/batch.volcano.sh/v1alpha1",
            "/apis/batch/v1",
            "/apis/batch/v1beta1",
            "/apis/crd.yangtse.cni",
            "/apis/crd.yangtse.cni/v1",
            "/apis/extensions",
            "/apis/extensions/v1beta1",
            "/apis/metrics.k8s.io",
            "/apis/metrics.k8s.io/v1beta1",
            "/apis/networking.cci.io",
            "/apis/networking.cci.io/v1beta1",
            "/apis/rbac.authorization.k8s.io",
            "/apis/rbac.authorization.k8s.io/v1");

    /** What the listings serve: the documented endpoints, and storage.k8s.io, whose StorageClass the reference lists. */
    private static final List<String> LISTED_ENDPOINTS = java.util.stream.Stream.concat(
                    DOCUMENTED_ENDPOINTS.stream(),
                    java.util.stream.Stream.of("/apis/storage.k8s.io", "/apis/storage.k8s.io/v1"))
            .toList();

    // ---- (a) reproducible from the sources ----

    @Test
    void committedFilesAreWhatTheAssemblerMakes() throws IOException {
        Path shared = CciSpecAssembler.sharedDir(null, REPO);
        assertTrue(Files.isDirectory(shared), "the assembler's sources are missing: " + shared);
        Map<String, String> assembled = CciSpecAssembler.assemble(shared);
        for (Map.Entry<String, String> file : assembled.entrySet()) {
            Path committed = REPO.resolve(file.getKey());
            assertTrue(Files.exists(committed), file.getKey() + " is assembled but not committed");
            assertEquals(
                    file.getValue(),
                    Files.readString(committed, StandardCharsets.UTF_8),
                    file.getKey() + " differs from what the assembler makes: rebuild it (see specs/SOURCES.md)");
        }
        for (Path listing : list(CCI.resolve("discovery"))) {
            assertTrue(
                    assembled.containsKey(CciSpecAssembler.DISCOVERY + listing.getFileName()),
                    listing + " is committed but no longer assembled");
        }
    }

    @Test
    void documentedEndpointListIsTheFactsFile() {
        Path shared = CciSpecAssembler.sharedDir(null, REPO);
        assertTrue(Files.isDirectory(shared), "the assembler's sources are missing: " + shared);
        JsonNode facts = Json.read(shared.resolve("cci-doc-examples/documented-api-groups-endpoints.json"));
        assertEquals(DOCUMENTED_ENDPOINTS, Json.strings(facts.get("endpoints")));
    }

    @Test
    void documentedOperationIdsExist() {
        Path shared = CciSpecAssembler.sharedDir(null, REPO);
        assertTrue(Files.isDirectory(shared), "the assembler's sources are missing: " + shared);
        Set<String> ids = new HashSet<>();
        operations(document())
                .forEach(op -> ids.add(op.operation().path("operationId").asText()));
        for (String facts : List.of(
                "volcanojob-batch.volcano.sh-v1alpha1.json",
                "network-networking.cci.io-v1beta1.json",
                "network-crd.yangtse.cni-v1.json",
                "metrics.k8s.io-v1beta1.json")) {
            for (JsonNode op :
                    Json.read(shared.resolve("cci-doc-facts/" + facts)).get("operations")) {
                String id = op.get("id").asText();
                if (op.path("documented").asBoolean(true) && id.matches("[A-Za-z0-9]+")) {
                    assertTrue(ids.contains(id), facts + ": documented operation " + id + " is missing");
                }
            }
        }
    }

    // ---- (b) consistent without the assembler ----

    @Test
    void groupsAreExactlyTheDocumentedOnes() {
        Set<String> endpoints = new TreeSet<>();
        for (Path file : list(CCI.resolve("discovery"))) {
            String name = file.getFileName().toString();
            endpoints.add(
                    "/" + name.substring(0, name.length() - ".json".length()).replace("__", "/"));
        }
        assertEquals(new TreeSet<>(LISTED_ENDPOINTS), endpoints);

        Set<String> listedGroupVersions = new TreeSet<>();
        for (JsonNode group : listing("apis.json").get("groups")) {
            group.get("versions")
                    .forEach(v -> listedGroupVersions.add(
                            "/apis/" + v.get("groupVersion").asText()));
            assertTrue(LISTED_ENDPOINTS.contains("/apis/" + group.get("name").asText()));
        }
        Set<String> documentedVersions = new TreeSet<>();
        LISTED_ENDPOINTS.stream()
                .filter(e -> e.startsWith("/apis/") && e.split("/").length == 4)
                .forEach(documentedVersions::add);
        assertEquals(documentedVersions, listedGroupVersions);
    }

    @Test
    void everyListedResourceHasItsSchemaAndOperations() {
        JsonNode document = document();
        JsonNode definitions = document.get("definitions");
        List<Op> operations = operations(document);
        int checked = 0;
        for (Path file : list(CCI.resolve("discovery"))) {
            JsonNode listing = Json.read(file);
            if (!listing.path("kind").asText().equals("APIResourceList")) {
                continue;
            }
            String groupVersion = listing.get("groupVersion").asText();
            String group = groupVersion.contains("/") ? groupVersion.substring(0, groupVersion.indexOf('/')) : "";
            String version = groupVersion.substring(groupVersion.indexOf('/') + 1);
            for (JsonNode resource : listing.get("resources")) {
                String name = resource.get("name").asText();
                String kindGroup = resource.has("group") ? resource.get("group").asText() : group;
                String kindVersion =
                        resource.has("version") ? resource.get("version").asText() : version;
                String kind = resource.get("kind").asText();
                // A connect subresource's kind (pods/exec: PodExecOptions) is never a body; Kubernetes publishes no
                // definition for it, only the operations' group-version-kind, which is what is checked then.
                assertTrue(
                        hasDefinition(definitions, kindGroup, kindVersion, kind)
                                || connectOnly(operations, group, version, name, kindGroup, kindVersion, kind),
                        groupVersion + " " + name + ": no definition with group-version-kind " + kindGroup + "/"
                                + kindVersion + "/" + kind);
                boolean namespaced = resource.get("namespaced").asBoolean();
                for (JsonNode verb : resource.get("verbs")) {
                    assertTrue(
                            operations.stream()
                                    .anyMatch(op -> op.serves(group, version, name, namespaced, verb.asText())),
                            groupVersion + " " + name + ": verb " + verb.asText() + " has no operation on a "
                                    + (namespaced ? "namespaced" : "cluster") + " path");
                    checked++;
                }
            }
        }
        assertTrue(checked > 100, "only " + checked + " verbs checked");
    }

    @Test
    void everyRefResolves() {
        JsonNode document = document();
        List<String> missing = new ArrayList<>();
        Json.forEachRef(document, ref -> {
            if (!ref.startsWith("#/")
                    || document.at(ref.substring(1).replace("~", "~0")).isMissingNode()) {
                missing.add(ref);
            }
        });
        assertEquals(List.of(), missing);
    }

    @Test
    void errorCodesAreTheWholeTable() {
        JsonNode codes = document().get("x-ccigen-error-codes");
        assertEquals(110, codes.size());
        Set<String> unique = new HashSet<>();
        for (JsonNode code : codes) {
            assertTrue(code.get("code").asText().matches("CCI\\.0[1-4]\\.\\d{6}"), code.toString());
            assertTrue(code.get("status").isInt(), code.toString());
            assertTrue(
                    code.get("code")
                            .asText()
                            .substring(7, 10)
                            .equals(code.get("status").asText()),
                    code.toString());
            assertNotNull(code.get("message"));
            assertNotNull(code.get("meaning"));
            unique.add(code.get("code").asText());
        }
        assertEquals(110, unique.size());
    }

    @Test
    void securityIsTheIamToken() {
        JsonNode document = document();
        assertEquals(
                "header", document.at("/securityDefinitions/X-Auth-Token/in").asText());
        assertEquals(
                "X-Auth-Token",
                document.at("/securityDefinitions/X-Auth-Token/name").asText());
        assertEquals(1, document.get("securityDefinitions").size());
        assertTrue(document.at("/security/0").has("X-Auth-Token"));
    }

    // ---- helpers ----

    /** One operation of the document and where it lives. */
    private record Op(PathShape shape, String method, JsonNode operation) {
        /** Whether it grants the listing verb on the resource: create<->post, update<->put, watch<->watch|watchlist ... */
        boolean serves(String group, String version, String name, boolean namespaced, String verb) {
            if (shape == null
                    || !shape.group().equals(group)
                    || !shape.version().equals(version)
                    || !name.equals(shape.resourceName())
                    || shape.namespaced() != namespaced) {
                return false;
            }
            String action = operation.path("x-kubernetes-action").asText();
            return verb.equals(Discovery.verb(action, method));
        }
    }

    private static List<Op> operations(JsonNode document) {
        List<Op> out = new ArrayList<>();
        document.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    if (!op.getKey().equals("parameters")) {
                        out.add(new Op(PathShape.of(path.getKey()), op.getKey(), op.getValue()));
                    }
                }));
        return out;
    }

    private static boolean connectOnly(
            List<Op> operations,
            String group,
            String version,
            String name,
            String kindGroup,
            String kindVersion,
            String kind) {
        List<Op> ops = operations.stream()
                .filter(op -> op.shape() != null
                        && op.shape().group().equals(group)
                        && op.shape().version().equals(version)
                        && name.equals(op.shape().resourceName()))
                .toList();
        return !ops.isEmpty()
                && ops.stream().allMatch(op -> {
                    JsonNode gvk = op.operation().path("x-kubernetes-group-version-kind");
                    return op.operation().path("x-kubernetes-action").asText().equals("connect")
                            && gvk.path("group").asText().equals(kindGroup)
                            && gvk.path("version").asText().equals(kindVersion)
                            && gvk.path("kind").asText().equals(kind);
                });
    }

    private static boolean hasDefinition(JsonNode definitions, String group, String version, String kind) {
        for (JsonNode definition : definitions) {
            for (JsonNode gvk : definition.path("x-kubernetes-group-version-kind")) {
                if (gvk.path("group").asText().equals(group)
                        && gvk.path("version").asText().equals(version)
                        && gvk.path("kind").asText().equals(kind)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode document() {
        return Json.read(REPO.resolve(CciSpecAssembler.DOCUMENT));
    }

    private static JsonNode listing(String name) {
        return Json.read(CCI.resolve("discovery").resolve(name));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
