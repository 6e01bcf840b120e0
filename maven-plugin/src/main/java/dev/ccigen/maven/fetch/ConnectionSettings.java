package dev.ccigen.maven.fetch;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How {@code ccigen:fetch} reaches the service, from plain values: its parameters, the settings.xml servers, a
 * kubeconfig and the environment. {@link #resolve()} checks them and makes the {@link Connection}; every mistake is a
 * {@link FetchException} in one line that names the parameter, never a secret.
 */
public final class ConnectionSettings {
    private final String url;
    private final String authentication;
    private final String serverId;
    private final String iamEndpoint;
    private final String domainName;
    private final String projectName;
    private final String projectId;
    private final Path tokenFile;
    private final Path kubeconfig;
    private final String kubeContext;
    private final Path caCertificates;
    private final Servers servers;
    private final Function<String, String> environment;
    private final Path workDirectory;

    /** Where to fetch from, and how to authenticate. */
    public record Connection(URI endpoint, Authentication authentication, Path caCertificates) {}

    private ConnectionSettings(Builder b) {
        url = b.url;
        authentication = b.authentication;
        serverId = b.serverId;
        iamEndpoint = b.iamEndpoint;
        domainName = b.domainName;
        projectName = b.projectName;
        projectId = b.projectId;
        tokenFile = b.tokenFile;
        kubeconfig = b.kubeconfig;
        kubeContext = b.kubeContext;
        caCertificates = b.caCertificates;
        servers = b.servers;
        environment = b.environment;
        workDirectory = b.workDirectory;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The endpoint, the authentication and the CAs to trust.
     *
     * @throws FetchException a parameter missing, wrong or unusable, in one line
     * @throws IOException    the kubeconfig's CA cannot be written where the transport reads it
     */
    public Connection resolve() throws FetchException, IOException {
        Kubeconfig kube = scheme().equals("kubeconfig") ? kubeconfig() : null;
        URI endpoint = endpoint(kube);
        Authentication auth = authentication(kube);
        Path ca = caCertificates != null ? caCertificates : kubeCa(kube);
        return new Connection(endpoint, auth, ca);
    }

    private String scheme() throws FetchException {
        String scheme = authentication == null ? "none" : authentication.trim().toLowerCase(Locale.ROOT);
        if (!List.of("none", "iam", "aksk", "token", "kubeconfig").contains(scheme)) {
            throw new FetchException(
                    "authentication \"" + authentication + "\" is none of none, iam, aksk, token, kubeconfig");
        }
        if (scheme.equals("none") && serverId != null) {
            throw new FetchException("serverId " + serverId + " is set but authentication is none: say which scheme its"
                    + " credentials are for (-Dccigen.fetch.authentication=iam, aksk or token)");
        }
        return scheme;
    }

    private URI endpoint(Kubeconfig kube) throws FetchException {
        String given = url != null && !url.isBlank()
                ? url.trim()
                : kube != null ? kube.server().toString() : null;
        if (given == null) {
            throw new FetchException(
                    "the service's url is required (<url> in the plugin's configuration, or -Dccigen.fetch.url=…)");
        }
        return httpUri("url", given);
    }

    /** An http(s) URL with a host and without credentials (which would be shown wherever the URL is). */
    private static URI httpUri(String parameter, String given) throws FetchException {
        URI uri;
        try {
            uri = URI.create(given.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri != null && uri.getRawUserInfo() != null || given.matches("(?s)[^/]*//[^/]*@.*")) {
            throw new FetchException(
                    parameter + " carries credentials (user:password@): keep them in settings.xml and name"
                            + " the server with serverId");
        }
        if (uri == null
                || !"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())
                || uri.getHost() == null) {
            throw new FetchException(parameter + " " + given + " is not an http(s) URL with a host");
        }
        return uri;
    }

    private Authentication authentication(Kubeconfig kube) throws FetchException {
        switch (scheme()) {
            case "iam" -> {
                Servers.Server server = server("iam");
                require("iamEndpoint", iamEndpoint, "iam");
                require("domainName", domainName, "iam");
                require("projectName", projectName, "iam");
                return Authentication.iam(
                        httpUri("iamEndpoint", iamEndpoint),
                        server.username(),
                        server.password(),
                        domainName,
                        projectName,
                        serverLabel());
            }
            case "aksk" -> {
                if (serverId != null) {
                    Servers.Server server = server("aksk");
                    return Authentication.akSk(
                            dev.ccigen.runtime.Credentials.of(server.username(), server.password()),
                            projectId,
                            serverLabel());
                }
                return Authentication.akSkFromEnvironment(environment, projectId);
            }
            case "token" -> {
                return token();
            }
            case "kubeconfig" -> {
                return kube.token() == null
                        ? Authentication.none()
                        : Authentication.bearer(kube.token(), "the user of " + kube.name());
            }
            default -> {
                return Authentication.none();
            }
        }
    }

    private Authentication token() throws FetchException {
        if (serverId != null) {
            return Authentication.bearer(server("token").password(), serverLabel());
        }
        if (tokenFile == null) {
            throw new FetchException(
                    "authentication token needs serverId (the token is the server's password)" + " or tokenFile");
        }
        try {
            return Authentication.bearer(Files.readString(tokenFile, StandardCharsets.UTF_8), "file " + tokenFile);
        } catch (IOException e) {
            throw new FetchException(
                    "cannot read tokenFile " + tokenFile + ": " + e.getClass().getSimpleName());
        }
    }

    private Kubeconfig kubeconfig() throws FetchException {
        Path file = kubeconfig != null ? kubeconfig : Kubeconfig.defaultFile(environment);
        return Kubeconfig.read(file, kubeContext);
    }

    /** The kubeconfig's CA, as a file the transport reads (a CA certificate is no secret). */
    private Path kubeCa(Kubeconfig kube) throws IOException {
        if (kube == null || kube.caPem() == null) {
            return null;
        }
        Path file = workDirectory.resolve("fetch-kubeconfig-ca.pem");
        Files.createDirectories(file.getParent());
        Files.write(file, kube.caPem());
        return file;
    }

    private String serverLabel() {
        return "settings.xml server \"" + serverId + "\"";
    }

    /** The settings.xml server {@code serverId}, its password decrypted; both username and password required. */
    private Servers.Server server(String scheme) throws FetchException {
        if (serverId == null || serverId.isBlank()) {
            throw new FetchException(
                    "authentication " + scheme + " needs serverId: the id of a <server> in settings.xml"
                            + " that holds the "
                            + (scheme.equals("aksk")
                                    ? "AK (username) and SK (password)"
                                    : scheme.equals("token") ? "token (password)" : "username and password"));
        }
        Servers.Server server = servers.find(serverId);
        if (server == null) {
            throw new FetchException("no <server> with id \"" + serverId
                    + "\" in settings.xml (~/.m2/settings.xml, or the" + " file given with -s)");
        }
        boolean needsUser = !scheme.equals("token");
        if (server.password() == null
                || server.password().isBlank()
                || needsUser && (server.username() == null || server.username().isBlank())) {
            throw new FetchException(serverLabel() + " needs " + (needsUser ? "a username and " : "") + "a password");
        }
        return server;
    }

    private static void require(String name, String value, String scheme) throws FetchException {
        if (value == null || value.isBlank()) {
            throw new FetchException(
                    "authentication " + scheme + " needs " + name + " (-Dccigen.fetch." + name + "=…)");
        }
    }

    /** Builds {@link ConnectionSettings}: the goal's parameters by name; no servers and no environment by default. */
    public static final class Builder {
        private String url;
        private String authentication;
        private String serverId;
        private String iamEndpoint;
        private String domainName;
        private String projectName;
        private String projectId;
        private Path tokenFile;
        private Path kubeconfig;
        private String kubeContext;
        private Path caCertificates;
        private Servers servers = Servers.NONE;
        private Function<String, String> environment = name -> null;
        private Path workDirectory;

        private Builder() {}

        /** The service's endpoint; with kubeconfig, null for its cluster's server. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** {@code none}, {@code iam}, {@code aksk}, {@code token} or {@code kubeconfig} (null: none). */
        public Builder authentication(String authentication) {
            this.authentication = authentication;
            return this;
        }

        public Builder serverId(String serverId) {
            this.serverId = serverId;
            return this;
        }

        public Builder iamEndpoint(String iamEndpoint) {
            this.iamEndpoint = iamEndpoint;
            return this;
        }

        public Builder domainName(String domainName) {
            this.domainName = domainName;
            return this;
        }

        public Builder projectName(String projectName) {
            this.projectName = projectName;
            return this;
        }

        public Builder projectId(String projectId) {
            this.projectId = projectId;
            return this;
        }

        public Builder tokenFile(Path tokenFile) {
            this.tokenFile = tokenFile;
            return this;
        }

        /** The kubeconfig file; null for the first of {@code KUBECONFIG}, else {@code ~/.kube/config}. */
        public Builder kubeconfig(Path kubeconfig) {
            this.kubeconfig = kubeconfig;
            return this;
        }

        public Builder kubeContext(String kubeContext) {
            this.kubeContext = kubeContext;
            return this;
        }

        public Builder caCertificates(Path caCertificates) {
            this.caCertificates = caCertificates;
            return this;
        }

        public Builder servers(Servers servers) {
            this.servers = servers;
            return this;
        }

        /** The environment variables ({@code System::getenv} in a build). */
        public Builder environment(Function<String, String> environment) {
            this.environment = environment;
            return this;
        }

        /** The plugin's own folder under {@code target/}: where a kubeconfig's CA is written for the transport. */
        public Builder workDirectory(Path workDirectory) {
            this.workDirectory = workDirectory;
            return this;
        }

        public ConnectionSettings build() {
            return new ConnectionSettings(this);
        }
    }
}
