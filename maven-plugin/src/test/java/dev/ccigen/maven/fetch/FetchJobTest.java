package dev.ccigen.maven.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccigen.generator.problem.Problems;
import dev.ccigen.generator.read.Discovery;
import dev.ccigen.generator.read.DiscoveryReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * ccigen:fetch's work against real HTTP servers serving the repository's documents and listings: the Kubernetes 1.20
 * ones of the generator's tests and CCI's of specs/, behind a bearer token, an IAM token and AK/SK signatures.
 */
@Execution(ExecutionMode.CONCURRENT) // on the second core, beside the other classes
class FetchJobTest {
    private static final Path KUBERNETES = Path.of("../generator/src/test/resources/kubernetes");
    private static final Path CCI = Path.of("../specs/cci");

    @TempDir
    Path dir;

    private FetchJob job(URI uri, Authentication auth, List<String> include, List<String> exclude) {
        return new FetchJob(
                uri, auth, null, dir.resolve("openapi-v2.json"), dir.resolve("discovery"), include, exclude, null);
    }

    private FetchJob job(URI uri, Authentication auth) {
        return job(uri, auth, List.of(), List.of());
    }

    private static ServiceServer cci(ServiceServer.Auth auth) throws IOException {
        return new ServiceServer(CCI.resolve("openapi-v2.json"), CCI.resolve("discovery"), auth);
    }

    @Test
    void kubernetes120WithABearerTokenIsWrittenInTheLayoutGenerateReads() throws Exception {
        try (ServiceServer server = new ServiceServer(
                KUBERNETES.resolve("swagger-1.20.json.gz"),
                KUBERNETES.resolve("discovery"),
                ServiceServer.Auth.BEARER)) {
            // The repository keeps the listings of these group-versions (apis.json announces more).
            List<String> kept = List.of(
                    "core", "apps", "batch", "networking.k8s.io/v1", "rbac.authorization.k8s.io", "storage.k8s.io/v1");
            FetchJob.Result result = job(
                            server.uri(), Authentication.bearer(ServiceServer.BEARER + "\n", "test"), kept, List.of())
                    .run(false);
            assertTrue(result.written());
            for (Path file : ListingSet.jsonFiles(KUBERNETES.resolve("discovery"))) {
                if (file.getFileName().toString().matches("apis?\\.json|apis__[^_]*\\.json")) {
                    continue; // the group lists announce only what was fetched
                }
                assertEquals(json(file), json(dir.resolve("discovery").resolve(file.getFileName())), file.toString());
            }
            assertEquals(
                    ListingSet.jsonFiles(KUBERNETES.resolve("discovery")).size(),
                    ListingSet.jsonFiles(dir.resolve("discovery")).size());
            Problems problems = new Problems();
            Discovery discovery = new DiscoveryReader().read(dir.resolve("discovery"), problems);
            assertTrue(problems.all().isEmpty(), problems.all().toString());
            assertTrue(discovery.find("apps", "v1").resources().size() > 5);
            assertTrue(
                    result.diff().lines().contains("+ group-version apps/v1"),
                    result.diff().lines().toString());
            assertTrue(Files.readString(dir.resolve("openapi-v2.json")).startsWith("{\n  \"definitions\": {\n"));
        }
    }

    /** specs/cci's listings are written in the canonical layout: fetching them gives the same bytes. */
    @Test
    void cciWithAnIamTokenGivesTheCommittedListingsByteForByte() throws Exception {
        try (ServiceServer server = cci(ServiceServer.Auth.IAM)) {
            Authentication iam = Authentication.iam(
                    server.uri(),
                    "alice",
                    ServiceServer.IAM_PASSWORD,
                    "acme",
                    "cn-north-4",
                    "settings.xml server \"cci\"");
            job(server.uri(), iam).run(false);
            // The document's x-ccigen-error-codes entries are not key-sorted in the committed file: equal as JSON.
            assertEquals(json(CCI.resolve("openapi-v2.json")), json(dir.resolve("openapi-v2.json")));
            List<Path> committed = ListingSet.jsonFiles(CCI.resolve("discovery"));
            assertEquals(
                    committed.size(),
                    ListingSet.jsonFiles(dir.resolve("discovery")).size());
            for (Path file : committed) {
                assertArrayEquals(
                        Files.readAllBytes(file),
                        Files.readAllBytes(dir.resolve("discovery").resolve(file.getFileName())),
                        file.toString());
            }
            assertTrue(server.requests.contains("POST /v3/auth/tokens"), server.requests.toString());
        }
    }

    @Test
    void akSkFromTheEnvironmentSignsEveryRequest() throws Exception {
        try (ServiceServer server = cci(ServiceServer.Auth.AKSK)) {
            Map<String, String> env = Map.of(
                    "HUAWEICLOUD_SDK_AK",
                    ServiceServer.AK,
                    "HUAWEICLOUD_SDK_SK",
                    ServiceServer.SK,
                    "HUAWEICLOUD_SDK_PROJECT_ID",
                    "0123456789abcdef0123456789abcdef");
            Authentication auth = Authentication.akSkFromEnvironment(env::get, null);
            assertEquals("AK/SK from the environment (HUAWEICLOUD_SDK_AK)", auth.description());
            FetchJob.Result result = job(server.uri(), auth).run(false);
            assertEquals(22, result.fetched().listings().size());
            assertTrue(server.requests.size() >= 23, server.requests.toString());
        }
    }

    @Test
    void akSkFromTheCredentialsFile() throws Exception {
        Path file = dir.resolve("credentials");
        Files.writeString(file, "[basic]\nak = " + ServiceServer.AK + "\nsk = " + ServiceServer.SK + "\n");
        try (ServiceServer server = cci(ServiceServer.Auth.AKSK)) {
            Authentication auth = Authentication.akSkFromEnvironment(
                    Map.of("HUAWEICLOUD_SDK_CREDENTIALS_FILE", file.toString())::get,
                    "0123456789abcdef0123456789abcdef");
            assertEquals("AK/SK from the credentials file", auth.description());
            assertTrue(job(server.uri(), auth).run(false).written());
        }
        FetchException none = assertThrows(
                FetchException.class,
                () -> Authentication.akSkFromEnvironment(
                        Map.of(
                                "HUAWEICLOUD_SDK_CREDENTIALS_FILE",
                                dir.resolve("no").toString())::get,
                        null));
        assertTrue(
                none.getMessage().contains("HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are not set"), none.getMessage());
    }

    @Test
    void identicalResponsesWriteNothingAndTheDriftCheckPasses() throws Exception {
        try (ServiceServer server = cci(ServiceServer.Auth.NONE)) {
            job(server.uri(), Authentication.none()).run(false);
            Path pods = dir.resolve("discovery/api__v1.json");
            byte[] written = Files.readAllBytes(pods);
            Files.setLastModifiedTime(pods, FileTime.fromMillis(1_000_000L));
            // The same listing with its keys in another order, without spacing: the same content.
            com.fasterxml.jackson.databind.node.ObjectNode reordered = CanonicalJson.JSON.createObjectNode();
            List<String> names = new java.util.ArrayList<>();
            json(pods).fieldNames().forEachRemaining(names::add);
            java.util.Collections.reverse(names);
            for (String name : names) {
                reordered.set(name, json(pods).get(name));
            }
            server.replaced.put("/api/v1", reordered.toString());
            FetchJob.Result again = job(server.uri(), Authentication.none()).run(false);
            assertFalse(again.written());
            assertTrue(again.diff().isEmpty(), again.diff().lines().toString());
            assertEquals(1_000_000L, Files.getLastModifiedTime(pods).toMillis(), "not rewritten");
            assertTrue(job(server.uri(), Authentication.none()).run(true).diff().isEmpty());
            Files.delete(pods);
            job(server.uri(), Authentication.none()).run(false);
            assertArrayEquals(written, Files.readAllBytes(pods), "identical content, identical bytes");
            // Another API server instance of the same cluster answers /api with its own address: no change, no drift.
            server.replaced.put(
                    "/api",
                    "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
                            + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"10.0.0.2:6443\"}]}");
            assertTrue(job(server.uri(), Authentication.none()).run(true).diff().isEmpty());
            assertFalse(job(server.uri(), Authentication.none()).run(false).written());
        }
    }

    @Test
    void theDriftCheckNamesAChangedListingAndWritesNothing() throws Exception {
        try (ServiceServer server = cci(ServiceServer.Auth.NONE)) {
            job(server.uri(), Authentication.none()).run(false);
            byte[] before = Files.readAllBytes(dir.resolve("discovery/apis__apps__v1.json"));
            String apps = Files.readString(CCI.resolve("discovery/apis__apps__v1.json"))
                    .replaceFirst("\"deletecollection\",", "") // the first resource loses a verb
                    .replace(
                            "\"resources\": [",
                            "\"resources\": [{\"kind\":\"Widget\",\"name\":\"widgets\",\"namespaced\":true,"
                                    + "\"singularName\":\"\",\"verbs\":[\"get\"]},");
            server.replaced.put("/apis/apps/v1", apps);
            FetchJob.Result check = job(server.uri(), Authentication.none()).run(true);
            assertFalse(check.written());
            assertTrue(
                    check.diff().lines().contains("+ resource apps/v1 widgets"),
                    check.diff().lines().toString());
            assertTrue(
                    check.diff().lines().stream()
                            .anyMatch(l -> l.startsWith("~ verbs of apps/v1 ") && l.endsWith(": -deletecollection")),
                    check.diff().lines().toString());
            assertArrayEquals(before, Files.readAllBytes(dir.resolve("discovery/apis__apps__v1.json")));

            FetchJob.Result fetch = job(server.uri(), Authentication.none()).run(false);
            assertTrue(fetch.written());
            assertEquals(check.diff().lines(), fetch.diff().lines());
        }
    }

    @Test
    void includeAndExcludeGroupsDecideWhatIsFetched() throws Exception {
        try (ServiceServer server = cci(ServiceServer.Auth.NONE)) {
            job(server.uri(), Authentication.none(), List.of("core", "apps", "batch"), List.of("batch/v1beta1"))
                    .run(false);
            List<String> files = ListingSet.jsonFiles(dir.resolve("discovery")).stream()
                    .map(p -> p.getFileName().toString())
                    .toList();
            assertEquals(
                    List.of(
                            "api.json",
                            "api__v1.json",
                            "apis.json",
                            "apis__apps.json",
                            "apis__apps__v1.json",
                            "apis__batch.json",
                            "apis__batch__v1.json"),
                    files);
            Problems problems = new Problems();
            new DiscoveryReader().read(dir.resolve("discovery"), problems);
            assertTrue(problems.all().isEmpty(), "the group lists announce only what was fetched: " + problems.all());

            FetchException unknown = assertThrows(
                    FetchException.class,
                    () -> job(server.uri(), Authentication.none(), List.of("volcano"), List.of())
                            .run(false));
            assertTrue(
                    unknown.getMessage().contains("includeGroups names \"volcano\"")
                            && unknown.getMessage().contains("batch.volcano.sh"),
                    unknown.getMessage());
        }
    }

    @Test
    void aRefusedTokenSaysWhichSchemeAndNeverTheToken() throws Exception {
        try (ServiceServer server = cci(ServiceServer.Auth.BEARER)) {
            String wrong = "wrong-secret-token-42";
            FetchException e = assertThrows(
                    FetchException.class,
                    () -> job(server.uri(), Authentication.bearer(wrong, "settings.xml server \"k8s\""))
                            .run(false));
            assertTrue(
                    e.getMessage().contains("401")
                            && e.getMessage().contains("bearer token from settings.xml server \"k8s\""),
                    e.getMessage());
            assertFalse(e.getMessage().contains(wrong), e.getMessage());
            assertFalse(Files.exists(dir.resolve("openapi-v2.json")));
        }
        try (ServiceServer server = cci(ServiceServer.Auth.IAM)) {
            FetchException e = assertThrows(
                    FetchException.class,
                    () -> job(
                                    server.uri(),
                                    Authentication.iam(
                                            server.uri(),
                                            "alice",
                                            "not-the-password",
                                            "acme",
                                            "cn-north-4",
                                            "settings.xml server \"cci\""))
                            .run(false));
            assertTrue(
                    e.getMessage().contains("IAM token of the user of settings.xml server \"cci\" was not issued"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
        }
    }

    /** A cluster of one's own: its server, CA and token from a kubeconfig context, over TLS. */
    @Test
    void overTlsWithTheKubeconfigsCaAndToken() throws Exception {
        javax.net.ssl.SSLContext tls = ServiceServer.selfSigned(dir);
        try (ServiceServer server = new ServiceServer(
                KUBERNETES.resolve("swagger-1.20.json.gz"),
                KUBERNETES.resolve("discovery"),
                ServiceServer.Auth.BEARER,
                tls)) {
            Path kubeconfig = dir.resolve("kubeconfig");
            Files.writeString(
                    kubeconfig,
                    "current-context: kind\nclusters:\n- name: kind\n  cluster:\n    server: " + server.uri()
                            + "\n    certificate-authority-data: "
                            + java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve("ca.pem")))
                            + "\ncontexts:\n- name: kind\n  context: {cluster: kind, user: admin}\nusers:\n- name: admin\n  user:\n    token: "
                            + ServiceServer.BEARER + "\n");
            Kubeconfig kube = Kubeconfig.read(kubeconfig, null);
            Authentication auth = Authentication.bearer(kube.token(), "the user of " + kube.name());
            FetchException untrusted = assertThrows(
                    FetchException.class,
                    () -> new FetchJob(
                                    kube.server(),
                                    auth,
                                    null,
                                    dir.resolve("openapi-v2.json"),
                                    null,
                                    List.of(),
                                    List.of(),
                                    null)
                            .run(false));
            assertTrue(
                    untrusted.getMessage().contains("TLS failure with localhost:")
                            && untrusted.getMessage().contains("give its CA with caCertificates"),
                    untrusted.getMessage());
            Path ca = dir.resolve("kube-ca.pem");
            Files.write(ca, kube.caPem());
            FetchJob.Result result = new FetchJob(
                            kube.server(),
                            auth,
                            ca,
                            dir.resolve("openapi-v2.json"),
                            dir.resolve("discovery"),
                            List.of("core", "apps"),
                            List.of(),
                            null)
                    .run(false);
            assertTrue(
                    result.diff().lines().contains("+ group-version apps/v1"),
                    result.diff().lines().toString());
            assertFalse(untrusted.getMessage().contains(ServiceServer.BEARER));
        }
    }

    @Test
    void anUnreachableServiceIsOneLine() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        FetchException e = assertThrows(
                FetchException.class,
                () -> job(URI.create("http://127.0.0.1:" + port), Authentication.none())
                        .run(false));
        assertTrue(
                e.getMessage().startsWith("cannot reach the service: connection refused by 127.0.0.1:" + port),
                e.getMessage());
    }

    /** A proxy's error page: the status and the page's title, on one line, not the page. */
    @Test
    void aProxysHtmlErrorPageIsItsStatusAndTitle() throws Exception {
        try (ServiceServer server = cci(ServiceServer.Auth.NONE)) {
            server.replaced.put(
                    "/apis",
                    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway"
                            + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
            server.replacedStatus.put("/apis", 502);
            FetchException e = assertThrows(
                    FetchException.class,
                    () -> job(server.uri(), Authentication.none()).run(false));
            assertEquals(
                    "GET " + server.uri() + "/apis answered HTTP 502 Bad Gateway: an HTML page titled \"502 Bad"
                            + " Gateway\"",
                    e.getMessage());
        }
    }

    @Test
    void aListingThatIsNotJsonOrNotAListingLeavesThePreviousFilesAsTheyWere() throws Exception {
        try (ServiceServer server = cci(ServiceServer.Auth.NONE)) {
            job(server.uri(), Authentication.none()).run(false);
            Map<Path, byte[]> before = snapshot();
            server.replaced.put("/apis/storage.k8s.io/v1", "<html><body>Sign in</body></html>");
            server.replaced.put("/openapi/v2", "{\"swagger\":\"2.0\",\"paths\":{}}"); // would change the document
            FetchException html = assertThrows(
                    FetchException.class,
                    () -> job(server.uri(), Authentication.none()).run(false));
            assertTrue(
                    html.getMessage()
                                    .contains("GET " + server.uri()
                                            + "/apis/storage.k8s.io/v1 answered something that is not JSON")
                            && html.getMessage().contains("an HTML page"),
                    html.getMessage());
            assertEquals(before.keySet(), snapshot().keySet());
            before.forEach((file, bytes) -> assertArrayEquals(bytes, snapshot().get(file), file.toString()));

            server.replaced.put(
                    "/apis/storage.k8s.io/v1", "{\"kind\":\"Status\",\"message\":\"the server is shutting down\"}");
            FetchException status = assertThrows(
                    FetchException.class,
                    () -> job(server.uri(), Authentication.none()).run(false));
            assertTrue(
                    status.getMessage()
                            .endsWith("answered a Status where an API-groups listing of kind APIResourceList was"
                                    + " expected: the server is shutting down"),
                    status.getMessage());
            server.replaced.put(
                    "/apis/storage.k8s.io/v1",
                    "{\"kind\":\"APIResourceList\",\"groupVersion\":\"apps/v1\",\"resources\":[]}");
            FetchException other = assertThrows(
                    FetchException.class,
                    () -> job(server.uri(), Authentication.none()).run(false));
            assertTrue(
                    other.getMessage()
                            .contains(
                                    "the APIResourceList of groupVersion \"apps/v1\", expected \"storage.k8s.io/v1\""),
                    other.getMessage());
            before.forEach((file, bytes) -> assertArrayEquals(bytes, snapshot().get(file), file.toString()));
        }
    }

    @Test
    void aFailedSwapPutsThePreviousListingsBack() throws Exception {
        try (ServiceServer server = cci(ServiceServer.Auth.NONE)) {
            job(server.uri(), Authentication.none()).run(false);
            Files.writeString(dir.resolve("discovery/README.txt"), "kept");
            Files.delete(dir.resolve("discovery/apis__apps__v1.json"));
            // The document's place is taken by a folder that is not empty: the last rename fails.
            Files.delete(dir.resolve("openapi-v2.json"));
            Files.createDirectories(dir.resolve("openapi-v2.json/in-the-way"));
            Map<Path, byte[]> before = snapshot();
            assertThrows(
                    IOException.class,
                    () -> job(server.uri(), Authentication.none()).run(false));
            before.forEach((file, bytes) -> assertArrayEquals(bytes, snapshot().get(file), file.toString()));
            try (var left = Files.list(dir)) {
                assertEquals(
                        List.of("discovery", "openapi-v2.json"),
                        left.map(p -> p.getFileName().toString()).sorted().toList(),
                        "no staging folder or temporary file left");
            }
            Files.delete(dir.resolve("openapi-v2.json/in-the-way"));
            Files.delete(dir.resolve("openapi-v2.json"));
            job(server.uri(), Authentication.none()).run(false);
            assertEquals(
                    "kept",
                    Files.readString(dir.resolve("discovery/README.txt")),
                    "other files in the folder are kept");
            assertTrue(Files.isRegularFile(dir.resolve("discovery/apis__apps__v1.json")));
        }
    }

    private Map<Path, byte[]> snapshot() {
        Map<Path, byte[]> files = new java.util.TreeMap<>();
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return files;
    }

    private static JsonNode json(Path file) throws IOException {
        return CanonicalJson.JSON.readTree(file.toFile());
    }
}
