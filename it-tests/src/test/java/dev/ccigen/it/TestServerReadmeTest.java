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
import dev.ccigen.runtime.ListOptions;
import dev.ccigen.runtime.NotFoundException;
import dev.ccigen.testserver.RecordedRequest;
import java.io.IOException;
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
    void readmeShowsThisExample() throws IOException {
        String code = ReadmeTest.marked(
                Path.of("src/test/java/dev/ccigen/it/TestServerReadmeTest.java").toAbsolutePath(), "test-server");
        assertFalse(code.isBlank());
        assertTrue(
                ReadmeTest.readme().contains(code),
                "README.md must contain, verbatim, TestServerReadmeTest's code:\n" + code);
        assertTrue(ReadmeTest.readme().contains("## Test your code without CCI"));
    }
}
