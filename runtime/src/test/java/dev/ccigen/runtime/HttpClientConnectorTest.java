package dev.ccigen.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The default connector: an exchange given up is aborted, and an answer that comes anyway is closed. */
class HttpClientConnectorTest {

    /** A body that knows whether it was closed. */
    private static final class Body extends ByteArrayInputStream {
        volatile boolean closed;

        Body() {
            super(new byte[] {1, 2, 3});
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aBodyThatArrivesAfterTheExchangeWasAbandonedIsClosed() {
        HttpClientConnector.LateBody abandonedFirst = new HttpClientConnector.LateBody();
        abandonedFirst.abandon();
        Body late = new Body();
        abandonedFirst.arrived(late);
        assertTrue(late.closed, "nobody waits for it: closed as it arrives");

        HttpClientConnector.LateBody arrivedFirst = new HttpClientConnector.LateBody();
        Body early = new Body();
        arrivedFirst.arrived(early);
        assertFalse(early.closed, "the caller's, until it gives it up");
        arrivedFirst.abandon();
        assertTrue(early.closed);
    }

    @Test
    void cancellingAnExchangeClosesItsConnection() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch closedByClient = new CountDownLatch(1);
        try (WatchServer server = new WatchServer()) {
            server.watches.add(
                    call -> { // no answer: the client is to give up
                        waiting.countDown();
                        if (call.holdUntilClientCloses()) {
                            closedByClient.countDown();
                        }
                    });
            Connector connector = new HttpClientConnector(
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), true);
            CompletableFuture<HttpResponse<InputStream>> pending =
                    connector.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/pods?watch=true"))
                            .build());
            assertTrue(waiting.await(5, TimeUnit.SECONDS));
            pending.cancel(true);
            assertThrows(CancellationException.class, pending::join);
            assertTrue(closedByClient.await(5, TimeUnit.SECONDS), "the connection was closed, not left to the server");
            connector.close();
        }
    }
}
