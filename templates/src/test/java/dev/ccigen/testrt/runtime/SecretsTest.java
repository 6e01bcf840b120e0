package dev.ccigen.testrt.runtime;

import static dev.ccigen.testrt.runtime.TestSupport.json;
import static dev.ccigen.testrt.runtime.TestSupport.uri;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The password and tokens must not show up anywhere a human or a log collector could read them. */
class SecretsTest {

    private static final String PASSWORD = "Pa55-w0rd-xyz";
    private static final String TOKEN = "MIIatAYJKoZIhvcNAQcC-token-1";
    private static final String TOKEN_2 = "MIIatAYJKoZIhvcNAQcC-token-2";

    private final Logger runtimeLogger = Logger.getLogger("dev.ccigen.testrt.runtime");
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logged.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private MockWebServer iam;
    private MockWebServer api;

    @BeforeEach
    void start() throws Exception {
        runtimeLogger.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        runtimeLogger.addHandler(capture);
        iam = new MockWebServer();
        iam.start();
        api = new MockWebServer();
        api.start();
    }

    @AfterEach
    void stop() {
        runtimeLogger.removeHandler(capture);
        runtimeLogger.setLevel(null);
        iam.close();
        api.close();
    }

    @Test
    void secretsNeverAppear() {
        IamTokenProvider.Builder builder = IamTokenProvider.builder().iamEndpoint(uri(iam)).username("IAMUser")
                .password(PASSWORD).domainName("IAMDomain").projectId("0605767a").requestTimeout(Duration.ofSeconds(5));
        IamTokenProvider tokens = builder.build();
        iam.enqueue(IamTokenProviderTest.issued(TOKEN, "2099-01-04T09:05:22.701000Z"));
        iam.enqueue(IamTokenProviderTest.issued(TOKEN_2, "2099-01-04T09:05:22.701000Z"));
        iam.enqueue(json(401, "{\"error\":{\"code\":401,\"message\":\"The username or password is wrong.\",\"title\":\"Unauthorized\"}}"));
        Transport transport = new ClientBuilder<>(t -> t).endpoint(uri(api)).iam(tokens).maxRetries(0).build();

        List<String> seen = new ArrayList<>();
        api.enqueue(json(401, "{\"error_code\":\"APIGW.0307\",\"error_msg\":\"The token must be updated.\"}"));
        api.enqueue(json(200, "{}"));
        transport.call(Request.builder("GET", "/api/v1/namespaces").build(), JsonNode.class);
        api.enqueue(json(503, "<html>down</html>"));
        ApiException e = assertThrows(ApiException.class,
                () -> transport.call(Request.builder("GET", "/api/v1/namespaces").build(), JsonNode.class));
        seen.add(e.getMessage());
        seen.add(e.toString());
        tokens.invalidate(TOKEN_2);
        ApiException iamFailure = assertThrows(UnauthorizedException.class, tokens::token);
        seen.add(iamFailure.getMessage());
        seen.add(iamFailure.toString());
        seen.add(tokens.toString());
        seen.add(builder.toString());
        seen.add(transport.toString());
        seen.add(StaticTokenProvider.of(TOKEN).toString());

        assertTrue(logged.stream().anyMatch(line -> line.contains("/api/v1/namespaces")), "DEBUG lines were captured");
        seen.addAll(logged);
        for (String text : seen) {
            assertFalse(text.contains(PASSWORD), text);
            assertFalse(text.contains(TOKEN), text);
            assertFalse(text.contains(TOKEN_2), text);
        }
    }
}
