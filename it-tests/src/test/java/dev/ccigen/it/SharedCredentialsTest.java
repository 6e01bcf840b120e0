package dev.ccigen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccigen.it.cci.CciClient;
import dev.ccigen.it.cci.CciClientTestServer;
import dev.ccigen.it.iam.IamClient;
import dev.ccigen.runtime.ApiException;
import dev.ccigen.runtime.Credentials;
import dev.ccigen.runtime.CredentialsProvider;
import dev.ccigen.runtime.IamTokenProvider;
import dev.ccigen.runtime.ListOptions;
import dev.ccigen.runtime.NotFoundException;
import dev.ccigen.runtime.Request;
import dev.ccigen.testserver.ApiTestServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two clients of one project, generated with the same library (CCI's and IAM's): they share one IamTokenProvider (one
 * IAM login for both) or one CredentialsProvider, and throw the same exceptions.
 */
class SharedCredentialsTest {

    @Test
    void twoClientsShareOneIamLoginAndOneExceptionHierarchy() {
        try (CciClientTestServer server = CciClientTestServer.start();
                IamTokenProvider login = IamTokenProvider.builder()
                        .iamEndpoint(server.uri())
                        .username("alice")
                        .password("s3cret")
                        .domainName("acme")
                        .projectName("cn-north-4")
                        .build();
                CciClient cci =
                        CciClient.builder().endpoint(server.uri()).iam(login).build();
                IamClient iam =
                        IamClient.builder().endpoint(server.uri()).iam(login).build()) {
            cci.coreV1().pods("ns").list(ListOptions.none());
            NotFoundException fromCci = assertThrows(
                    NotFoundException.class, () -> cci.coreV1().pods("ns").get("missing"));
            NotFoundException fromIam = assertThrows(
                    NotFoundException.class,
                    () -> iam.transport()
                            .call(Request.builder("GET", "/v3/projects").build(), JsonNode.class));

            assertEquals(1, server.requests("POST", ApiTestServer.TOKENS).size(), "one IAM login for both clients");
            String token =
                    server.requests("GET", "/api/v1/namespaces/ns/pods").get(0).header("X-Auth-Token");
            assertNotNull(token);
            assertEquals(token, server.requests("GET", "/v3/projects").get(0).header("X-Auth-Token"));
            assertSame(fromCci.getClass(), fromIam.getClass(), "one exception hierarchy: the library's");
            assertEquals(ApiException.class, NotFoundException.class.getSuperclass());

            server.expireTokens(); // a 401 to either client: one new login, which the other uses too
            iam.transport()
                    .call(Request.builder("GET", "/api/v1/namespaces/ns/pods").build(), JsonNode.class);
            cci.coreV1().pods("ns").list(ListOptions.none());
            assertEquals(2, server.requests("POST", ApiTestServer.TOKENS).size());
        }
    }

    @Test
    void twoClientsShareOneCredentialsProvider() {
        AtomicInteger asked = new AtomicInteger();
        Credentials keys = Credentials.of("AKSHAREDBYTWOCLIENTS1", "SKsharedByTwoClientsSecretKey01");
        CredentialsProvider shared = () -> {
            asked.incrementAndGet();
            return keys;
        };
        try (CciClientTestServer server = CciClientTestServer.start()) {
            server.acceptAkSk(keys.accessKey(), keys.secretKey());
            try (CciClient cci = CciClient.builder()
                            .endpoint(server.uri())
                            .credentials(shared)
                            .build();
                    IamClient iam = IamClient.builder()
                            .endpoint(server.uri())
                            .credentials(shared)
                            .build()) {
                cci.coreV1().pods("ns").list(ListOptions.none());
                iam.transport()
                        .call(
                                Request.builder("GET", "/api/v1/namespaces/ns/pods")
                                        .build(),
                                JsonNode.class);
            }
            assertEquals(2, asked.get(), "each attempt of either client signs with the shared keys");
            assertEquals(0, server.requests("POST", ApiTestServer.TOKENS).size());
        }
    }
}
