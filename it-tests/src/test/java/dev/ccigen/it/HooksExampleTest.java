package dev.ccigen.it;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.it.cci.CciClient;
import dev.ccigen.it.cci.CciClientTestServer;
import dev.ccigen.runtime.Attempt;
import dev.ccigen.runtime.IamTokenProvider;
import dev.ccigen.runtime.ListOptions;
import dev.ccigen.testserver.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The README's "Hooks: headers, logging and metrics": its example is this test's code, and it logs what it says. */
class HooksExampleTest {

    @Test
    void readmeHooksExample() {
        Logger sink = Logger.getLogger("cci.http");
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        sink.addHandler(capture);
        String password = "s3cret-of-alice";
        try (CciClientTestServer server = CciClientTestServer.start()) {
            String cciEndpoint = server.uri().toString();
            String iamEndpoint = server.uri().toString();
            server.failNext("pods", 429); // throttled once: retried, and the hook sees both attempts

            // spotless:off (the README shows this code as laid out here)
            // readme:hooks:begin
            System.Logger log = System.getLogger("cci.http");
            try (CciClient client = CciClient.builder()
                    .endpoint(URI.create(cciEndpoint))
                    .iam(IamTokenProvider.builder()
                            .iamEndpoint(URI.create(iamEndpoint))
                            .username("alice").password(password)
                            .domainName("acme").projectName("cn-north-4"))
                    .interceptor(chain -> { // each attempt: retries, redirects, watches, exec, IAM's token request
                        Attempt attempt = chain.attempt().withHeader("X-Request-Id", UUID.randomUUID().toString());
                        try {
                            Attempt.Response response = chain.proceed(attempt);
                            log.log(INFO, attempt + " -> " + response.statusCode()
                                    + " in " + response.elapsed().toMillis() + " ms");
                            return response;
                        } catch (IOException e) { // no response at all: refused, timed out, cancelled
                            log.log(WARNING, attempt + " failed: " + e);
                            throw e;
                        }
                    })
                    .build()) {
                client.coreV1().pods("my-namespace").list(ListOptions.none());
            }
            // readme:hooks:end
            // spotless:on

            String pods = server.uri() + "/api/v1/namespaces/my-namespace/pods";
            assertEquals(3, logged.size(), logged.toString());
            assertTrue(logged.get(0).startsWith("POST " + server.uri() + "/v3/auth/tokens?nocatalog=true -> 201 in "));
            assertTrue(logged.get(1).startsWith("GET " + pods + " -> 429 in "), logged.get(1));
            assertTrue(logged.get(2).startsWith("GET " + pods + " (retry 1) -> 200 in "), logged.get(2));
            List<RecordedRequest> sent = server.requests("GET", "/api/v1/namespaces/my-namespace/pods");
            assertEquals(2, sent.size());
            assertNotNull(sent.get(0).header("X-Request-Id"));
            assertFalse(
                    sent.get(0).header("X-Request-Id").equals(sent.get(1).header("X-Request-Id")), "one per attempt");
            String token = sent.get(0).header("X-Auth-Token");
            assertNotNull(token);
            for (String line : logged) {
                assertFalse(line.contains(token), line);
                assertFalse(line.contains(password), line);
            }
        } finally {
            sink.removeHandler(capture);
        }
    }
}
