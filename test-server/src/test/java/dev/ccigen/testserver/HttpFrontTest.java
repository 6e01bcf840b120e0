package dev.ccigen.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** HTTP/1.1 as the front speaks it, on a raw socket: one connection, many requests, bodies in both framings. */
@Timeout(20)
class HttpFrontTest {

    @Test
    void oneConnectionCarriesRequestsUntilTheClientCloses() throws Exception {
        AtomicReference<RecordedRequest> last = new AtomicReference<>();
        try (HttpFront front = new HttpFront(0, r -> {
                    last.set(r);
                    return Answer.text(200, "text/plain", r.method() + " " + r.path() + " " + r.body());
                });
                Socket socket = new Socket(front.uri().getHost(), front.uri().getPort())) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out.write(("GET /a%20b?x=1 HTTP/1.1\r\nHost: h\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("GET /a b ", body(in));
            assertEquals("/a%20b", last.get().rawPath());
            assertEquals("1", last.get().queryParameter("x"));

            Thread.sleep(300); // idle: the server keeps the connection
            out.write(
                    ("POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("POST /c abcde", body(in));

            out.write(("PUT /d HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertEquals("HTTP/1.1 100 Continue", in.readLine());
            assertEquals("", in.readLine());
            out.write("ok".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("PUT /d ok", body(in));

            String big = "x".repeat(40_000); // over the 16 KiB buffer: a line read in pieces
            out.write(("GET /long HTTP/1.1\r\nX-Long: " + big + "\r\nHost: h\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("GET /long ", body(in));
            assertEquals(big, last.get().header("X-Long"));
            out.write(
                    ("GET /e HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            List<String> head = new ArrayList<>();
            assertEquals("GET /e ", body(in, head));
            assertTrue(head.contains("Connection: close"), head.toString());
            assertEquals(null, in.readLine(), "closed after a request that asked for it");
        }
    }

    private static String body(BufferedReader in) throws Exception {
        return body(in, new ArrayList<>());
    }

    private static String body(BufferedReader in, List<String> head) throws Exception {
        assertEquals("HTTP/1.1 200 OK", in.readLine());
        int length = -1;
        for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
            head.add(line);
            if (line.startsWith("Content-Length: ")) {
                length = Integer.parseInt(line.substring(16));
            }
        }
        char[] body = new char[length];
        int n = 0;
        while (n < length) {
            n += in.read(body, n, length - n);
        }
        return new String(body);
    }
}
