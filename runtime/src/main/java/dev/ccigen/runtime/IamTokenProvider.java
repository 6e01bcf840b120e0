package dev.ccigen.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Huawei Cloud IAM password authentication: {@code POST /v3/auth/tokens?nocatalog=true} with a
 * project scope, which answers {@code 201} with the token in the {@code X-Subject-Token} header and its
 * expiry in {@code token.expires_at}.
 *
 * <p>The token is cached and fetched again {@link Builder#refreshBefore ahead of} its expiry (tokens live
 * 24 hours). Threads that need a token while one is being fetched wait for that fetch: one IAM call,
 * however many threads. During a refresh ahead of expiry the others keep using the still-valid token.
 * The password and the token never appear in {@link #toString()}, in exception messages or in logs.
 */
public final class IamTokenProvider implements TokenProvider {

    private static final System.Logger LOG = System.getLogger(IamTokenProvider.class.getPackageName());
    /** After a failed refresh ahead of expiry, wait this long before asking IAM again. */
    private static final Duration RETRY_REFRESH_AFTER = Duration.ofMinutes(1);
    /** How a failure to reach IAM names what failed: not the user's call, which never left. */
    private static final String IAM_REQUEST = "IAM token request";

    private final URI tokensUri;
    private final String username;
    private final char[] password;
    private final String domainName;
    private final String projectName;
    private final String projectId;
    private final Duration refreshBefore;
    private final Duration requestTimeout;
    private final HttpClient httpClient;
    private final Clock clock;

    private final ReentrantLock fetchLock = new ReentrantLock();
    private final AtomicReference<CachedToken> cached = new AtomicReference<>();

    private record CachedToken(String token, Instant expiresAt, Instant refreshAt) {
        @Override
        public String toString() {
            return "CachedToken[expiresAt=" + expiresAt + "]";
        }
    }

    private IamTokenProvider(Builder b) {
        URI endpoint = Objects.requireNonNull(b.iamEndpoint, "iamEndpoint");
        String base = endpoint.toString().replaceAll("/+$", "");
        this.tokensUri = URI.create(base + "/v3/auth/tokens?nocatalog=true");
        this.username = Objects.requireNonNull(b.username, "username");
        this.password = Objects.requireNonNull(b.password, "password").clone();
        this.domainName = Objects.requireNonNull(b.domainName, "domainName");
        if ((b.projectName == null) == (b.projectId == null)) {
            throw new IllegalArgumentException(
                    "set exactly one of projectName and projectId: CCI needs a project-scoped token");
        }
        this.projectName = b.projectName;
        this.projectId = b.projectId;
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

    /** A builder: IAM endpoint, user, password, and the domain and project to scope the token to. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String token() {
        CachedToken current = cached.get();
        if (current != null && clock.instant().isBefore(current.refreshAt)) {
            return current.token;
        }
        boolean stillValid = current != null && clock.instant().isBefore(current.expiresAt);
        if (stillValid) {
            if (!fetchLock.tryLock()) {
                return current.token; // another thread is refreshing; this one is good until it expires
            }
        } else {
            fetchLock.lock();
        }
        try {
            current = cached.get();
            if (current != null && clock.instant().isBefore(current.refreshAt)) {
                return current.token; // fetched by the thread we waited for
            }
            return refresh(current).token;
        } finally {
            fetchLock.unlock();
        }
    }

    /** Drops the cached token only if it is the one rejected: a burst of 401s causes one refresh. */
    @Override
    public void invalidate(String rejectedToken) {
        cached.updateAndGet(c -> c != null && c.token.equals(rejectedToken) ? null : c);
    }

    private CachedToken refresh(CachedToken previous) {
        try {
            CachedToken fresh = fetch(previous);
            cached.set(fresh);
            return fresh;
        } catch (ApiException e) {
            if (previous != null && clock.instant().isBefore(previous.expiresAt)) {
                // IAM is down but the token still works: keep it and try again a little later
                LOG.log(
                        System.Logger.Level.WARNING,
                        "IAM token refresh failed, keeping the current token: {0}",
                        e.getMessage());
                CachedToken kept = new CachedToken(
                        previous.token, previous.expiresAt, clock.instant().plus(RETRY_REFRESH_AFTER));
                cached.set(kept);
                return kept;
            }
            throw e;
        }
    }

    /** @param previous the token being replaced, if any: blanked out of error bodies as well */
    private CachedToken fetch(CachedToken previous) {
        HttpRequest request = HttpRequest.newBuilder(tokensUri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json;charset=utf8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(requestBody()))
                .build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response;
        try {
            response = httpClient.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new TransportException("POST", tokensUri, e, IAM_REQUEST);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("POST", tokensUri, e, IAM_REQUEST);
        }
        int status = response.statusCode();
        // the body of an IAM exchange is never logged: the request carries the password
        LOG.log(
                System.Logger.Level.DEBUG,
                "POST {0} -> {1} ({2} ms)",
                tokensUri,
                status,
                (System.nanoTime() - started) / 1_000_000);
        String body;
        InputStream in = response.body();
        try (HttpBodies.Deadline deadline =
                HttpBodies.Deadline.closing(in, started + requestTimeout.toNanos(), requestTimeout)) {
            body = HttpBodies.readCapped(in, ApiException.MAX_BODY_BYTES);
            if (deadline.expired() && status / 100 == 2) {
                throw new TransportException("POST", tokensUri, deadline.timeoutException(), IAM_REQUEST);
            }
        }
        if (status / 100 != 2) {
            // some gateways echo the request in their error page: never let the password into the exception
            throw new IamAuthenticationException(
                    tokensUri,
                    status,
                    response.headers().map(),
                    HttpBodies.redact(redactPassword(body), previous == null ? null : previous.token));
        }
        String token = response.headers().firstValue("X-Subject-Token").orElse(null);
        Instant expiresAt = expiresAt(body);
        if (token == null || token.isBlank() || expiresAt == null) {
            throw new ResponseDecodingException(
                    "POST",
                    tokensUri,
                    status,
                    response.headers().map(),
                    "",
                    "an IAM token (X-Subject-Token header and token.expires_at)",
                    null);
        }
        Instant now = clock.instant();
        Duration lifetime = Duration.between(now, expiresAt);
        // never refresh earlier than half-way through the lifetime, whatever refreshBefore says
        Duration margin = lifetime.dividedBy(2).compareTo(refreshBefore) < 0 ? lifetime.dividedBy(2) : refreshBefore;
        LOG.log(System.Logger.Level.DEBUG, "IAM token issued for user {0}, expires at {1}", username, expiresAt);
        return new CachedToken(token, expiresAt, expiresAt.minus(margin));
    }

    private static Instant expiresAt(String body) {
        try {
            JsonNode expires = Json.mapper().readTree(body).path("token").path("expires_at");
            return expires.isTextual() ? Rfc3339.parse(expires.asText()).toInstant() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * {@code text} without the password: as typed, URL-encoded, and JSON-escaped once, twice or three times
     * (the request body echoed inside a JSON message echoed inside another).
     */
    private String redactPassword(String text) {
        List<String> forms = new ArrayList<>();
        String form = new String(password);
        forms.add(URLEncoder.encode(form, StandardCharsets.UTF_8));
        for (int level = 0; level < 4; level++) {
            forms.add(form);
            try {
                String quoted = Json.mapper().writeValueAsString(form);
                form = quoted.substring(1, quoted.length() - 1);
            } catch (IOException e) {
                break;
            }
        }
        Collections.reverse(forms); // the most escaped form first: it contains the others
        return HttpBodies.redact(text, forms.toArray(new String[0]));
    }

    private byte[] requestBody() {
        ObjectNode auth = Json.mapper().createObjectNode();
        ObjectNode identity = auth.putObject("auth").putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", username);
        user.put("password", new String(password));
        user.putObject("domain").put("name", domainName);
        ObjectNode project = ((ObjectNode) auth.get("auth")).putObject("scope").putObject("project");
        if (projectId != null) {
            project.put("id", projectId);
        } else {
            project.put("name", projectName);
        }
        try {
            return Json.mapper().writeValueAsBytes(auth);
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen: a tree of strings always serialises", e);
        }
    }

    /** Names the account, never the password or the token. */
    @Override
    public String toString() {
        return "IamTokenProvider[iam=" + tokensUri.getHost() + ", domain=" + domainName + ", user=" + username
                + ", project=" + (projectId != null ? projectId : projectName) + "]";
    }

    /** Settings of an {@link IamTokenProvider}; {@code iamEndpoint}, {@code username}, {@code password},
     *  {@code domainName} and one of {@code projectName}/{@code projectId} are required. */
    public static final class Builder {
        private URI iamEndpoint;
        private String username;
        private char[] password;
        private String domainName;
        private String projectName;
        private String projectId;
        private Duration refreshBefore = Duration.ofHours(1);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** E.g. {@code https://iam.cn-north-4.myhuaweicloud.com}. */
        public Builder iamEndpoint(URI iamEndpoint) {
            this.iamEndpoint = iamEndpoint;
            return this;
        }
        /** The IAM user name. */
        public Builder username(String username) {
            this.username = username;
            return this;
        }
        /** Copied; the caller may clear its array afterwards. */
        public Builder password(char[] password) {
            this.password = password == null ? null : password.clone();
            return this;
        }
        /** The user's password (the {@code char[]} form can be cleared after use). */
        public Builder password(String password) {
            this.password = password == null ? null : password.toCharArray();
            return this;
        }
        /** The account (domain) the user belongs to. */
        public Builder domainName(String domainName) {
            this.domainName = domainName;
            return this;
        }
        /** The project to scope the token to, e.g. {@code cn-north-4}. */
        public Builder projectName(String projectName) {
            this.projectName = projectName;
            return this;
        }
        /** Scope the token to this project id (instead of a project name). */
        public Builder projectId(String projectId) {
            this.projectId = projectId;
            return this;
        }
        /** How long before {@code expires_at} to fetch a new token (default 1 hour). */
        public Builder refreshBefore(Duration refreshBefore) {
            this.refreshBefore = Objects.requireNonNull(refreshBefore);
            return this;
        }
        /** How long to wait for a connection to IAM. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout);
            return this;
        }
        /** How long to wait for IAM's answer. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout);
            return this;
        }
        /** A client of your own (proxy, TLS); it should not follow redirects. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }
        /** For tests: the clock against which expiry is judged. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** The provider; it fetches its first token when a request first needs one. */
        public IamTokenProvider build() {
            return new IamTokenProvider(this);
        }

        @Override
        public String toString() {
            return "IamTokenProvider.Builder[domain=" + domainName + ", user=" + username + ", password=***]";
        }
    }
}
