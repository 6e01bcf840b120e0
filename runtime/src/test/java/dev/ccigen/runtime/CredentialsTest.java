package dev.ccigen.runtime;

import static dev.ccigen.runtime.TestSupport.json;
import static dev.ccigen.runtime.TestSupport.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where AK/SK come from: the environment, the SDKs' credentials file, the ECS metadata service, and the chain. */
class CredentialsTest {

    private static final String AK = "AKFROMSOMEWHERE00001";
    private static final String SK = "sk-from-somewhere-0001";

    @TempDir
    Path dir;

    @AutoClose
    private final MockWebServer metadata = TestSupport.startedServer();

    private final TestSupport.MutableClock clock = new TestSupport.MutableClock(Instant.parse("2026-05-01T10:00:00Z"));

    private static void assertShowsNoSecret(String text) {
        for (String secret : List.of(AK, SK, "st-secret-token")) {
            assertFalse(text.contains(secret), text);
        }
    }

    @Test
    void environment() {
        Credentials c = Credentials.fromEnvironment(Map.of(
                        "HUAWEICLOUD_SDK_AK",
                        AK,
                        "HUAWEICLOUD_SDK_SK",
                        SK,
                        "HUAWEICLOUD_SDK_PROJECT_ID",
                        "p-1",
                        "HUAWEICLOUD_SDK_SECURITY_TOKEN",
                        "st-secret-token")::get)
                .credentials();
        assertEquals(AK, c.accessKey());
        assertEquals(SK, c.secretKey());
        assertEquals("p-1", c.projectId());
        assertEquals("st-secret-token", c.securityToken());
        assertShowsNoSecret(c.toString());
    }

    @Test
    void environmentWithoutKeysNamesWhatIsMissing() {
        IllegalStateException none = assertThrows(
                IllegalStateException.class, () -> Credentials.fromEnvironment(Map.<String, String>of()::get));
        assertEquals(
                "no AK/SK in the environment: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are not set",
                none.getMessage());
        IllegalStateException half = assertThrows(
                IllegalStateException.class, () -> Credentials.fromEnvironment(Map.of("HUAWEICLOUD_SDK_AK", AK)::get));
        assertEquals("no AK/SK in the environment: HUAWEICLOUD_SDK_SK is not set", half.getMessage());
    }

    @Test
    void profileInTheSdksFormat() throws Exception {
        Path file = Files.writeString(dir.resolve("credentials"), """
                # Huawei Cloud SDK credentials
                [global]
                ak = GLOBALAKNOTTHISONE
                sk = global-sk-not-this-one

                [basic]
                ak = %s
                sk=%s
                project_id = p-2
                security_token = st-secret-token
                """.formatted(AK, SK), StandardCharsets.UTF_8);
        Credentials c = Credentials.fromProfile(file).credentials();
        assertEquals(AK, c.accessKey());
        assertEquals(SK, c.secretKey());
        assertEquals("p-2", c.projectId());
        assertEquals("st-secret-token", c.securityToken());

        Credentials viaVariable = Credentials.fromProfile(
                        Map.of("HUAWEICLOUD_SDK_CREDENTIALS_FILE", file.toString())::get)
                .credentials();
        assertEquals(AK, viaVariable.accessKey());
    }

    @Test
    void profileProblemsNameTheFileNotItsContent() throws Exception {
        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> Credentials.fromProfile(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        Path noSk = Files.writeString(dir.resolve("no-sk"), "[basic]\nak = " + AK + "\n");
        IllegalStateException lacks = assertThrows(IllegalStateException.class, () -> Credentials.fromProfile(noSk));
        assertTrue(lacks.getMessage().endsWith("lacks sk"), lacks.getMessage());
        assertShowsNoSecret(lacks.getMessage());
        Path global = Files.writeString(dir.resolve("global"), "[global]\nak = " + AK + "\nsk = " + SK + "\n");
        assertTrue(assertThrows(IllegalStateException.class, () -> Credentials.fromProfile(global))
                .getMessage()
                .contains("has no [basic] section"));
    }

    @Test
    void chainTakesTheFirstSourceThatHasKeysInTheSdksOrder() throws Exception {
        Path file = Files.writeString(dir.resolve("credentials"), "[basic]\nak = PROFILEAK0001\nsk = profile-sk\n");
        Map<String, String> both = Map.of(
                "HUAWEICLOUD_SDK_AK",
                AK,
                "HUAWEICLOUD_SDK_SK",
                SK,
                "HUAWEICLOUD_SDK_CREDENTIALS_FILE",
                file.toString());
        assertEquals(
                AK,
                Credentials.defaultChain(both::get, uri(metadata)).credentials().accessKey());
        Map<String, String> fileOnly = Map.of("HUAWEICLOUD_SDK_CREDENTIALS_FILE", file.toString());
        assertEquals(
                "PROFILEAK0001",
                Credentials.defaultChain(fileOnly::get, uri(metadata))
                        .credentials()
                        .accessKey());

        Map<String, String> nothing =
                Map.of("HUAWEICLOUD_SDK_CREDENTIALS_FILE", dir.resolve("none").toString());
        metadata.enqueue(new MockResponse.Builder().code(404).build()); // no session token
        metadata.enqueue(securityKey("METADATAAK0001", clock.instant().plus(Duration.ofHours(24))));
        assertEquals(
                "METADATAAK0001",
                Credentials.defaultChain(nothing::get, uri(metadata))
                        .credentials()
                        .accessKey());
    }

    @Test
    void chainWithoutAnySourceSaysWhyForEach() {
        Map<String, String> nothing =
                Map.of("HUAWEICLOUD_SDK_CREDENTIALS_FILE", dir.resolve("none").toString());
        metadata.enqueue(new MockResponse.Builder().code(404).build());
        metadata.enqueue(json(404, "{\"message\":\"not an ECS instance\"}"));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Credentials.defaultChain(nothing::get, uri(metadata)).credentials());
        assertTrue(
                e.getMessage().startsWith("no AK/SK found; environment: no AK/SK in the environment"), e.getMessage());
        assertTrue(e.getMessage().contains("; credentials file: credentials file "), e.getMessage());
        assertTrue(e.getMessage().contains("; ECS metadata: HTTP 404"), e.getMessage());
    }

    private static MockResponse securityKey(String access, Instant expiresAt) {
        return json(
                200,
                "{\"credential\":{\"access\":\"" + access + "\",\"secret\":\"" + SK
                        + "\",\"securitytoken\":\"st-secret-token\",\"expires_at\":\"" + expiresAt + "\"}}");
    }

    @Test
    void metadataSendsTheSessionTokenAndParsesTheTemporaryKeys() throws Exception {
        metadata.enqueue(
                new MockResponse.Builder().code(200).body("session-token-1").build());
        metadata.enqueue(json(
                200,
                "{\"credential\":{\"access\":\"" + AK + "\",\"secret\":\"" + SK
                        + "\",\"securitytoken\":\"st-secret-token\",\"expires_at\":\"2026-05-02T10:00:00.123000Z\"}}"));
        MetadataCredentialsProvider provider = MetadataCredentialsProvider.builder()
                .endpoint(uri(metadata))
                .clock(clock)
                .build();
        Credentials c = provider.credentials();
        assertEquals(AK, c.accessKey());
        assertEquals("st-secret-token", c.securityToken());
        assertEquals(Instant.parse("2026-05-02T10:00:00.123Z"), c.expiresAt());

        RecordedRequest put = metadata.takeRequest();
        assertEquals("PUT", put.getMethod());
        assertEquals("/meta-data/latest/api/token", put.getTarget());
        assertEquals("21600", put.getHeaders().get("X-Metadata-Token-Ttl-Seconds"));
        RecordedRequest get = metadata.takeRequest();
        assertEquals("/openstack/latest/securitykey", get.getTarget());
        assertEquals("session-token-1", get.getHeaders().get("X-Metadata-Token"));
        assertShowsNoSecret(provider.toString());
    }

    @Test
    void metadataRefreshesBeforeExpiryAndKeepsWorkingKeysWhenARefreshFails() {
        Instant expiry = clock.instant().plus(Duration.ofHours(2));
        metadata.enqueue(new MockResponse.Builder().code(404).build());
        metadata.enqueue(securityKey("AKFIRST00001", expiry));
        MetadataCredentialsProvider provider = MetadataCredentialsProvider.builder()
                .endpoint(uri(metadata))
                .clock(clock)
                .refreshBefore(Duration.ofMinutes(40))
                .build();
        assertEquals("AKFIRST00001", provider.credentials().accessKey());
        clock.advance(Duration.ofMinutes(79));
        assertEquals("AKFIRST00001", provider.credentials().accessKey(), "not yet 40 minutes before expiry");
        assertEquals(2, metadata.getRequestCount());

        clock.advance(Duration.ofMinutes(2)); // 39 minutes left: refresh, which fails; the keys still work
        metadata.enqueue(new MockResponse.Builder().code(404).build());
        metadata.enqueue(json(503, "{}"));
        assertEquals("AKFIRST00001", provider.credentials().accessKey());

        clock.advance(Duration.ofMinutes(2)); // a minute later it asks again, and gets new keys
        metadata.enqueue(new MockResponse.Builder().code(404).build());
        metadata.enqueue(securityKey("AKSECOND0001", expiry.plus(Duration.ofHours(2))));
        assertEquals("AKSECOND0001", provider.credentials().accessKey());
    }

    @Test
    void metadataFetchesOnceHoweverManyThreadsWait() throws Exception {
        AtomicInteger keyRequests = new AtomicInteger();
        metadata.setDispatcher(TestSupport.dispatcher(request -> {
            if (request.getTarget().equals("/meta-data/latest/api/token")) {
                return new MockResponse.Builder().code(404).build();
            }
            keyRequests.incrementAndGet();
            return securityKey("AKCONCURRENT01", Instant.parse("2026-05-02T10:00:00Z"))
                    .newBuilder()
                    .headersDelay(100, TimeUnit.MILLISECONDS)
                    .build(); // threads pile up behind it
        }));
        MetadataCredentialsProvider provider = MetadataCredentialsProvider.builder()
                .endpoint(uri(metadata))
                .clock(clock)
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Credentials>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(provider::credentials);
            }
            List<Credentials> got = new CopyOnWriteArrayList<>();
            for (Future<Credentials> f : pool.invokeAll(calls)) {
                got.add(f.get());
            }
            assertEquals(1, keyRequests.get());
            got.forEach(c -> assertSame(got.get(0), c));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void metadataAnswerWithoutKeysIsReportedWithoutItsBody() {
        metadata.enqueue(new MockResponse.Builder().code(404).build());
        metadata.enqueue(json(200, "{\"credential\":{\"access\":\"" + AK + "\",\"secret\":\"" + SK + "\"}}"));
        ApiException e = assertThrows(
                ApiException.class,
                () -> Credentials.fromMetadata(uri(metadata)).credentials());
        assertShowsNoSecret(e.getMessage() + e.body());
        assertNull(e.errorCode());
    }
}
