package dev.ccigen.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Temporary AK/SK of the agency bound to an ECS instance, from the instance's metadata service:
 * {@code GET /openstack/latest/securitykey} answers
 * {@code {"credential": {"access", "secret", "securitytoken", "expires_at"}}}. A session token from
 * {@code PUT /meta-data/latest/api/token} is sent along as {@code X-Metadata-Token} when the service issues one.
 *
 * <p>The credentials are kept and fetched again {@link Builder#refreshBefore ahead of} their expiry. Threads that
 * need credentials while a fetch is under way wait for it: one request in flight, however many threads; during a
 * refresh ahead of expiry the others go on with the still-valid credentials.
 */
public final class MetadataCredentialsProvider implements CredentialsProvider {

    private static final System.Logger LOG = System.getLogger(MetadataCredentialsProvider.class.getPackageName());
    static final String SECURITY_KEY_PATH = "/openstack/latest/securitykey";
    static final String TOKEN_PATH = "/meta-data/latest/api/token";
    /** After a failed refresh ahead of expiry, wait this long before asking again. */
    private static final Duration RETRY_REFRESH_AFTER = Duration.ofMinutes(1);

    private final URI endpoint;
    private final Duration refreshBefore;
    private final Duration requestTimeout;
    private final HttpClient httpClient;
    private final Clock clock;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile Held held;

    /** Credentials and when to fetch the next ones. */
    private record Held(Credentials credentials, Instant refreshAt) {}

    private MetadataCredentialsProvider(Builder b) {
        this.endpoint = URI.create(b.endpoint.toString().replaceAll("/+$", ""));
        this.refreshBefore = b.refreshBefore;
        this.requestTimeout = b.requestTimeout;
        this.clock = b.clock;
        this.httpClient = b.httpClient != null
                ? b.httpClient
                : HttpClient.newBuilder()
                        .connectTimeout(b.connectTimeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    /** Settings with their defaults: the real metadata service, refreshed 40 minutes before expiry. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Credentials credentials() {
        Held current = held;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.refreshAt)) {
            return current.credentials;
        }
        boolean stillValid = current != null && now.isBefore(current.credentials.expiresAt());
        if (stillValid && !fetching.tryLock()) {
            return current.credentials; // another thread is fetching; these work until they expire
        }
        if (!stillValid) {
            fetching.lock();
        }
        try {
            Held latest = held;
            if (latest != null && clock.instant().isBefore(latest.refreshAt)) {
                return latest.credentials; // fetched by the thread this one waited for
            }
            return refresh(latest).credentials;
        } finally {
            fetching.unlock();
        }
    }

    private Held refresh(Held previous) {
        try {
            Credentials fresh = fetch();
            Instant now = clock.instant();
            Duration lifetime = Duration.between(now, fresh.expiresAt());
            // never refresh earlier than half-way through the lifetime, whatever refreshBefore says
            Duration margin =
                    lifetime.dividedBy(2).compareTo(refreshBefore) < 0 ? lifetime.dividedBy(2) : refreshBefore;
            held = new Held(fresh, fresh.expiresAt().minus(margin));
            LOG.log(System.Logger.Level.DEBUG, "temporary AK/SK from {0}, expires at {1}", endpoint, fresh.expiresAt());
        } catch (RuntimeException e) {
            if (previous == null || !clock.instant().isBefore(previous.credentials.expiresAt())) {
                throw e;
            }
            // the metadata service failed but the credentials still work: keep them, ask again a little later
            LOG.log(
                    System.Logger.Level.WARNING,
                    "refreshing temporary AK/SK failed, keeping the current ones: {0}",
                    e.getMessage());
            held = new Held(previous.credentials, clock.instant().plus(RETRY_REFRESH_AFTER));
        }
        return held;
    }

    private Credentials fetch() {
        String sessionToken = sessionToken();
        HttpRequest.Builder get = HttpRequest.newBuilder(endpoint.resolve(SECURITY_KEY_PATH))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .GET();
        if (sessionToken != null) {
            get.header("X-Metadata-Token", sessionToken);
        }
        HttpResponse<InputStream> response = send(get.build());
        String body = HttpBodies.readCapped(response.body(), ApiException.MAX_BODY_BYTES);
        URI uri = response.request().uri();
        if (response.statusCode() / 100 != 2) {
            // an error body holds no credentials; it explains e.g. "Please configure Cloud Service Agency first"
            throw ApiException.from(
                    "GET", uri, response.statusCode(), response.headers().map(), HttpBodies.redact(body, sessionToken));
        }
        Credentials credentials = parse(body);
        if (credentials == null) { // the body is never shown: it may hold a secret key
            throw new ResponseDecodingException(
                    "GET",
                    uri,
                    response.statusCode(),
                    response.headers().map(),
                    "",
                    "temporary credentials (credential.access, .secret, .securitytoken, .expires_at)",
                    null);
        }
        return credentials;
    }

    /** The metadata service's session token, or null where the service has none (older ones answer 404 or 405). */
    private String sessionToken() {
        HttpRequest put = HttpRequest.newBuilder(endpoint.resolve(TOKEN_PATH))
                .timeout(requestTimeout)
                .header("X-Metadata-Token-Ttl-Seconds", "21600")
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<InputStream> response = send(put);
        String body = HttpBodies.readCapped(response.body(), ApiException.MAX_BODY_BYTES)
                .strip();
        return response.statusCode() == 200 && !body.isEmpty() ? body : null;
    }

    private HttpResponse<InputStream> send(HttpRequest request) {
        try {
            return httpClient.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new TransportException(request.method(), request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(request.method(), request.uri(), e);
        }
    }

    private static Credentials parse(String body) {
        try {
            JsonNode credential = Json.mapper().readTree(body).path("credential");
            String access = credential.path("access").asText("");
            String secret = credential.path("secret").asText("");
            String expires = credential.path("expires_at").asText("");
            if (access.isBlank() || secret.isBlank() || expires.isBlank()) {
                return null;
            }
            return Credentials.of(access, secret)
                    .withSecurityToken(credential.path("securitytoken").asText(null))
                    .withExpiresAt(Rfc3339.parse(expires).toInstant());
        } catch (Exception e) {
            return null;
        }
    }

    /** The metadata endpoint; never a key. */
    @Override
    public String toString() {
        return "MetadataCredentialsProvider[" + endpoint + "]";
    }

    /** Settings of a {@link MetadataCredentialsProvider}; every one has a default. */
    public static final class Builder {
        private URI endpoint = URI.create("http://169.254.169.254");
        private Duration refreshBefore = Duration.ofMinutes(40);
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Default {@code http://169.254.169.254}. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }
        /** How long before expiry to fetch new credentials (default 40 minutes, as the SDKs do). */
        public Builder refreshBefore(Duration refreshBefore) {
            this.refreshBefore = Objects.requireNonNull(refreshBefore);
            return this;
        }
        /** Default 3 s: off an ECS instance there is nothing to connect to. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout);
            return this;
        }
        /** Time until each answer of the metadata service arrives; default 10 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout);
            return this;
        }
        /** A client of your own; it should not follow redirects. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }
        /** For tests: the clock against which expiry is judged. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** A provider with these settings; it fetches nothing until asked for credentials. */
        public MetadataCredentialsProvider build() {
            return new MetadataCredentialsProvider(this);
        }
    }
}
