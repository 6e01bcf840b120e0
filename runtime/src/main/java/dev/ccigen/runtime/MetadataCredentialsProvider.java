package dev.ccigen.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Temporary AK/SK of the agency bound to an ECS instance, from the instance's metadata service:
 * {@code GET /openstack/latest/securitykey} answers
 * {@code {"credential": {"access", "secret", "securitytoken", "expires_at"}}}. A session token from
 * {@code PUT /meta-data/latest/api/token} is sent along as {@code X-Metadata-Token} when the service issues one.
 *
 * <p>The credentials are kept and fetched again {@link Builder#refreshBefore ahead of} their expiry. Threads that
 * need credentials while a fetch is under way wait for it: one request in flight, however many threads and however
 * many clients share the provider; during a refresh ahead of expiry the others go on with the still-valid
 * credentials. The requests go through a chain of the provider's own (no retries: off an ECS instance there is
 * nothing to ask), which {@link #close()} releases.
 */
public final class MetadataCredentialsProvider implements CredentialsProvider, AutoCloseable {

    static final String SECURITY_KEY_PATH = "/openstack/latest/securitykey";
    static final String TOKEN_PATH = "/meta-data/latest/api/token";

    private final URI endpoint;
    private final Refreshing<Credentials> held;
    /** The chain the requests go through, made when first needed. */
    private final OwnTransport transport;

    private MetadataCredentialsProvider(Builder b) {
        this.endpoint = URI.create(b.endpoint.toString().replaceAll("/+$", ""));
        this.held = new Refreshing<>(b.clock, b.refreshBefore, "temporary AK/SK from " + endpoint);
        this.transport = new OwnTransport("MetadataCredentialsProvider", () -> {
            ClientBuilder<Transport> builder = new ClientBuilder<>(t -> t)
                    .endpoint(endpoint)
                    .connectTimeout(b.connectTimeout)
                    .requestTimeout(b.requestTimeout)
                    .maxRetries(0)
                    .clock(b.clock);
            return b.httpClient == null ? builder : builder.httpClient(b.httpClient);
        });
    }

    /** Settings with their defaults: the real metadata service, refreshed 40 minutes before expiry. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Credentials credentials() {
        try {
            return held.get(
                    previous -> {
                        Credentials fresh = fetch(transport.get());
                        return new Refreshing.Fetched<>(fresh, fresh.expiresAt());
                    },
                    Cancel.NEVER);
        } catch (Cancel.Cancelled e) {
            throw new IllegalStateException("cannot happen: nothing cancels the provider's calls", e);
        }
    }

    /** Releases the chain the provider made for its requests. */
    @Override
    public void close() {
        transport.close();
    }

    private Credentials fetch(Transport metadata) {
        String sessionToken = sessionToken(metadata);
        Request.Builder get = Request.builder("GET", SECURITY_KEY_PATH);
        if (sessionToken != null) {
            get.header("X-Metadata-Token", sessionToken).secrets(List.of(sessionToken));
        }
        // an error body holds no credentials; it explains e.g. "Please configure Cloud Service Agency first"
        String body = metadata.text(get.build());
        Credentials credentials = parse(body);
        if (credentials == null) { // the body is never shown: it may hold a secret key
            throw new ResponseDecodingException(
                    "GET",
                    metadata.uriOf(get.build()),
                    200,
                    Map.of(),
                    "",
                    "temporary credentials (credential.access, .secret, .securitytoken, .expires_at)",
                    null);
        }
        return credentials;
    }

    /** The metadata service's session token, or null where the service has none (older ones answer 404 or 405). */
    private static String sessionToken(Transport metadata) {
        try {
            String body = metadata.text(Request.builder("PUT", TOKEN_PATH)
                            .header("X-Metadata-Token-Ttl-Seconds", "21600")
                            .build())
                    .strip();
            return body.isEmpty() ? null : body;
        } catch (TransportException e) {
            throw e;
        } catch (ApiException e) {
            return null;
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
