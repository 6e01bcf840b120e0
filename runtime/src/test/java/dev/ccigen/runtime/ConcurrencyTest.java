package dev.ccigen.runtime;

import static dev.ccigen.runtime.TestSupport.json;
import static dev.ccigen.runtime.TestSupport.uri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 50 threads share one client whose IAM token expires under them. Time moves only between requests (the
 * clock is advanced under a write lock; every request runs under a read lock), so "was the token valid
 * when it was sent" has an exact answer, judged by the server against the same clock.
 */
class ConcurrencyTest {

    private static final int THREADS = 50;
    private static final Duration LIFETIME = Duration.ofHours(24);

    private MockWebServer server;
    private final TestSupport.MutableClock clock = new TestSupport.MutableClock(Instant.parse("2024-05-01T00:00:00Z"));
    private final ReentrantReadWriteLock time = new ReentrantReadWriteLock(true);
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();
    private final AtomicInteger iamCalls = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> tokensSeen = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getTarget().startsWith("/v3/auth/tokens")) {
                    String token = "tok-" + iamCalls.incrementAndGet();
                    Instant expiresAt = clock.instant().plus(LIFETIME);
                    issued.put(token, expiresAt);
                    // slow enough that many threads pile up behind the fetch
                    return IamTokenProviderTest.issued(token, expiresAt.toString())
                            .newBuilder()
                            .headersDelay(50, TimeUnit.MILLISECONDS)
                            .build();
                }
                String token = request.getHeaders().get("X-Auth-Token");
                Instant expiresAt = token == null ? null : issued.get(token);
                Instant now = clock.instant();
                if (token == null || token.isEmpty()) {
                    violations.add("no token at " + now);
                } else if (expiresAt == null) {
                    violations.add("unknown token " + token);
                } else if (!now.isBefore(expiresAt)) {
                    violations.add(token + " sent at " + now + ", expired at " + expiresAt);
                } else {
                    tokensSeen.put(token, true);
                }
                served.incrementAndGet();
                return json(200, "{}");
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void fiftyThreadsOneIamCallPerExpiryNeverAnExpiredToken() {
        IamTokenProvider iam = IamTokenProvider.builder()
                .iamEndpoint(uri(server))
                .username("u")
                .password("p")
                .domainName("d")
                .projectName("cn-north-4")
                .clock(clock)
                .build();
        Transport transport = new ClientBuilder<>(t -> t)
                .endpoint(uri(server))
                .iam(iam)
                .maxRetries(0)
                .clock(clock)
                .sleeper(d -> {})
                .build();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> workers = new ArrayList<>();
        AtomicInteger running = new AtomicInteger(1);

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < THREADS; i++) {
                Thread worker = new Thread(
                        () -> {
                            while (running.get() == 1) {
                                time.readLock().lock();
                                try {
                                    transport.call(
                                            Request.builder("GET", "/api/v1/namespaces")
                                                    .build(),
                                            JsonNode.class);
                                } catch (Throwable t) {
                                    failures.add(t);
                                    return;
                                } finally {
                                    time.readLock().unlock();
                                }
                            }
                        },
                        "worker-" + i);
                worker.setDaemon(true);
                workers.add(worker);
                worker.start();
            }
            awaitServed(200);
            assertEquals(1, iamCalls.get(), "50 threads starting together: one IAM call");

            // alternately into the refresh window (token still valid) and past the expiry
            List<Duration> steps = List.of(
                    Duration.ofMinutes(23 * 60 + 30),
                    Duration.ofHours(25),
                    Duration.ofMinutes(23 * 60 + 30),
                    Duration.ofHours(25));
            int expected = 1;
            for (Duration step : steps) {
                time.writeLock().lock();
                try {
                    clock.advance(step);
                } finally {
                    time.writeLock().unlock();
                }
                awaitServed(200);
                expected++;
                assertEquals(expected, iamCalls.get(), "one IAM call after moving the clock by " + step);
            }
            running.set(0);
            for (Thread worker : workers) {
                worker.join();
            }
        });

        assertTrue(failures.isEmpty(), failures.toString());
        assertTrue(
                violations.isEmpty(),
                violations.size() + " bad tokens, e.g. " + violations.subList(0, Math.min(5, violations.size())));
        assertEquals(5, iamCalls.get());
        assertEquals(5, tokensSeen.size(), tokensSeen.keySet().toString());
    }

    private void awaitServed(long more) throws InterruptedException {
        long target = served.get() + more;
        while (served.get() < target) {
            Thread.sleep(5);
        }
    }
}
