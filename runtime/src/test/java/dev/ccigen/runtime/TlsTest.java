package dev.ccigen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS verification is on by default; a CA bundle (PEM) makes a private CA's server trusted. */
class TlsTest {
    @TempDir
    Path dir;

    /** A self-signed certificate for localhost, made by the JDK's keytool; returns the PEM bundle. */
    private Path selfSigned(Path keystore) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        run(List.of(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-keypass",
                "changeit"));
        Path pem = dir.resolve("ca.pem");
        run(List.of(
                keytool.toString(),
                "-exportcert",
                "-rfc",
                "-alias",
                "server",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-file",
                pem.toString()));
        return pem;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(command.get(1) + " failed: " + out);
        }
    }

    /** The server's side of TLS, with the key of {@code keystore}. */
    private static SSLContext serverContext(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        return serverContext;
    }

    /** An https endpoint's exec goes over wss, trusting what the client's other calls trust. */
    @Test
    void execGoesOverWssWithTheSameTrust() throws Exception {
        Path keystore = dir.resolve("wss.p12");
        Path pem = selfSigned(keystore);
        try (MockWebServer server = new MockWebServer()) {
            server.useHttps(serverContext(keystore).getSocketFactory());
            server.start();
            server.enqueue(new FakeKubelet(
                            (ws, upgrade) -> {
                                ws.send(FakeKubelet.frame(1, "secure"));
                                FakeKubelet.exit(ws, 0);
                            },
                            null)
                    .upgrade("v4.channel.k8s.io"));
            Transport transport = new ClientBuilder<>(t -> t)
                    .endpoint(URI.create("https://localhost:" + server.getPort()))
                    .token("a-token")
                    .caCertificates(pem)
                    .buildTransport();
            ExecResult result =
                    FakeKubelet.pods(transport).exec("web", ExecOptions.none(), List.of("cat", "/etc/motd"));
            assertEquals("secure", result.stdout());
            assertEquals("https", server.takeRequest().getUrl().scheme());
        }
    }

    @Test
    void verifiesByDefaultAndTrustsAGivenBundle() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path pem = selfSigned(keystore);
        SSLContext serverContext = serverContext(keystore);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/api/v1/namespaces/default/pods/web", exchange -> {
            byte[] body = "{\"metadata\":{\"name\":\"web\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI endpoint = URI.create("https://localhost:" + server.getAddress().getPort());
            Transport untrusting = new ClientBuilder<>(t -> t)
                    .endpoint(endpoint)
                    .token("a-token-123")
                    .maxRetries(0)
                    .buildTransport();
            TransportException refused = assertThrows(
                    TransportException.class,
                    () -> untrusting.call(
                            Request.builder("GET", "/api/v1/namespaces/default/pods/web")
                                    .build(),
                            TestPod.class));
            assertEquals(0, refused.statusCode());
            assertEquals(TransportException.Reason.TLS, refused.reason());
            assertTrue(
                    refused.getMessage().startsWith("TLS failure with localhost:" + endpoint.getPort() + ": "),
                    refused.getMessage());
            assertTrue(
                    refused.getMessage()
                            .contains("the server's certificate is not trusted: give its CA with caCertificates"),
                    refused.getMessage());

            Transport trusting = new ClientBuilder<>(t -> t)
                    .endpoint(endpoint)
                    .token("a-token-123")
                    .caCertificates(pem)
                    .buildTransport();
            TestPod pod = trusting.call(
                    Request.builder("GET", "/api/v1/namespaces/default/pods/web")
                            .build(),
                    TestPod.class);
            assertEquals("web", pod.objectName());
        } finally {
            server.stop(0);
        }
    }
}
