package dev.ccigen.it;

import static dev.ccigen.it.FakeServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.it.cci.CciClient;
import dev.ccigen.it.cci.CciClientTestServer;
import dev.ccigen.it.cci.api.core.v1.Pods;
import dev.ccigen.it.cci.model.core.v1.Container;
import dev.ccigen.it.cci.model.core.v1.Pod;
import dev.ccigen.it.cci.model.core.v1.PodSpec;
import dev.ccigen.it.cci.model.meta.v1.ObjectMeta;
import dev.ccigen.runtime.ConflictException;
import dev.ccigen.runtime.Credentials;
import dev.ccigen.runtime.IamTokenProvider;
import dev.ccigen.runtime.ListOptions;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the client examples of the README (the code between the markers is copied there verbatim: ReadmeTest checks).
 * The AK/SK example reads made-up keys from the environment that it-tests/pom.xml gives this JVM; the in-test server
 * checks their signatures as the API gateway does; so does the generated test server, against which the AK/SK example
 * runs too.
 */
class ReadmeExampleTest {

    @Test
    void readmeExample() throws IOException {
        List<String> printed = new ArrayList<>();
        try (FakeServer server = new FakeServer()) {
            server.requireAkSk(Map.of(System.getenv("HUAWEICLOUD_SDK_AK"), System.getenv("HUAWEICLOUD_SDK_SK")));
            server.on("POST", "/api/v1/namespaces/my-namespace/pods", (call, ex) -> json(ex, 201, call.body()));
            server.on(
                    "GET",
                    "/api/v1/namespaces/my-namespace/pods",
                    (call, ex) -> json(
                            ex,
                            200,
                            "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[{\"metadata\":{\"name\":\"web\"}}]}"));
            readmeExample(server.uri().toString(), printed);
            assertEquals(List.of("web"), printed);
            FakeServer.Call create =
                    server.calls("POST", "/api/v1/namespaces/my-namespace/pods").get(0);
            assertTrue(create.header("Authorization").startsWith("SDK-HMAC-SHA256 Access=AKREADMEEXAMPLE00001, "));
            assertEquals(System.getenv("HUAWEICLOUD_SDK_PROJECT_ID"), create.header("X-Project-Id"));
        }
    }

    /** The same example against the generated test server, which checks the signatures itself: twice, the pod is there. */
    @Test
    void readmeExampleAgainstTheTestServer() {
        List<String> printed = new ArrayList<>();
        try (CciClientTestServer server = CciClientTestServer.start()) {
            server.acceptAkSk(System.getenv("HUAWEICLOUD_SDK_AK"), System.getenv("HUAWEICLOUD_SDK_SK"));
            readmeExample(server.uri().toString(), printed);
            readmeExample(server.uri().toString(), printed);
            assertEquals(List.of("web", "web"), printed);
            assertEquals(
                    2,
                    server.requests("POST", "/api/v1/namespaces/my-namespace/pods")
                            .size());
            assertEquals(
                    "nginx:1.21",
                    server.client()
                            .coreV1()
                            .pods("my-namespace")
                            .get("web")
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getImage());
        }
    }

    private static void readmeExample(String cciEndpoint, List<String> printed) {
        // spotless:off (the README shows this code as laid out here)
        // readme:example:begin
        try (CciClient client = CciClient.builder()
                .endpoint(URI.create(cciEndpoint)) // e.g. https://cci.cn-north-4.myhuaweicloud.com
                .credentials(Credentials.fromEnvironment()) // HUAWEICLOUD_SDK_AK, _SK, _PROJECT_ID
                .build()) {
            Pods pods = client.coreV1().pods("my-namespace");
            try {
                pods.create(Pod.builder()
                        .metadata(ObjectMeta.builder().name("web").labels(Map.of("app", "web")).build())
                        .spec(PodSpec.builder()
                                .containers(List.of(Container.builder().name("nginx").image("nginx:1.21").build()))
                                .build())
                        .build());
            } catch (ConflictException e) {
                System.out.println("already there: " + e.errorCode() + " " + e.errorMessage());
            }
            for (Pod pod : pods.list(ListOptions.builder().labelSelector("app=web").build()).getItems()) {
                System.out.println(pod.getMetadata().getName());
                // readme:example:end
                // spotless:on
                printed.add(pod.getMetadata().getName());
                // spotless:off (the README shows this code as laid out here)
                // readme:example:begin
            }
        }
        // readme:example:end
        // spotless:on
    }

    @Test
    void readmeIamExample() throws IOException {
        try (FakeServer server = new FakeServer()) {
            server.on(
                    "POST",
                    "/v3/auth/tokens",
                    (call, ex) -> json(
                            ex,
                            201,
                            "{\"token\":{\"expires_at\":\"2099-01-01T00:00:00Z\"}}",
                            "X-Subject-Token",
                            "token"));
            server.on(
                    "GET",
                    "/api/v1/namespaces/my-namespace/pods/web",
                    (call, ex) ->
                            json(ex, 200, "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"web\"}}"));
            String cciEndpoint = server.uri().toString();
            String iamEndpoint = server.uri().toString();
            char[] password = "s3cret".toCharArray();

            // spotless:off (the README shows this code as laid out here)
            // readme:iam:begin
            try (CciClient client = CciClient.builder()
                    .endpoint(URI.create(cciEndpoint))
                    .iam(IamTokenProvider.builder()
                            .iamEndpoint(URI.create(iamEndpoint)) // e.g. https://iam.myhuaweicloud.com
                            .username("alice").password(password)
                            .domainName("acme").projectName("cn-north-4"))
                    .build()) {
                Pod web = client.coreV1().pods("my-namespace").get("web");
                // readme:iam:end
                // spotless:on
                assertEquals("web", web.getMetadata().getName());
                // spotless:off (the README shows this code as laid out here)
                // readme:iam:begin
            }
            // readme:iam:end
            // spotless:on
            assertEquals(
                    "token",
                    server.calls("GET", "/api/v1/namespaces/my-namespace/pods/web")
                            .get(0)
                            .header("X-Auth-Token"));
        }
    }
}
