package dev.ccigen.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Huawei Cloud IAM password authentication: {@code POST /v3/auth/tokens?nocatalog=true} with a
 * project scope, which answers {@code 201} with the token in the {@code X-Subject-Token} header and its
 * expiry in {@code token.expires_at}.
 *
 * <p>The token is cached and fetched again {@link Builder#refreshBefore ahead of} its expiry (tokens live
 * 24 hours). Threads that need a token while one is being fetched wait for that fetch: one IAM call,
 * however many threads, and however many clients share this provider (a CCI client and an IAM client of one
 * project log in once). During a refresh ahead of expiry the others keep using the still-valid token.
 *
 * <p>The token request goes through the chain of the client that needs the token, without a token of course: its
 * retries (the request is safe to repeat), redirects, timeouts, TLS settings, interceptors and error mapping. Used on
 * its own ({@link #token()} outside a client), the provider sends through a chain of its own, configured by its
 * builder, which {@link #close()} releases.
 * The password and the token never appear in {@link #toString()}, in exception messages or in logs.
 */
public final class IamTokenProvider implements TokenProvider, AutoCloseable {

    /** How a failure to reach IAM names what failed: not the user's call, which never left. */
    private static final String IAM_REQUEST = "IAM token request";

    private static final String TOKENS_PATH = "/v3/auth/tokens";

    private final URI iamEndpoint;
    private final URI tokensUri;
    private final String username;
    private final char[] password;
    private final String domainName;
    private final String projectName;
    private final String projectId;
    private final Duration requestTimeout;
    private final Refreshing<String> tokens;
    /** The chain of standalone use, made when first needed. */
    private final OwnTransport own;

    private IamTokenProvider(Builder b) {
        this.iamEndpoint = Objects.requireNonNull(b.iamEndpoint, "iamEndpoint");
        String base = iamEndpoint.toString().replaceAll("/+$", "");
        this.tokensUri = URI.create(base + TOKENS_PATH + "?nocatalog=true");
        this.username = Objects.requireNonNull(b.username, "username");
        this.password = Objects.requireNonNull(b.password, "password").clone();
        this.domainName = Objects.requireNonNull(b.domainName, "domainName");
        if ((b.projectName == null) == (b.projectId == null)) {
            throw new IllegalArgumentException(
                    "set exactly one of projectName and projectId: CCI needs a project-scoped token");
        }
        this.projectName = b.projectName;
        this.projectId = b.projectId;
        this.requestTimeout = b.requestTimeout;
        this.tokens = new Refreshing<>(b.clock, b.refreshBefore, "IAM token");
        this.own = new OwnTransport("IamTokenProvider", () -> {
            ClientBuilder<Transport> builder = new ClientBuilder<>(t -> t)
                    .endpoint(iamEndpoint)
                    .connectTimeout(b.connectTimeout)
                    .requestTimeout(b.requestTimeout)
                    .clock(b.clock);
            return b.httpClient == null ? builder : builder.httpClient(b.httpClient);
        });
    }

    /** A builder: IAM endpoint, user, password, and the domain and project to scope the token to. */
    public static Builder builder() {
        return new Builder();
    }

    /** The token, fetched through a chain of the provider's own when none is cached: for use outside a client. */
    @Override
    public String token() {
        try {
            return token(own.get(), Cancel.NEVER);
        } catch (Cancel.Cancelled e) {
            throw new IllegalStateException("cannot happen: nothing cancels the provider's own calls", e);
        }
    }

    /** The token for a call of {@code client}'s: fetched through its chain, and waited for only while wanted. */
    String token(Transport client, Cancel cancel) throws Cancel.Cancelled {
        return tokens.get(previous -> fetch(client.unauthenticated(iamEndpoint), previous, cancel), cancel);
    }

    /** Drops the cached token only if it is the one rejected: a burst of 401s causes one refresh. */
    @Override
    public void invalidate(String rejectedToken) {
        tokens.invalidate(token -> token.equals(rejectedToken));
    }

    /** Releases the chain of standalone use, if {@link #token()} made one; clients that use the provider need none. */
    @Override
    public void close() {
        own.close();
    }

    /**
     * Asks IAM for a token.
     *
     * @param previous the token being replaced, if any: blanked out of error bodies as well
     */
    private Refreshing.Fetched<String> fetch(Transport iam, String previous, Cancel cancel) {
        List<String> secrets = new ArrayList<>(passwordForms());
        if (previous != null) {
            secrets.add(previous);
        }
        Request request = Request.builder("POST", TOKENS_PATH)
                .query("nocatalog", "true")
                .rawBody(requestBody(), "application/json;charset=utf8")
                .retryable(true) // a token more or less harms nobody
                .timeout(requestTimeout)
                .secrets(secrets)
                .build();
        ApiResponse<JsonNode> response;
        try {
            response = iam.send(request, Json.mapper().constructType(JsonNode.class), cancel);
        } catch (TransportException e) {
            throw new TransportException("POST", tokensUri, e.getCause(), IAM_REQUEST);
        } catch (RedirectException | ResponseDecodingException e) {
            throw e;
        } catch (ApiException e) { // some gateways echo the request in their error page: the password is blanked out
            throw new IamAuthenticationException(tokensUri, e.statusCode(), e.headers(), e.body());
        }
        String token = response.header("X-Subject-Token");
        Instant expiresAt = expiresAt(response.body());
        if (token == null || token.isBlank() || expiresAt == null) {
            throw new ResponseDecodingException(
                    "POST",
                    tokensUri,
                    response.statusCode(),
                    response.headers(),
                    "",
                    "an IAM token (X-Subject-Token header and token.expires_at)",
                    null);
        }
        return new Refreshing.Fetched<>(token, expiresAt);
    }

    private static Instant expiresAt(JsonNode body) {
        try {
            JsonNode expires = body == null ? null : body.path("token").path("expires_at");
            return expires != null && expires.isTextual()
                    ? Rfc3339.parse(expires.asText()).toInstant()
                    : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The password as it may come back in an error page: as typed, URL-encoded, and JSON-escaped once, twice or three
     * times (the request body echoed inside a JSON message echoed inside another); the most escaped first.
     */
    private List<String> passwordForms() {
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
        return forms;
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
        /** How long to wait for a connection to IAM, when the provider is used on its own (a client's chain has its own). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout);
            return this;
        }
        /** How long to wait for IAM's answer (default 30 s), through whichever chain the request goes. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout);
            return this;
        }
        /**
         * A client of your own (proxy, TLS) for when the provider is used on its own; it must not follow redirects.
         * Inside a client, the token request goes through that client's chain and connector.
         */
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
