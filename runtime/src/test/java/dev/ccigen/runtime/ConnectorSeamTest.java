package dev.ccigen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.function.Function;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/**
 * The chain's last step is a {@link Connector}: one that answers in process, without a socket, gets the whole chain in
 * front of it (IAM's token request, retries, redirects, re-authentication, streams). The seam a test server of the
 * API can plug into the client builder, as client-go's fake clientset serves Go tests.
 */
class ConnectorSeamTest {

    /** An answer of the in-process server. */
    record Answer(int status, Map<String, List<String>> headers, String body) {
        static Answer json(int status, String body) {
            return new Answer(status, Map.of("Content-Type", List.of("application/json")), body);
        }
    }

    /** A server in process: a function from the request (and its body) to the answer. */
    static final class InProcess implements Connector {
        final List<String> seen = new CopyOnWriteArrayList<>();
        private final Function<HttpRequest, Answer> handler;

        InProcess(Function<HttpRequest, Answer> handler) {
            this.handler = handler;
        }

        @Override
        public CompletableFuture<HttpResponse<InputStream>> send(HttpRequest request) {
            seen.add(request.method() + " " + request.uri().getRawPath() + " token="
                    + request.headers().firstValue("X-Auth-Token").orElse("-") + " body=" + body(request));
            Answer answer = handler.apply(request);
            return CompletableFuture.completedFuture(response(request, answer));
        }

        @Override
        public CompletableFuture<WebSocket> webSocket(
                URI uri,
                Map<String, String> headers,
                List<String> subprotocols,
                Duration timeout,
                WebSocket.Listener listener) {
            return CompletableFuture.failedFuture(new java.io.IOException("no WebSockets in this test"));
        }

        @Override
        public void close() {}
    }

    /** A request's body as text: its publisher read to the end. */
    static String body(HttpRequest request) {
        if (request.bodyPublisher().isEmpty() || request.bodyPublisher().get().contentLength() == 0) {
            return "";
        }
        CompletableFuture<String> text = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<>() {
            private final StringBuilder collected = new StringBuilder();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                collected.append(StandardCharsets.UTF_8.decode(item));
            }

            @Override
            public void onError(Throwable throwable) {
                text.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                text.complete(collected.toString());
            }
        });
        return text.join();
    }

    static HttpResponse<InputStream> response(HttpRequest request, Answer answer) {
        return new HttpResponse<>() {
            @Override
            public int statusCode() {
                return answer.status();
            }

            @Override
            public HttpRequest request() {
                return request;
            }

            @Override
            public Optional<HttpResponse<InputStream>> previousResponse() {
                return Optional.empty();
            }

            @Override
            public HttpHeaders headers() {
                return HttpHeaders.of(answer.headers(), (name, value) -> true);
            }

            @Override
            public InputStream body() {
                return new ByteArrayInputStream(answer.body().getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public Optional<SSLSession> sslSession() {
                return Optional.empty();
            }

            @Override
            public URI uri() {
                return request.uri();
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }

    @Test
    void theWholeChainRunsInFrontOfAConnectorThatAnswersInProcess() {
        List<Answer> script = new ArrayList<>(List.of(
                IamAnswer.issued("token-1"),
                Answer.json(503, "{}"), // retried
                new Answer(307, Map.of("Location", List.of("/api/v1/namespaces/ns/pods/moved")), ""), // followed
                Answer.json(401, "{}"), // a new token, and once more
                IamAnswer.issued("token-2"),
                Answer.json(200, "{\"metadata\":{\"name\":\"moved\"}}"),
                Answer.json(200, ResourceCallsTest.event("ADDED", "w", "7")))); // a watch's stream
        InProcess server = new InProcess(request -> script.remove(0));
        Transport transport = new ClientBuilder<>(t -> t)
                .endpoint(URI.create("https://cci.in-process.invalid"))
                .connector(server)
                .sleeper(d -> {})
                .iam(IamTokenProvider.builder()
                        .iamEndpoint(URI.create("https://iam.in-process.invalid"))
                        .username("alice")
                        .password("secret")
                        .domainName("acme")
                        .projectName("cn-north-4"))
                .build();
        ResourceCalls<TestPod, TestPod.List_> pods = TestSupport.pods(transport);

        assertEquals("moved", pods.get("web").objectName());
        try (Watch<TestPod> watch = pods.watch(ListOptions.none())) {
            assertEquals("w", watch.next().object().objectName());
        }

        assertEquals(7, server.seen.size(), server.seen.toString());
        assertTrue(server.seen.get(0).startsWith("POST /v3/auth/tokens token=- body={\"auth\""), server.seen.get(0));
        assertEquals("GET /api/v1/namespaces/ns/pods/web token=token-1 body=", server.seen.get(1));
        assertEquals("GET /api/v1/namespaces/ns/pods/web token=token-1 body=", server.seen.get(2));
        assertEquals("GET /api/v1/namespaces/ns/pods/moved token=token-1 body=", server.seen.get(3));
        assertTrue(server.seen.get(4).startsWith("POST /v3/auth/tokens token=- "), server.seen.get(4));
        assertEquals("GET /api/v1/namespaces/ns/pods/web token=token-2 body=", server.seen.get(5));
        assertEquals("GET /api/v1/namespaces/ns/pods token=token-2 body=", server.seen.get(6));

        assertThrows(
                IllegalStateException.class,
                () -> new ClientBuilder<>(t -> t)
                        .endpoint(URI.create("https://x.invalid"))
                        .connector(server)
                        .httpClient(HttpClient.newHttpClient())
                        .build(),
                "one last step: a connector or an HttpClient");
        NotFoundException missing = assertThrows(NotFoundException.class, () -> {
            script.add(Answer.json(404, "{\"kind\":\"Status\",\"code\":404,\"message\":\"pods \\\"x\\\" not found\"}"));
            transport.call(
                    Request.builder("GET", "/api/v1/namespaces/ns/pods/x").build(), JsonNode.class);
        });
        assertEquals("pods \"x\" not found", missing.errorMessage(), "errors are mapped as for any connector");
    }

    /** IAM's answer: the token in a header, its expiry in the body. */
    static final class IamAnswer {
        static Answer issued(String token) {
            return new Answer(
                    201,
                    Map.of("Content-Type", List.of("application/json"), "X-Subject-Token", List.of(token)),
                    "{\"token\":{\"expires_at\":\"2099-01-01T00:00:00.000000Z\"}}");
        }
    }
}
