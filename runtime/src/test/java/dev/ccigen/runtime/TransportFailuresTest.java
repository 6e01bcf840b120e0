package dev.ccigen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * No response at all, said in words a user can act on: what happened (refused, unknown host, ...) and where (host and
 * port), on one line, with a cause chain short enough to read. Against real loopback ports and a name that never
 * resolves ({@code .invalid} is reserved for that).
 */
class TransportFailuresTest {
    private static final String SECRET = "secret-token-123";

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static TransportException failGet(URI endpoint) {
        Transport transport = new ClientBuilder<>(t -> t)
                .endpoint(endpoint)
                .token(SECRET)
                .maxRetries(0)
                .buildTransport();
        return assertThrows(
                TransportException.class,
                () -> transport.call(Request.builder("GET", "/api/v1/pods").build(), JsonNode.class));
    }

    private static String trace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** The causes {@code printStackTrace} prints. */
    private static long causeLines(Throwable e) {
        return trace(e).lines().filter(l -> l.startsWith("Caused by:")).count();
    }

    @Test
    void aRefusedConnectionSaysSoWithHostAndPort() throws Exception {
        int port = closedPort();
        TransportException e = failGet(URI.create("http://127.0.0.1:" + port));
        assertEquals(TransportException.Reason.CONNECTION_REFUSED, e.reason());
        assertEquals(
                "connection refused by 127.0.0.1:" + port + ": nothing accepts connections there (GET http://127.0.0.1:"
                        + port + "/api/v1/pods)",
                e.getMessage());
        assertEquals(0, e.statusCode());
        assertTrue(causeLines(e) <= 1, () -> "one cause, the exception that says what happened: " + trace(e));
    }

    @Test
    void anUnknownHostSaysSoAndIsNotARefusal() throws Exception {
        TransportException e = failGet(URI.create("https://nonexistent.invalid"));
        assertEquals(TransportException.Reason.UNKNOWN_HOST, e.reason());
        assertEquals(
                "unknown host nonexistent.invalid: the name does not resolve (GET https://nonexistent.invalid/api/v1/pods)",
                e.getMessage());
        assertTrue(causeLines(e) <= 1, () -> "one cause: " + trace(e));
        assertNotEquals(
                failGet(URI.create("http://127.0.0.1:" + closedPort()))
                        .getMessage()
                        .replaceAll("[0-9.:]+", ""),
                e.getMessage().replaceAll("[0-9.:]+", ""));
    }

    @Test
    void iamUnreachableSaysTheIamRequestFailedWithIamsAddress() throws Exception {
        int port = closedPort();
        IamTokenProvider refused = IamTokenProvider.builder()
                .iamEndpoint(URI.create("http://127.0.0.1:" + port))
                .username("user")
                .password("IAMPassword")
                .domainName("domain")
                .projectName("cn-north-4")
                .build();
        TransportException e = assertThrows(TransportException.class, refused::token);
        assertEquals(
                "IAM token request failed: connection refused by 127.0.0.1:" + port + ": nothing accepts connections "
                        + "there (POST http://127.0.0.1:" + port + "/v3/auth/tokens?nocatalog=true)",
                e.getMessage());

        IamTokenProvider unknown = IamTokenProvider.builder()
                .iamEndpoint(URI.create("https://iam.nonexistent.invalid"))
                .username("user")
                .password("IAMPassword")
                .domainName("domain")
                .projectName("cn-north-4")
                .build();
        e = assertThrows(TransportException.class, unknown::token);
        assertEquals(TransportException.Reason.UNKNOWN_HOST, e.reason());
        assertTrue(
                e.getMessage().startsWith("IAM token request failed: unknown host iam.nonexistent.invalid: "),
                e.getMessage());
        assertFalse(e.getMessage().contains("IAMPassword"));
    }
}
