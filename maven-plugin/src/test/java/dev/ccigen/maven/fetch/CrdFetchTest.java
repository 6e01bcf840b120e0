package dev.ccigen.maven.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ccigen.generator.problem.Problems;
import dev.ccigen.generator.read.CrdReader;
import dev.ccigen.generator.read.CustomResources;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ccigen:fetch capturing a cluster's CustomResourceDefinitions: page by page, filtered by group, written as the
 * manifests a project publishes (what the server adds left out), read back by generate, and compared by the drift
 * check.
 */
class CrdFetchTest {
    private static final Path CRDS = Path.of("../specs/crds");
    private static final Path CCI = Path.of("../specs/cci");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    /** A CRD of the corpus as a server answers it: with its status, uid, managedFields and kubectl's annotation. */
    private static ObjectNode served(String file) throws IOException {
        ObjectNode crd = (ObjectNode) YAML.readTree(CRDS.resolve(file).toFile());
        ObjectNode metadata = (ObjectNode) crd.get("metadata");
        metadata.put("uid", "0b6f0a56-2f5e-4c4a-9d6e-1f0c0e0d0a0b");
        metadata.put("resourceVersion", "4242");
        metadata.put("generation", 3);
        metadata.put("creationTimestamp", "2024-05-01T10:00:00Z");
        metadata.putArray("managedFields").addObject().put("manager", "kubectl");
        metadata.withObject("/annotations").put("kubectl.kubernetes.io/last-applied-configuration", "{\"big\": 1}");
        crd.putObject("status").putArray("storedVersions").add("v1");
        return crd;
    }

    private static String list(String cont, ObjectNode... crds) {
        ObjectNode list = new ObjectMapper().createObjectNode();
        list.put("apiVersion", "apiextensions.k8s.io/v1");
        list.put("kind", "CustomResourceDefinitionList");
        list.putObject("metadata").put("continue", cont);
        ArrayNode items = list.putArray("items");
        for (ObjectNode crd : crds) {
            items.add(crd);
        }
        return list.toString();
    }

    private ServiceServer server() throws IOException {
        ServiceServer server =
                new ServiceServer(CCI.resolve("openapi-v2.json"), CCI.resolve("discovery"), ServiceServer.Auth.NONE);
        server.replaced.put(
                ServiceFetcher.CRDS + "?limit=500",
                list(
                        "page-2",
                        served("volcano/crds/batch.volcano.sh_jobs.yaml"),
                        served("volcano/crds/scheduling.volcano.sh_podgroups.yaml")));
        server.replaced.put(
                ServiceFetcher.CRDS + "?limit=500&continue=page-2",
                list("", served("cert-manager/crds/cert-manager.io_certificates.yaml")));
        return server;
    }

    private FetchJob crdsOnly(URI uri, List<String> include) {
        return new FetchJob(uri, Authentication.none(), null, null, null, include, List.of(), dir.resolve("crds"));
    }

    @Test
    void theClustersCrdsAreWrittenAsManifestsGenerateReads() throws Exception {
        try (ServiceServer server = server()) {
            FetchJob.Result result = crdsOnly(server.uri(), List.of()).run(false);
            assertTrue(result.written());
            assertEquals(
                    List.of(
                            "+ crd certificates.cert-manager.io (v1)",
                            "+ crd jobs.batch.volcano.sh (v1alpha1)",
                            "+ crd podgroups.scheduling.volcano.sh (v1beta1)"),
                    result.changes());
            assertEquals(
                    List.of(
                            "certificates.cert-manager.io.json",
                            "jobs.batch.volcano.sh.json",
                            "podgroups.scheduling.volcano.sh.json"),
                    ListingSet.jsonFiles(dir.resolve("crds")).stream()
                            .map(f -> f.getFileName().toString())
                            .toList());
            assertFalse(Files.exists(dir.resolve("openapi-v2.json")), "only the CRDs");
            JsonNode jobs = new ObjectMapper()
                    .readTree(dir.resolve("crds/jobs.batch.volcano.sh.json").toFile());
            JsonNode published = YAML.readTree(
                    CRDS.resolve("volcano/crds/batch.volcano.sh_jobs.yaml").toFile());
            assertEquals(published.get("spec"), jobs.get("spec"));
            assertEquals(published.get("metadata"), jobs.get("metadata"), "the server's fields are left out");
            assertFalse(jobs.has("status"));
            Problems problems = new Problems();
            CustomResources read = new CrdReader(true).read(dir.resolve("crds"), problems);
            assertEquals(
                    List.of(),
                    problems.all().stream()
                            .filter(p -> !p.message().contains("left out"))
                            .toList());
            assertEquals(3, read.crds().size());
            assertTrue(server.requests.contains("GET " + ServiceFetcher.CRDS));
        }
    }

    @Test
    void theGroupFiltersKeepCrdsAndAGroupWithoutCrdsIsRefused() throws Exception {
        try (ServiceServer server = server()) {
            crdsOnly(server.uri(), List.of("scheduling.volcano.sh")).run(false);
            assertEquals(
                    List.of("podgroups.scheduling.volcano.sh.json"),
                    ListingSet.jsonFiles(dir.resolve("crds")).stream()
                            .map(f -> f.getFileName().toString())
                            .toList());
            FetchException e = assertThrows(
                    FetchException.class,
                    () -> crdsOnly(server.uri(), List.of("monitoring.coreos.com"))
                            .run(false));
            assertTrue(
                    e.getMessage()
                            .endsWith("serves no CustomResourceDefinition; its CRDs' groups are batch.volcano.sh,"
                                    + " cert-manager.io, scheduling.volcano.sh"),
                    e.getMessage());
        }
    }

    @Test
    void theDriftCheckNamesCrdsAddedChangedAndRemoved() throws Exception {
        try (ServiceServer server = server()) {
            crdsOnly(server.uri(), List.of()).run(false);
            FetchJob.Result same = crdsOnly(server.uri(), List.of()).run(false);
            assertFalse(same.written());
            assertTrue(crdsOnly(server.uri(), List.of()).run(true).changes().isEmpty());
            ObjectNode jobs = served("volcano/crds/batch.volcano.sh_jobs.yaml");
            ObjectNode beta = ((ArrayNode) jobs.at("/spec/versions")).addObject();
            beta.put("name", "v1beta1").put("served", true).put("storage", false);
            beta.putObject("schema").putObject("openAPIV3Schema").put("type", "object");
            server.replaced.put(ServiceFetcher.CRDS + "?limit=500", list("", jobs));
            FetchJob.Result check = crdsOnly(server.uri(), List.of()).run(true);
            assertEquals(
                    List.of(
                            "~ crd jobs.batch.volcano.sh: served versions v1alpha1 → v1alpha1, v1beta1",
                            "- crd certificates.cert-manager.io",
                            "- crd podgroups.scheduling.volcano.sh"),
                    check.changes());
            assertFalse(check.written());
            assertEquals(3, ListingSet.jsonFiles(dir.resolve("crds")).size(), "the check writes nothing");
        }
    }

    @Test
    void withTheDocumentAndListings() throws Exception {
        try (ServiceServer server = server()) {
            FetchJob.Result result = new FetchJob(
                            server.uri(),
                            Authentication.none(),
                            null,
                            dir.resolve("openapi-v2.json"),
                            dir.resolve("discovery"),
                            List.of(),
                            List.of(),
                            dir.resolve("crds"))
                    .run(false);
            assertTrue(Files.isRegularFile(dir.resolve("openapi-v2.json")));
            assertTrue(Files.isRegularFile(dir.resolve("discovery/apis__batch.volcano.sh__v1alpha1.json")));
            assertTrue(Files.isRegularFile(dir.resolve("crds/jobs.batch.volcano.sh.json")));
            assertTrue(
                    result.changes().contains("+ group-version batch.volcano.sh/v1alpha1"), result.changes()::toString);
            assertTrue(result.changes().contains("+ crd jobs.batch.volcano.sh (v1alpha1)"));
        }
    }
}
