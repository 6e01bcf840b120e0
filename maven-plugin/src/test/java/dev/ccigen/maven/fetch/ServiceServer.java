package dev.ccigen.maven.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ccigen.runtime.AkSkSigner;
import dev.ccigen.runtime.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP server serving a Kubernetes-flavoured API's document and listings from files, as the service would,
 * behind one authentication scheme: an IAM token (and IAM itself at {@code /v3/auth/tokens}), AK/SK signatures
 * (checked with the runtime's signer), a bearer token, or none. Responses can be replaced per path.
 */
final class ServiceServer implements AutoCloseable {
    static final String IAM_TOKEN = "MIIiam-token-secret-0123456789";
    static final String IAM_PASSWORD = "iam-password-secret";
    static final String BEARER = "bearer-token-secret-abcdef";
    static final String AK = "AKFETCHTEST000000001";
    static final String SK = "fetch-test-secret-key";

    enum Auth {
        NONE,
        IAM,
        AKSK,
        BEARER
    }

    private final HttpServer server;
    private final Path document;
    private final Path listings;
    private final Auth auth;
    /** Bodies to answer instead of the files', by path, or by path and query ({@code /a?limit=5}), which wins. */
    final Map<String, String> replaced = new ConcurrentHashMap<>();
    /** The status a replaced response of a path is sent with (200 when not set), e.g. a proxy's 502. */
    final Map<String, Integer> replacedStatus = new ConcurrentHashMap<>();

    final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param document the OpenAPI v2 document (.json or .json.gz); {@code listings} the folder of listing files */
    ServiceServer(Path document, Path listings, Auth auth) throws IOException {
        this(document, listings, auth, null);
    }

    /** @param tls the server's TLS context (HTTPS on localhost), or null for plain HTTP */
    ServiceServer(Path document, Path listings, Auth auth, SSLContext tls) throws IOException {
        this.document = document;
        this.listings = listings;
        this.auth = auth;
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(address, 0);
        } else {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create((server instanceof HttpsServer ? "https://localhost:" : "http://127.0.0.1:")
                + server.getAddress().getPort());
    }

    /**
     * A self-signed certificate for localhost made by the JDK's keytool, written as {@code ca.pem} into {@code dir};
     * returns the server's TLS context.
     */
    static SSLContext selfSigned(Path dir) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path keystore = dir.resolve("server.p12");
        keytool(
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
                "SAN=dns:localhost",
                "-validity",
                "2",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        keytool(
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
                dir.resolve("ca.pem").toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("keytool " + command[1] + " failed: " + out);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            if (path.equals("/v3/auth/tokens")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean ok = body.contains("\"" + IAM_PASSWORD + "\"") && body.contains("\"alice\"");
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                if (ok) {
                    exchange.getResponseHeaders().add("X-Subject-Token", IAM_TOKEN);
                }
                send(
                        exchange,
                        ok ? 201 : 401,
                        ok
                                ? "{\"token\":{\"expires_at\":\"2099-01-01T00:00:00.000000Z\"}}"
                                : "{\"error\":{\"code\":401,\"message\":\"The username or password is wrong.\"}}");
                return;
            }
            if (!authenticated(exchange)) {
                send(
                        exchange,
                        401,
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                                + "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}");
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            String body = query == null ? null : replaced.get(path + "?" + query);
            if (body == null) {
                body = replaced.get(path);
            }
            if (body == null) {
                body = read(path);
            }
            if (body == null) {
                send(
                        exchange,
                        404,
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\","
                                + "\"code\":404}");
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", body.startsWith("{") ? "application/json" : "text/html");
            send(exchange, replacedStatus.getOrDefault(path, 200), body);
        }
    }

    private String read(String path) throws IOException {
        if (path.equals(Listing.DOCUMENT_PATH)) {
            try (InputStream in = Files.newInputStream(document)) {
                InputStream body = document.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
                return new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        Path file = listings.resolve(Listing.fileName(path));
        return Files.isRegularFile(file) ? Files.readString(file) : null;
    }

    private boolean authenticated(HttpExchange exchange) {
        var headers = exchange.getRequestHeaders();
        return switch (auth) {
            case NONE -> true;
            case IAM -> IAM_TOKEN.equals(headers.getFirst("X-Auth-Token"));
            case BEARER -> ("Bearer " + BEARER).equals(headers.getFirst("Authorization"));
            case AKSK -> signatureValid(exchange);
        };
    }

    /** Recomputes the signature over the headers the request says it signed, with the keys this server knows. */
    private boolean signatureValid(HttpExchange exchange) {
        var headers = exchange.getRequestHeaders();
        String authorization = headers.getFirst("Authorization");
        String date = headers.getFirst("X-Sdk-Date");
        if (authorization == null || date == null || !authorization.contains("Access=" + AK + ",")) {
            return false;
        }
        String signedNames = authorization.replaceFirst(".*SignedHeaders=([^,]*),.*", "$1");
        Map<String, String> signed = new LinkedHashMap<>();
        for (String name : signedNames.split(";")) {
            if (!name.equals("host") && !name.equals("x-sdk-date") && headers.getFirst(name) != null) {
                signed.put(name, headers.getFirst(name));
            }
        }
        URI uri = URI.create("http://" + headers.getFirst("Host") + exchange.getRequestURI());
        var when = LocalDateTime.parse(date, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                .toInstant(ZoneOffset.UTC);
        String expected = AkSkSigner.sign(exchange.getRequestMethod(), uri, signed, null, Credentials.of(AK, SK), when)
                .get("Authorization");
        return authorization.equals(expected);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
