package dev.ccigen.maven;

import dev.ccigen.maven.fetch.ConnectionSettings;
import dev.ccigen.maven.fetch.Fetch;
import dev.ccigen.maven.fetch.FetchException;
import dev.ccigen.maven.fetch.Servers;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
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
 * discoveryDirectory point (or into fetchDirectory), in the layout the generate goal reads; with crdDirectory, also the
 * cluster's CustomResourceDefinitions of those groups (with crdsOnly, those alone). Nothing is written unless
 * every response is the JSON its path serves; then the set is written all at once, in a stable layout (sorted keys,
 * 2-space indent), and only when it differs from the files; a summary names the group-versions, resources and verbs
 * added, removed or changed. With -Dccigen.fetch.check=true it writes nothing and fails when the service differs from
 * the files (a drift check for CI). Not bound to a phase: run mvn ccigen:fetch. Secrets stay out of the POM: a
 * settings.xml server (Maven's encrypted passwords work), the environment, the Huawei Cloud credentials file, a token
 * file or a kubeconfig.
 */
@Mojo(name = "fetch", threadSafe = true)
public class FetchMojo extends AbstractMojo {
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

    /**
     * Where the cluster's CustomResourceDefinitions are written, one file each ({@code jobs.batch.volcano.sh.json},
     * without what the server adds: status, uid, managedFields…), those of the groups includeGroups and excludeGroups
     * keep: the same parameter as generate's crdDirectory, a folder. Without it (and without crdsOnly), no CRD is
     * fetched.
     */
    @Parameter(property = "ccigen.crdDirectory")
    private File crdDirectory;

    /**
     * Fetch only the CustomResourceDefinitions (into crdDirectory, or crds/ of fetchDirectory): neither the document nor
     * the listings are read or written. For a client of a cluster's CRDs: its document holds them too.
     */
    @Parameter(property = "ccigen.fetch.crdsOnly", defaultValue = "false")
    private boolean crdsOnly;

    /**
     * Instead of inputSpec, discoveryDirectory and crdDirectory: write openapi-v2.json, discovery/ (and crds/, when
     * crdDirectory is set or crdsOnly) into this folder.
     */
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
        Log log = getLog();
        try {
            fetch(log::info).run();
        } catch (Fetch.FetchFailure e) {
            throw new MojoFailureException(e.getMessage());
        }
    }

    /** The goal's parameters, the POM, settings.xml and the environment, as the plain values {@link Fetch} takes. */
    private Fetch fetch(Consumer<String> log) {
        ConnectionSettings connection = ConnectionSettings.builder()
                .url(url)
                .authentication(authentication)
                .serverId(serverId)
                .iamEndpoint(iamEndpoint)
                .domainName(domainName)
                .projectName(projectName)
                .projectId(projectId)
                .tokenFile(path(tokenFile))
                .kubeconfig(path(kubeconfig))
                .kubeContext(kubeContext)
                .caCertificates(path(caCertificates))
                .servers(servers(settings, decrypter))
                .environment(System::getenv)
                .workDirectory(Path.of(project.getBuild().getDirectory(), "ccigen"))
                .build();
        File top = session.getRequest().getMultiModuleProjectDirectory();
        return Fetch.builder()
                .basedir(project.getBasedir().toPath())
                .displayRoot((top != null ? top : project.getBasedir()).toPath())
                .inputSpec(inputSpec)
                .discoveryDirectory(path(discoveryDirectory))
                .fetchDirectory(path(fetchDirectory))
                .crdDirectory(path(crdDirectory))
                .crdsOnly(crdsOnly)
                .generateExecutions(generateExecutions(project))
                .groups(AbstractCcigenMojo.clean(includeGroups), AbstractCcigenMojo.clean(excludeGroups))
                .check(check)
                .connection(connection)
                .log(log)
                .build();
    }

    private static Path path(File file) {
        return file == null ? null : file.toPath();
    }

    /**
     * The POM's executions of {@code generate}, by id in POM order, each with the inputSpec it reads (its own, the
     * plugin-level one, or the default); null when the POM does not use the plugin.
     */
    static Map<String, String> generateExecutions(MavenProject project) {
        Plugin plugin = null;
        for (Plugin p : project.getBuildPlugins()) {
            if ("dev.ccigen".equals(p.getGroupId()) && "ccigen-maven-plugin".equals(p.getArtifactId())) {
                plugin = p;
                break;
            }
        }
        if (plugin == null) {
            return null;
        }
        String pluginLevel = configured(plugin.getConfiguration(), "inputSpec");
        Map<String, String> executions = new LinkedHashMap<>();
        for (PluginExecution execution : plugin.getExecutions()) {
            if (execution.getGoals().contains("generate")) {
                String spec = configured(execution.getConfiguration(), "inputSpec");
                executions.put(
                        execution.getId(),
                        spec != null ? spec : pluginLevel != null ? pluginLevel : Fetch.DEFAULT_INPUT_SPEC);
            }
        }
        return executions;
    }

    private static String configured(Object configuration, String name) {
        Xpp3Dom child = configuration instanceof Xpp3Dom dom ? dom.getChild(name) : null;
        return child == null || child.getValue() == null || child.getValue().isBlank()
                ? null
                : child.getValue().strip();
    }

    /** settings.xml's servers, each password decrypted as Maven decrypts it when asked for. */
    static Servers servers(Settings settings, SettingsDecrypter decrypter) {
        return id -> {
            Server server = settings == null ? null : settings.getServer(id);
            if (server == null) {
                return null;
            }
            SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem p : decrypted.getProblems()) {
                if (p.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw new FetchException("cannot decrypt the password of settings.xml server \"" + id
                            + "\" (is ~/.m2/settings-security.xml there, with the master password it was encrypted"
                            + " with?)");
                }
            }
            Server plain = decrypted.getServer();
            return new Servers.Server(plain.getUsername(), plain.getPassword());
        };
    }
}
