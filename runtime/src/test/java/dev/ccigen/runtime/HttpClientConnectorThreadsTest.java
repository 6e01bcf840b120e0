package dev.ccigen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Requests one after another start no thread each. {@code HttpClient.sendAsync} completes on
 * {@code CompletableFuture}'s default executor, which on a machine of two cores or fewer is a new thread per task: the
 * connector does not use it. Alone in the JVM while it counts the threads started.
 */
@Isolated
class HttpClientConnectorThreadsTest {

    @Test
    void requestsOneAfterAnotherStartAFewThreadsNotOnePerRequest() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(null); // the server's one dispatcher thread
        server.start();
        Connector connector = new HttpClientConnector(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), true);
        try {
            HttpRequest get = HttpRequest.newBuilder(java.net.URI.create(
                            "http://127.0.0.1:" + server.getAddress().getPort() + "/"))
                    .build();
            get(connector, get); // the client's own threads (selector, a worker) and the connector's first
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long before = threads.getTotalStartedThreadCount();
            int requests = 30;
            for (int i = 0; i < requests; i++) {
                assertEquals("{}", get(connector, get));
            }
            long started = threads.getTotalStartedThreadCount() - before;
            assertTrue(started < 5, requests + " requests started " + started + " threads");
        } finally {
            connector.close();
            server.stop(0);
        }
    }

    private static String get(Connector connector, HttpRequest request) throws Exception {
        HttpResponse<InputStream> response = connector.send(request).get();
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
