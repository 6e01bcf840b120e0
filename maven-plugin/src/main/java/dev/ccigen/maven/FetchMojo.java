package dev.ccigen.maven;

import dev.ccigen.maven.fetch.Authentication;
import dev.ccigen.maven.fetch.FetchException;
import dev.ccigen.maven.fetch.FetchJob;
import dev.ccigen.maven.fetch.Kubeconfig;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Downloads the service's OpenAPI v2 document ({@code GET /openapi/v2}) and every API-groups listing reachable from
 * {@code /api} and {@code /apis} that includeGroups and excludeGroups keep, and writes them where inputSpec and
 * discoveryDirectory point (or into fetchDirectory), in the layout the generate goal reads. Nothing is written unless
 * every response is the JSON its path serves; then the set is written all at once, in a stable layout (sorted keys,
 * 2-space indent), and only when it differs from the files; a summary names the group-versions, resources and verbs
 * added, removed or changed. With -Dccigen.fetch.check=true it writes nothing and fails when the service differs from
 * the files (a drift check for CI). Not bound to a phase: run mvn ccigen:fetch. Secrets stay out of the POM: a
 * settings.xml server (Maven's encrypted passwords work), the environment, the Huawei Cloud credentials file, a token
 * file or a kubeconfig.
 */
@Mojo(name = "fetch", threadSafe = true)
public class FetchMojo extends AbstractMojo {
    /** generate's default inputSpec, relative to the project. */
    private static final String DEFAULT_INPUT_SPEC = "src/main/ccigen/openapi-v2.json";

    /** The service's endpoint, e.g. https://cci.cn-north-4.myhuaweicloud.com; with kubeconfig, default: its cluster's server. */
    @Parameter(property = "ccigen.fetch.url")
    private String url;

    /**
     * Where the document is written: the same parameter as generate's inputSpec (a JSON file; not a classpath:
     * resource). Ignored when fetchDirectory is set.
     */
    @Parameter(property = "ccigen.inputSpec", defaultValue = "${project.basedir}/src/main/ccigen/openapi-v2.json")
    private String inputSpec;

    /**
     * Where the listings are written, one file per request path (api.json, apis__apps__v1.json): the same parameter as
     * generate's discoveryDirectory, a folder. Without it (and without fetchDirectory), the document alone is fetched.
     */
    @Parameter(property = "ccigen.discoveryDirectory")
    private File discoveryDirectory;

    /** Instead of inputSpec and discoveryDirectory: write openapi-v2.json and discovery/ into this folder. */
    @Parameter(property = "ccigen.fetch.directory")
    private File fetchDirectory;

    /** Compare only: write nothing, and fail the build naming each difference between the service and the files. */
    @Parameter(property = "ccigen.fetch.check", defaultValue = "false")
    private boolean check;

    /**
     * How to authenticate: none; iam (an IAM password token for the username and password of the settings.xml server
     * serverId, with iamEndpoint, domainName and projectName); aksk (AK/SK signatures, keys from the settings.xml
     * server serverId as username and password, else HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, else the Huawei Cloud
     * credentials file); token (a bearer token: the password of the server serverId, or the file tokenFile);
     * kubeconfig (the server, CA and token of a kubeconfig context).
     */
    @Parameter(property = "ccigen.fetch.authentication", defaultValue = "none")
    private String authentication;

    /** The id of the server in settings.xml whose username and password authenticate (see authentication). */
    @Parameter(property = "ccigen.fetch.serverId")
    private String serverId;

    /** For iam: the IAM endpoint, e.g. https://iam.cn-north-4.myhuaweicloud.com. */
    @Parameter(property = "ccigen.fetch.iamEndpoint")
    private String iamEndpoint;

    /** For iam: the account (domain) the user belongs to. */
    @Parameter(property = "ccigen.fetch.domainName")
    private String domainName;

    /** For iam: the project the token is scoped to, e.g. cn-north-4. */
    @Parameter(property = "ccigen.fetch.projectName")
    private String projectName;

    /** For aksk: sent as X-Project-Id (default: the project id of the environment or credentials file, if any). */
    @Parameter(property = "ccigen.fetch.projectId")
    private String projectId;

    /** For token: a file holding the bearer token (e.g. a service account's token file). */
    @Parameter(property = "ccigen.fetch.tokenFile")
    private File tokenFile;

    /** For kubeconfig: the file (default: the first of KUBECONFIG, else ~/.kube/config). */
    @Parameter(property = "ccigen.fetch.kubeconfig")
    private File kubeconfig;

    /** For kubeconfig: the context (default: its current-context). */
    @Parameter(property = "ccigen.fetch.kubeContext")
    private String kubeContext;

    /** A PEM bundle of the CAs to trust instead of the JDK's (a private CA); kubeconfig's CA is used when this is unset. */
    @Parameter(property = "ccigen.fetch.caCertificates")
    private File caCertificates;

    /** API groups or group-versions to fetch, as generate's includeGroups (core is the core group). Default: all. */
    @Parameter(property = "ccigen.includeGroups")
    private List<String> includeGroups;

    /** API groups or group-versions not to fetch, as generate's excludeGroups. Default: none. */
    @Parameter(property = "ccigen.excludeGroups")
    private List<String> excludeGroups;

    /** Skip this goal. */
    @Parameter(property = "ccigen.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    private Settings settings;

    @Component
    private SettingsDecrypter decrypter;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("ccigen: skipped (ccigen.skip)");
            return;
        }
        long start = System.nanoTime();
        Path document = fetchDirectory != null ? fetchDirectory.toPath().resolve("openapi-v2.json") : documentTarget();
        if (fetchDirectory == null) {
            someGenerateReads(document);
        }
        Path folder = fetchDirectory != null ? fetchDirectory.toPath().resolve("discovery") : listingsTarget();
        FetchJob.Result result;
        URI endpoint;
        Authentication auth;
        try {
            Kubeconfig kube = authentication().equals("kubeconfig") ? kubeconfig() : null;
            endpoint = endpoint(kube);
            auth = authentication(kube);
            Path ca = caCertificates != null ? caCertificates.toPath() : kubeCa(kube);
            result = new FetchJob(
                            endpoint,
                            auth,
                            ca,
                            document,
                            folder,
                            AbstractCcigenMojo.clean(includeGroups),
                            AbstractCcigenMojo.clean(excludeGroups))
                    .run(check);
        } catch (FetchException e) {
            throw new MojoFailureException("ccigen: fetch: " + e.getMessage() + "; nothing was written");
        } catch (IOException e) {
            throw new MojoFailureException("ccigen: fetch: cannot write " + document
                    + (folder == null ? "" : " and " + folder) + ": " + e + "; the previous files are as they were");
        }
        String files = GenerateMojo.display(document, session, project)
                + (folder == null ? "" : " + listings " + GenerateMojo.display(folder, session, project));
        String what = "document"
                + (folder == null ? "" : " + " + result.fetched().listings().size() + " listings");
        String from = endpoint + " (" + auth.description() + ")";
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (check) {
            if (!result.diff().isEmpty()) {
                throw new MojoFailureException("ccigen: fetch check: " + from + " differs from " + files + ":\n  "
                        + String.join("\n  ", result.diff().lines())
                        + "\nrun mvn ccigen:fetch (without -Dccigen.fetch.check)"
                        + " to take the service's version");
            }
            getLog().info("ccigen: fetch check: " + from + " serves what " + files + " hold (" + what + ", " + ms
                    + " ms)");
        } else if (!result.written()) {
            getLog().info("ccigen: fetched " + what + " from " + from + ": unchanged, " + files + " left as they were ("
                    + ms + " ms)");
        } else {
            getLog().info("ccigen: fetched " + what + " from " + from + " into " + files + " (" + ms
                    + " ms); changes:");
            for (String line : result.diff().lines()) {
                getLog().info("ccigen:   " + line);
            }
        }
    }

    /**
     * Refuses a document that no execution of {@code generate} in the POM reads. generate may be configured per
     * execution (as README's first example is), and fetch would then write to its own default while generate goes on
     * reading the old file, and the drift check would compare the service with a file nobody uses.
     */
    private void someGenerateReads(Path document) throws MojoFailureException {
        Plugin plugin = project.getBuildPlugins().stream()
                .filter(p -> "dev.ccigen".equals(p.getGroupId()) && "ccigen-maven-plugin".equals(p.getArtifactId()))
                .findFirst()
                .orElse(null);
        if (plugin == null) {
            return; // run from the command line in a project that does not use the plugin: fetch's parameters decide
        }
        String pluginLevel = configured(plugin.getConfiguration(), "inputSpec");
        List<String> others = new ArrayList<>();
        for (PluginExecution execution : plugin.getExecutions()) {
            if (!execution.getGoals().contains("generate")) {
                continue;
            }
            String spec = configured(execution.getConfiguration(), "inputSpec");
            spec = spec != null ? spec : pluginLevel != null ? pluginLevel : DEFAULT_INPUT_SPEC;
            if (!spec.startsWith(InputSpec.CLASSPATH)
                    && project.getBasedir()
                            .toPath()
                            .resolve(spec)
                            .toAbsolutePath()
                            .normalize()
                            .equals(document)) {
                return;
            }
            others.add("\"" + execution.getId() + "\" reads " + spec);
        }
        if (!others.isEmpty()) {
            throw new MojoFailureException("ccigen: fetch: no execution of generate reads " + document + " ("
                    + String.join(", ", others) + "): put inputSpec and discoveryDirectory in the plugin's"
                    + " <configuration>, outside the executions, so that both goals read them, or name the files with"
                    + " -Dccigen.inputSpec=… -Dccigen.discoveryDirectory=…; nothing was written");
        }
    }

    private static String configured(Object configuration, String name) {
        Xpp3Dom child = configuration instanceof Xpp3Dom dom ? dom.getChild(name) : null;
        return child == null || child.getValue() == null || child.getValue().isBlank()
                ? null
                : child.getValue().strip();
    }

    private Path documentTarget() throws MojoFailureException {
        if (inputSpec.startsWith(InputSpec.CLASSPATH)) {
            throw new MojoFailureException(
                    "ccigen: fetch: inputSpec " + inputSpec + " is a class path resource; fetch writes"
                            + " a file: point inputSpec at a .json file, or give fetchDirectory (-Dccigen.fetch.directory=…)");
        }
        Path file = project.getBasedir()
                .toPath()
                .resolve(inputSpec)
                .toAbsolutePath()
                .normalize();
        if (!file.getFileName().toString().endsWith(".json")) {
            throw new MojoFailureException("ccigen: fetch: inputSpec " + file + " is not a .json file; fetch writes the"
                    + " document as JSON: point inputSpec at a .json file, or give fetchDirectory");
        }
        return file;
    }

    private Path listingsTarget() throws MojoFailureException {
        if (discoveryDirectory == null) {
            return null;
        }
        Path folder = discoveryDirectory.toPath().toAbsolutePath().normalize();
        if (Files.isRegularFile(folder)) {
            throw new MojoFailureException("ccigen: fetch: discoveryDirectory " + folder + " is a file (an aggregated"
                    + " discovery document); fetch writes a folder of listings: point discoveryDirectory at a folder");
        }
        return folder;
    }

    private String authentication() throws FetchException {
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
        switch (authentication()) {
            case "iam" -> {
                Server server = server("iam");
                require("iamEndpoint", iamEndpoint, "iam");
                require("domainName", domainName, "iam");
                require("projectName", projectName, "iam");
                return Authentication.iam(
                        httpUri("iamEndpoint", iamEndpoint),
                        server.getUsername(),
                        server.getPassword(),
                        domainName,
                        projectName,
                        serverLabel());
            }
            case "aksk" -> {
                if (serverId != null) {
                    Server server = server("aksk");
                    return Authentication.akSk(
                            dev.ccigen.runtime.Credentials.of(server.getUsername(), server.getPassword()),
                            projectId,
                            serverLabel());
                }
                return Authentication.akSkFromEnvironment(System::getenv, projectId);
            }
            case "token" -> {
                if (serverId != null) {
                    return Authentication.bearer(server("token").getPassword(), serverLabel());
                }
                if (tokenFile == null) {
                    throw new FetchException("authentication token needs serverId (the token is the server's password)"
                            + " or tokenFile");
                }
                try {
                    return Authentication.bearer(
                            Files.readString(tokenFile.toPath(), StandardCharsets.UTF_8), "file " + tokenFile);
                } catch (IOException e) {
                    throw new FetchException("cannot read tokenFile " + tokenFile + ": "
                            + e.getClass().getSimpleName());
                }
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

    private Kubeconfig kubeconfig() throws FetchException {
        Path file = kubeconfig != null ? kubeconfig.toPath() : Kubeconfig.defaultFile(System::getenv);
        return Kubeconfig.read(file, kubeContext);
    }

    /** The kubeconfig's CA, as a file the transport reads (a CA certificate is no secret). */
    private Path kubeCa(Kubeconfig kube) throws IOException {
        if (kube == null || kube.caPem() == null) {
            return null;
        }
        Path file = Path.of(project.getBuild().getDirectory(), "ccigen", "fetch-kubeconfig-ca.pem");
        Files.createDirectories(file.getParent());
        Files.write(file, kube.caPem());
        return file;
    }

    private String serverLabel() {
        return "settings.xml server \"" + serverId + "\"";
    }

    /** The settings.xml server {@code serverId}, its password decrypted; both username and password required. */
    private Server server(String scheme) throws FetchException {
        if (serverId == null || serverId.isBlank()) {
            throw new FetchException(
                    "authentication " + scheme + " needs serverId: the id of a <server> in settings.xml"
                            + " that holds the "
                            + (scheme.equals("aksk")
                                    ? "AK (username) and SK (password)"
                                    : scheme.equals("token") ? "token (password)" : "username and password"));
        }
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw new FetchException("no <server> with id \"" + serverId
                    + "\" in settings.xml (~/.m2/settings.xml, or the" + " file given with -s)");
        }
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem p : decrypted.getProblems()) {
            if (p.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new FetchException(
                        "cannot decrypt the password of " + serverLabel() + " (is ~/.m2/settings-security.xml"
                                + " there, with the master password it was encrypted with?)");
            }
        }
        Server plain = decrypted.getServer();
        boolean needsUser = !scheme.equals("token");
        if (plain.getPassword() == null
                || plain.getPassword().isBlank()
                || needsUser
                        && (plain.getUsername() == null || plain.getUsername().isBlank())) {
            throw new FetchException(serverLabel() + " needs " + (needsUser ? "a username and " : "") + "a password");
        }
        return plain;
    }

    private static void require(String name, String value, String scheme) throws FetchException {
        if (value == null || value.isBlank()) {
            throw new FetchException(
                    "authentication " + scheme + " needs " + name + " (-Dccigen.fetch." + name + "=…)");
        }
    }
}
