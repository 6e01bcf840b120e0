package dev.ccigen.runtime;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

final class TestSupport {

    private TestSupport() {}

    /** A server listening on a loopback port; close it when done (e.g. with {@code @AutoClose}). */
    static MockWebServer startedServer() {
        MockWebServer server = new MockWebServer();
        try {
            server.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return server;
    }

    /** A dispatcher from a function (mockwebserver3's is an abstract class, not an interface). */
    static mockwebserver3.Dispatcher dispatcher(
            java.util.function.Function<mockwebserver3.RecordedRequest, MockResponse> answer) {
        return new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                return answer.apply(request);
            }
        };
    }

    /** Pods of namespace {@code ns} through {@code transport}: what most of these tests call. */
    static ResourceCalls<TestPod, TestPod.List_> pods(Transport transport) {
        return new ResourceCalls<>(transport, "/api/v1", "pods", "ns", TestPod.class, TestPod.List_.class);
    }

    static URI uri(MockWebServer server) {
        return server.url("/").uri();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Records the waits instead of waiting. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> sleeps = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
        }
    }
}
