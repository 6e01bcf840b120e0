package dev.ccigen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.it.cci.CciClient;
import dev.ccigen.it.cci.CciClientTestServer;
import dev.ccigen.it.cci.api.core.v1.Pods;
import dev.ccigen.it.cci.model.core.v1.Pod;
import dev.ccigen.it.cci.model.meta.v1.ObjectMeta;
import dev.ccigen.runtime.ExecOptions;
import dev.ccigen.runtime.ExecResult;
import dev.ccigen.runtime.ListOptions;
import dev.ccigen.runtime.NotFoundException;
import dev.ccigen.testserver.ExecHandler;
import dev.ccigen.testserver.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's "Test your code without CCI": its example is this test's code, and it passes. */
class TestServerReadmeTest {

    @Test
    void readmeTestServerExample() {
        // spotless:off (the README shows this code as laid out here)
        // readme:test-server:begin
        try (CciClientTestServer server = CciClientTestServer.start()) {
            CciClient client = server.client(); // or CciClient.builder().endpoint(server.uri())...
            Pods pods = client.coreV1().pods("my-namespace");
            pods.create(Pod.builder()
                    .metadata(ObjectMeta.builder().name("web").labels(Map.of("app", "web")).build())
                    .build());

            server.failNext("pods", 429); // throttled once: the client waits for Retry-After, then retries
            assertEquals(1, pods.list(ListOptions.builder().labelSelector("app=web").build()).getItems().size());

            server.expireTokens(); // the client's IAM token stops working: it fetches another and retries
            pods.delete("web");
            assertThrows(NotFoundException.class, () -> pods.get("web"));

            List<RecordedRequest> sent = server.requests("DELETE", "/api/v1/namespaces/my-namespace/pods/web");
            assertEquals(2, sent.size()); // refused with the expired token, then sent again with a new one
        }
        // readme:test-server:end
        // spotless:on
    }

    @Test
    void readmePodScriptExample() throws Exception {
        // spotless:off (the README shows this code as laid out here)
        // readme:pod-script:begin
        try (CciClientTestServer server = CciClientTestServer.start()) {
            Pods pods = server.client().coreV1().pods("my-namespace");
            pods.create(Pod.builder().metadata(ObjectMeta.builder().name("db").build()).build());
            server.pod("my-namespace", "db")
                    .exec(List.of("pg_isready"), ExecHandler.reply("accepting connections\n", "", 0))
                    .exec(List.of("migrate"), call -> { // reads stdin, prints as it goes, chooses the exit code
                        long statements = new String(call.stdin().readAllBytes()).lines().count();
                        call.stdout().print("applied " + statements + "\n");
                        return statements > 0 ? 0 : 1;
                    })
                    .log("database system is ready to accept connections\n");

            assertEquals("accepting connections\n", pods.exec("db", "pg_isready").stdout());
            ExecResult migrated = pods.exec("db", ExecOptions.builder().input("a;\nb;\n").build(), "migrate");
            assertEquals("applied 2\n", migrated.stdout());
            assertEquals("hi\n", pods.exec("db", "sh", "-c", "echo hi").stdout()); // unscripted: a minimal shell
            assertEquals(127, pods.exec("db", "psql").exitCode()); // ... which has no psql
            assertTrue(pods.log("db").contains("ready"));
        }
        // readme:pod-script:end
        // spotless:on
    }

    @Test
    void readmeInProcessExample() {
        // spotless:off (the README shows this code as laid out here)
        // readme:in-process:begin
        try (CciClientTestServer server = CciClientTestServer.inProcess()) { // no port, no socket, no thread
            CciClient client = server.client(); // its builder has .connector(server.connector())
            Pods pods = client.coreV1().pods("my-namespace");
            for (int i = 0; i < 1000; i++) {
                pods.create(Pod.builder().metadata(ObjectMeta.builder().name("pod-" + i).build()).build());
            }
            assertEquals(1000, pods.list().getItems().size());
        }
        // readme:in-process:end
        // spotless:on
    }

    @Test
    void readmeShowsTheseExamples() throws IOException {
        for (String example : List.of("test-server", "pod-script", "in-process")) {
            String code = ReadmeTest.marked(
                    Path.of("src/test/java/dev/ccigen/it/TestServerReadmeTest.java")
                            .toAbsolutePath(),
                    example);
            assertFalse(code.isBlank());
            assertTrue(
                    section().contains(code),
                    "README.md's \"Test your code without CCI\" must contain, verbatim, TestServerReadmeTest's "
                            + example + " example:\n" + code);
        }
    }

    /** The commands it shows (running the server with mvn exec:java, kubectl, fetch) are the ones KubectlTest runs. */
    @Test
    void readmeShowsTheCommandsKubectlTestRuns() throws IOException {
        for (String file : List.of("run-test-server.sh", "kubectl.sh", "fetch.sh")) {
            String commands =
                    Files.readString(Path.of("src/test/resources/readme").resolve(file));
            assertTrue(
                    section().contains("```sh\n" + commands + "```"),
                    "README.md's \"Test your code without CCI\" must show src/test/resources/readme/" + file
                            + " as a sh block:\n" + commands);
        }
    }

    private static String section() throws IOException {
        String readme = ReadmeTest.readme();
        int start = readme.indexOf("## Test your code without CCI");
        assertTrue(start >= 0, "README.md has a section \"Test your code without CCI\"");
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }
}
