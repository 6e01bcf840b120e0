package dev.ccigen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The signer's canonical forms, one rule at a time (AkSkSignerOracleTest compares whole signatures). */
class AkSkSignerTest {

    private static final Credentials KEYS = Credentials.of("AKEXAMPLE0123456789", "sk-example-secret");
    private static final Instant NOW = Instant.parse("2026-12-02T07:08:09Z");
    private static final Pattern AUTHORIZATION =
            Pattern.compile("SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");

    private static Map<String, String> sign(String method, String uri, Map<String, String> headers, String body) {
        return AkSkSigner.sign(
                method,
                URI.create(uri),
                headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                KEYS,
                NOW);
    }

    private static Matcher authorization(Map<String, String> signed) {
        Matcher m = AUTHORIZATION.matcher(signed.get("Authorization"));
        assertTrue(m.matches(), signed.get("Authorization"));
        return m;
    }

    @Test
    void datesInBasicIso8601Utc() {
        assertEquals(
                "20261202T070809Z", sign("GET", "https://h/", Map.of(), null).get("X-Sdk-Date"));
    }

    @Test
    void authorizationNamesTheAccessKeyAndTheSignedHeadersInOrder() {
        Matcher m = authorization(sign(
                "GET",
                "https://h/",
                Map.of(
                        "User-Agent",
                        "x",
                        "Content-Type",
                        "text/plain",
                        "X_Forwarded",
                        "y",
                        "Accept",
                        "application/json"),
                null));
        assertEquals("AKEXAMPLE0123456789", m.group(1));
        assertEquals("accept;host;user-agent;x-sdk-date", m.group(2), "no Content-Type, no name with _");
    }

    @Test
    void canonicalUriEndsEverySegmentWithASlash() {
        assertEquals("/", AkSkSigner.canonicalUri(""));
        assertEquals("/", AkSkSigner.canonicalUri("/"));
        assertEquals("/api/v1/pods/", AkSkSigner.canonicalUri("/api/v1/pods"));
        assertEquals("/api/v1/pods/", AkSkSigner.canonicalUri("/api/v1/pods/"));
        assertEquals("/a//b/", AkSkSigner.canonicalUri("/a//b"));
        assertEquals("/a%20/", AkSkSigner.canonicalUri("/a%20"), "a trailing space is part of the path");
        assertEquals("/a%20b/%E4%B8%AD/~x/", AkSkSigner.canonicalUri("/a%20b/%e4%b8%ad/%7Ex"), "decoded, encoded anew");
        assertEquals(
                authorization(sign("GET", "https://h/a/b", Map.of(), null)).group(3),
                authorization(sign("GET", "https://h/a/b/", Map.of(), null)).group(3));
    }

    @Test
    void canonicalQuerySortsNamesAndKeepsTheOrderOfValues() {
        assertEquals("", AkSkSigner.canonicalQuery(null));
        assertEquals("a=2&a=1&b=&c=x%20y&d=", AkSkSigner.canonicalQuery("c=x%20y&a=2&b=&a=1&d"));
        assertEquals("k=%2B%2A~", AkSkSigner.canonicalQuery("k=+*%7e"), "+ is a plus, not a space");
        assertEquals("a%20b=1", AkSkSigner.canonicalQuery("a%20b=1"), "a name is encoded once, like a value");
    }

    @Test
    void hostIsWhatTheJdkSends() {
        assertEquals("h", AkSkSigner.host(URI.create("https://h:443/")));
        assertEquals("h", AkSkSigner.host(URI.create("http://h:80/")));
        assertEquals("h:8443", AkSkSigner.host(URI.create("https://h:8443/")));
        assertEquals("[::1]:9000", AkSkSigner.host(URI.create("http://[::1]:9000/")));
    }

    @Test
    void headerValuesAreSignedAsTheyArriveTrimmedButNotCollapsed() {
        String trimmed =
                sign("GET", "https://h/", Map.of("X-A", "a  \t b"), null).get("Authorization");
        assertEquals(
                trimmed,
                sign("GET", "https://h/", Map.of("X-A", " \ta  \t b\t "), null).get("Authorization"));
        assertNotEquals(
                trimmed, sign("GET", "https://h/", Map.of("X-A", "a b"), null).get("Authorization"));
    }

    @Test
    void theBodyIsSignedUnlessDeclaredUnsigned() {
        String a = sign("PUT", "https://h/x", Map.of(), "{\"a\":1}").get("Authorization");
        assertNotEquals(a, sign("PUT", "https://h/x", Map.of(), "{\"a\":2}").get("Authorization"));
        Map<String, String> unsigned = Map.of("X-Sdk-Content-Sha256", AkSkSigner.UNSIGNED_PAYLOAD);
        assertEquals(
                sign("PUT", "https://h/x", unsigned, "one").get("Authorization"),
                sign("PUT", "https://h/x", unsigned, "two").get("Authorization"));
    }

    @Test
    void temporaryCredentialsAndTheirProjectAreSentAndSigned() {
        Credentials temporary = KEYS.withSecurityToken("st-token-value").withProjectId("p-123");
        Map<String, String> signed = AkSkSigner.sign("GET", URI.create("https://h/"), Map.of(), null, temporary, NOW);
        assertEquals("st-token-value", signed.get("X-Security-Token"));
        assertEquals("p-123", signed.get("X-Project-Id"));
        assertEquals(
                "host;x-project-id;x-sdk-date;x-security-token",
                authorization(signed).group(2));

        Map<String, String> own =
                AkSkSigner.sign("GET", URI.create("https://h/"), Map.of("x-project-id", "mine"), null, temporary, NOW);
        assertFalse(own.containsKey("X-Project-Id"), "the client's own X-Project-Id wins");
    }

    @Test
    void neverShowsAKey() {
        String shown = KEYS.withSecurityToken("st-token-value").toString();
        assertFalse(shown.contains("AKEXAMPLE") || shown.contains("sk-example") || shown.contains("st-token"), shown);
    }
}
