package dev.ccigen.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Configures a {@link Transport} and hands it to the generated client's constructor:
 *
 * <pre>{@code
 * CciClient client = CciClient.builder()   // = new ClientBuilder<>(CciClient::new)
 *         .endpoint(URI.create("https://cci.cn-north-4.myhuaweicloud.com"))
 *         .credentials(Credentials.fromEnvironment())   // or .akSk(accessKey, secretKey).projectId(projectId)
 *         .build();
 * CciClient client = CciClient.builder()
 *         .endpoint(URI.create("https://cci.cn-north-4.myhuaweicloud.com"))
 *         .iam(IamTokenProvider.builder()
 *                 .iamEndpoint(URI.create("https://iam.cn-north-4.myhuaweicloud.com"))
 *                 .domainName("account").username("user").password(secret).projectName("cn-north-4"))
 *         .build();
 * }</pre>
 *
 * One client uses one way to authenticate: a token ({@link #token}, {@link #iam}, {@link #tokenProvider}) or AK/SK
 * ({@link #akSk}, {@link #credentials}); configuring both is refused when the client is built.
 *
 * @param <C> the client type
 */
public final class ClientBuilder<C> {

    private final Function<Transport, C> factory;
    private URI endpoint;
    private TokenProvider tokenProvider;
    private CredentialsProvider credentialsProvider;
    private Credentials akSk;
    private String securityToken;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private int maxRetries = 3;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private Path caCertificates;
    private SSLContext sslContext;
    private HttpClient httpClient;
    private Connector connector;
    private final List<Interceptor> interceptors = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;

    /** @param factory makes the client from the transport this builder configures (the generated client's constructor) */
    public ClientBuilder(Function<Transport, C> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
        headers.put("User-Agent", "ccigen-client");
    }

    /** Required. May carry a base path ({@code https://host/proxy/cci}); request paths are appended to it. */
    public ClientBuilder<C> endpoint(URI endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        return this;
    }

    /** Authenticates with tokens from {@code tokenProvider}, sent as {@code X-Auth-Token}. */
    public ClientBuilder<C> tokenProvider(TokenProvider tokenProvider) {
        this.tokenProvider = tokenProvider;
        return this;
    }

    /** A fixed token ({@link StaticTokenProvider}). */
    public ClientBuilder<C> token(String token) {
        return tokenProvider(StaticTokenProvider.of(token));
    }

    /** Tokens from IAM with a user name and password. */
    public ClientBuilder<C> iam(IamTokenProvider provider) {
        return tokenProvider(provider);
    }

    /** Tokens from IAM; the builder is built now. */
    public ClientBuilder<C> iam(IamTokenProvider.Builder iam) {
        return tokenProvider(iam.build());
    }

    /** Signs every request with this access key and secret key (AK/SK authentication). */
    public ClientBuilder<C> akSk(String accessKey, String secretKey) {
        this.akSk = Credentials.of(accessKey, secretKey);
        return this;
    }

    /** With {@link #akSk}: the security token of temporary credentials, sent as {@code X-Security-Token}. */
    public ClientBuilder<C> securityToken(String securityToken) {
        this.securityToken = securityToken;
        return this;
    }

    /** Signs every request with AK/SK from {@code provider}, e.g. {@link Credentials#defaultChain()}. */
    public ClientBuilder<C> credentials(CredentialsProvider provider) {
        this.credentialsProvider = provider;
        return this;
    }

    /** Default 10 s. */
    public ClientBuilder<C> connectTimeout(Duration timeout) {
        this.connectTimeout = Objects.requireNonNull(timeout);
        return this;
    }

    /**
     * Time for each attempt of a call, until its whole answer is in; of a watch, a followed log or a WebSocket upgrade,
     * until the response headers arrive (the stream then has none). Default 60 s.
     */
    public ClientBuilder<C> requestTimeout(Duration timeout) {
        this.requestTimeout = Objects.requireNonNull(timeout);
        return this;
    }

    /** Retries of 429, 503 and connection failures of idempotent requests; default 3, 0 turns them off. */
    public ClientBuilder<C> maxRetries(int maxRetries) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries < 0");
        }
        this.maxRetries = maxRetries;
        return this;
    }

    /** Ceiling of the first backoff (default 200 ms); it doubles with each retry. */
    public ClientBuilder<C> initialBackoff(Duration initialBackoff) {
        this.initialBackoff = Objects.requireNonNull(initialBackoff);
        return this;
    }

    /** Largest backoff ceiling (default 10 s). */
    public ClientBuilder<C> maxBackoff(Duration maxBackoff) {
        this.maxBackoff = Objects.requireNonNull(maxBackoff);
        return this;
    }

    /** The longest wait a server's {@code Retry-After} can impose (default 60 s). */
    public ClientBuilder<C> maxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter);
        return this;
    }

    /** A PEM bundle of CA certificates to trust instead of the JDK's. */
    public ClientBuilder<C> caCertificates(Path pemBundle) {
        this.caCertificates = pemBundle;
        return this;
    }

    /** A TLS context of your own (client certificates, a private CA). */
    public ClientBuilder<C> sslContext(SSLContext sslContext) {
        this.sslContext = sslContext;
        return this;
    }

    /** The {@code User-Agent} header of every request. */
    public ClientBuilder<C> userAgent(String userAgent) {
        return header("User-Agent", userAgent);
    }

    /** A header sent with every request. */
    public ClientBuilder<C> header(String name, String value) {
        headers.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return this;
    }

    /** Sent as {@code X-Project-Id}. */
    public ClientBuilder<C> projectId(String projectId) {
        return header("X-Project-Id", projectId);
    }

    /**
     * A client of your own (proxy, executor). It must not follow redirects: the transport follows them
     * itself so that the token never goes to another host. Timeouts and TLS settings here then do not apply
     * to connecting; the request timeout still does.
     */
    public ClientBuilder<C> httpClient(HttpClient httpClient) {
        if (httpClient != null && httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the HttpClient must use Redirect.NEVER");
        }
        this.httpClient = httpClient;
        return this;
    }

    /**
     * Adds an interceptor: it sees every attempt of every call, stream and WebSocket upgrade (IAM's token request
     * too), may add headers to it, and sees its status and duration, or the failure when no answer came; never a
     * credential. The first added is the outermost. See {@link Interceptor}.
     */
    public ClientBuilder<C> interceptor(Interceptor interceptor) {
        interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
        return this;
    }

    /**
     * The last step of the chain, instead of {@code java.net.http.HttpClient}: e.g. a test server that answers in
     * process. The chain (authentication, retries, redirects, interceptors, timeouts, errors) stays the same; the
     * connect timeout, the TLS settings and {@link #httpClient} then do not apply. See {@link Connector}.
     */
    public ClientBuilder<C> connector(Connector connector) {
        this.connector = connector;
        return this;
    }

    /** For tests: the clock that HTTP-date {@code Retry-After} values are compared with; AK/SK signatures' date. */
    public ClientBuilder<C> clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /**
     * For tests: how retries, and watches' and informers' reconnects, wait. The default's waits end at once when a
     * watch, an informer or a session is closed; one of your own should return promptly (record, advance a clock).
     */
    public ClientBuilder<C> sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper);
        return this;
    }

    /** The configured HTTP core alone, for a client class of your own. */
    public Transport buildTransport() {
        if (endpoint == null) {
            throw new IllegalStateException("endpoint is required");
        }
        if (connector != null && httpClient != null) {
            throw new IllegalStateException("both connector(...) and httpClient(...) are set: use one of them");
        }
        CredentialsProvider credentials = credentialsProvider();
        Transport.Settings settings = new Transport.Settings(
                requestTimeout, maxRetries, initialBackoff, maxBackoff, maxRetryAfter, clock, sleeper, interceptors);
        if (connector != null) {
            return new Transport(endpoint, connector, false, settings, headers, tokenProvider, credentials);
        }
        boolean owns = httpClient == null;
        Connector http = new HttpClientConnector(owns ? newHttpClient() : httpClient, owns);
        return new Transport(endpoint, http, true, settings, headers, tokenProvider, credentials);
    }

    /** The client; share it between threads, and close it when done. */
    public C build() {
        return factory.apply(buildTransport());
    }

    /** The endpoint and the kind of authentication; never a token, a password or a key. */
    @Override
    public String toString() {
        String auth = akSk != null
                ? "AK/SK"
                : credentialsProvider != null
                        ? "AK/SK from " + credentialsProvider
                        : tokenProvider != null ? tokenProvider.getClass().getSimpleName() : "none";
        return "ClientBuilder[endpoint=" + endpoint + ", auth=" + auth + "]";
    }

    /** The AK/SK source, or null for token authentication; refuses a mix of the two. */
    private CredentialsProvider credentialsProvider() {
        if (securityToken != null && akSk == null) {
            throw new IllegalStateException("securityToken(...) needs akSk(accessKey, secretKey) too");
        }
        if (akSk != null && credentialsProvider != null) {
            throw new IllegalStateException("both akSk(...) and credentials(...) are set: use one of them");
        }
        CredentialsProvider credentials =
                akSk != null ? Credentials.fixed(akSk.withSecurityToken(securityToken)) : credentialsProvider;
        if (credentials != null && tokenProvider != null) {
            throw new IllegalStateException("both a token (token, iam or tokenProvider) and AK/SK (akSk or credentials)"
                    + " are set: a client authenticates one way, so configure only one of them");
        }
        return credentials;
    }

    // HTTP/1.1: every watch gets its own connection, and no h2c upgrade surprises plain-HTTP proxies.
    private HttpClient newHttpClient() {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        } else if (caCertificates != null) {
            builder.sslContext(trusting(caCertificates));
        }
        return builder.build();
    }

    private static SSLContext trusting(Path pemBundle) {
        try (InputStream in = Files.newInputStream(pemBundle)) {
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            int i = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trustStore.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IllegalArgumentException("no certificate in " + pemBundle);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot read CA certificates from " + pemBundle + ": " + e.getMessage(), e);
        }
    }
}
