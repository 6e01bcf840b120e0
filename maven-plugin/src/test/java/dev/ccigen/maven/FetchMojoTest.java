package dev.ccigen.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goal as Maven configures it (its fields set as Maven sets them): which parameters make which authentication,
 * what it logs, and its configuration mistakes in one line; no secret in any of it.
 */
class FetchMojoTest {
    private static final Path CCI = Path.of("../specs/cci");

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private FetchMojo mojo(String url, String authentication) throws Exception {
        FetchMojo mojo = new FetchMojo();
        Model model = new Model();
        model.setBuild(new Build());
        model.getBuild().setDirectory(dir.resolve("target").toString());
        MavenProject project = new MavenProject(model);
        project.setFile(dir.resolve("pom.xml").toFile());
        DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setMultiModuleProjectDirectory(dir.toFile());
        @SuppressWarnings("deprecation")
        MavenSession session = new MavenSession(null, null, request, new DefaultMavenExecutionResult());
        Settings settings = new Settings();
        Server server = new Server();
        server.setId("cci");
        server.setUsername("alice");
        server.setPassword("{encrypted}");
        settings.addServer(server);
        // Decrypts as Maven's SettingsDecrypter would: the test's password for "{encrypted}".
        SettingsDecrypter decrypter = r -> {
            Server plain = r.getServers().get(0).clone();
            plain.setPassword(dev.ccigen.maven.fetch.ServiceServerAccess.IAM_PASSWORD);
            return new SettingsDecryptionResult() {
                @Override
                public Server getServer() {
                    return plain;
                }

                @Override
                public List<Server> getServers() {
                    return List.of(plain);
                }

                @Override
                public Proxy getProxy() {
                    return null;
                }

                @Override
                public List<Proxy> getProxies() {
                    return List.of();
                }

                @Override
                public List<SettingsProblem> getProblems() {
                    return List.of();
                }
            };
        };
        set(mojo, "project", project);
        set(mojo, "session", session);
        set(mojo, "settings", settings);
        set(mojo, "decrypter", decrypter);
        set(mojo, "url", url);
        set(mojo, "authentication", authentication);
        set(mojo, "inputSpec", "src/main/ccigen/openapi-v2.json");
        set(mojo, "discoveryDirectory", dir.resolve("src/main/ccigen/discovery").toFile());
        mojo.setLog((Log) java.lang.reflect.Proxy.newProxyInstance(
                Log.class.getClassLoader(), new Class<?>[] {Log.class}, (p, m, args) -> {
                    if (m.getName().startsWith("is")) {
                        return true;
                    }
                    if (args != null && args.length > 0 && args[0] instanceof CharSequence text) {
                        log.add(text.toString());
                    }
                    return null;
                }));
        return mojo;
    }

    private static void set(Object target, String field, Object value) throws Exception {
        Field f = FetchMojo.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    @Test
    void iamWithTheDecryptedPasswordOfTheSettingsServer() throws Exception {
        try (var server = dev.ccigen.maven.fetch.ServiceServerAccess.cci("IAM")) {
            FetchMojo mojo = mojo(server.uri().toString(), "iam");
            set(mojo, "serverId", "cci");
            set(mojo, "iamEndpoint", server.uri().toString());
            set(mojo, "domainName", "acme");
            set(mojo, "projectName", "cn-north-4");
            mojo.execute();
            assertTrue(
                    log.get(0)
                            .startsWith("ccigen: fetched document + 22 listings from " + server.uri()
                                    + " (IAM token of the user of settings.xml server \"cci\") into src/main/ccigen/openapi-v2.json"
                                    + " + listings src/main/ccigen/discovery ("),
                    log.get(0));
            assertTrue(log.contains("ccigen:   + group-version apps/v1"), log.toString());
            assertTrue(Files.isRegularFile(dir.resolve("src/main/ccigen/discovery/apis__apps__v1.json")));

            set(mojo, "check", true);
            mojo.execute();
            assertTrue(log.get(log.size() - 1).startsWith("ccigen: fetch check: " + server.uri()), log.toString());
            assertFalse(String.join("\n", log).contains(dev.ccigen.maven.fetch.ServiceServerAccess.IAM_PASSWORD));
        }
    }

    @Test
    void aBearerTokenFromAFileAndTheDriftCheckFailingInOneMessage() throws Exception {
        try (var server = dev.ccigen.maven.fetch.ServiceServerAccess.cci("BEARER")) {
            Path token = dir.resolve("token");
            Files.writeString(token, dev.ccigen.maven.fetch.ServiceServerAccess.BEARER + "\n");
            FetchMojo mojo = mojo(server.uri().toString(), "token");
            set(mojo, "tokenFile", token.toFile());
            set(mojo, "fetchDirectory", dir.resolve("fetched").toFile());
            mojo.execute();
            assertTrue(Files.isRegularFile(dir.resolve("fetched/openapi-v2.json")));
            assertTrue(Files.isRegularFile(dir.resolve("fetched/discovery/api__v1.json")));

            server.replaced()
                    .put(
                            "/api/v1",
                            Files.readString(CCI.resolve("discovery/api__v1.json"))
                                    .replaceFirst("\"cm\"", "\"cfg\""));
            set(mojo, "check", true);
            MojoFailureException drift = assertThrows(MojoFailureException.class, mojo::execute);
            assertEquals(
                    "ccigen: fetch check: " + server.uri() + " (bearer token from file " + token + ") differs from"
                            + " fetched/openapi-v2.json + listings fetched/discovery:\n  ~ listings otherwise changed: api__v1.json\n"
                            + "run mvn ccigen:fetch (without -Dccigen.fetch.check) to take the service's version",
                    drift.getMessage());
        }
    }

    @Test
    void configurationMistakesInOneLine() throws Exception {
        assertMessage(
                "ccigen: fetch: url carries credentials (user:password@): keep them in settings.xml and name the"
                        + " server with serverId; nothing was written",
                mojo("https://bob:hunter2@cci.example.com", "none"));
        assertMessage(
                "ccigen: fetch: the service's url is required (<url> in the plugin's configuration, or"
                        + " -Dccigen.fetch.url=…); nothing was written",
                mojo(null, "none"));
        assertMessage(
                "ccigen: fetch: authentication \"basic\" is none of none, iam, aksk, token, kubeconfig; nothing was"
                        + " written",
                mojo("https://cci.example.com", "basic"));
        FetchMojo unknown = mojo("https://cci.example.com", "aksk");
        set(unknown, "serverId", "prod");
        assertMessage(
                "ccigen: fetch: no <server> with id \"prod\" in settings.xml (~/.m2/settings.xml, or the file given"
                        + " with -s); nothing was written",
                unknown);
        FetchMojo iam = mojo("https://cci.example.com", "iam");
        set(iam, "serverId", "cci");
        assertMessage(
                "ccigen: fetch: authentication iam needs iamEndpoint (-Dccigen.fetch.iamEndpoint=…); nothing was"
                        + " written",
                iam);
        FetchMojo classpath = mojo("https://cci.example.com", "none");
        set(classpath, "inputSpec", "classpath:cci/openapi-v2.json");
        assertThrows(MojoFailureException.class, classpath::execute);
        assertFalse(String.join("\n", log).contains("hunter2"));
    }

    @Test
    void aDocumentNoExecutionOfGenerateReadsIsRefused() throws Exception {
        FetchMojo mojo = mojo("http://127.0.0.1:9", "none"); // nothing listens on port 9
        Field field = FetchMojo.class.getDeclaredField("project");
        field.setAccessible(true);
        MavenProject project = (MavenProject) field.get(mojo);
        Plugin plugin = new Plugin();
        plugin.setGroupId("dev.ccigen");
        plugin.setArtifactId("ccigen-maven-plugin");
        PluginExecution cci = new PluginExecution();
        cci.setId("cci");
        cci.addGoal("generate");
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom inputSpec = new Xpp3Dom("inputSpec");
        inputSpec.setValue("specs/cci/openapi-v2.json");
        configuration.addChild(inputSpec);
        cci.setConfiguration(configuration);
        plugin.addExecution(cci);
        project.getBuild().addPlugin(plugin);

        MojoFailureException refused = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals(
                "ccigen: fetch: no execution of generate reads " + dir.resolve("src/main/ccigen/openapi-v2.json")
                        + " (\"cci\" reads specs/cci/openapi-v2.json): put inputSpec and discoveryDirectory in the"
                        + " plugin's <configuration>, outside the executions, so that both goals read them, or name"
                        + " the files with -Dccigen.inputSpec=… -Dccigen.discoveryDirectory=…; nothing was written",
                refused.getMessage());

        set(mojo, "inputSpec", "specs/cci/openapi-v2.json"); // the file generate reads: fetch goes on to the service
        MojoFailureException unreachable = assertThrows(MojoFailureException.class, mojo::execute);
        assertFalse(unreachable.getMessage().contains("no execution of generate"), unreachable.getMessage());
    }

    private static void assertMessage(String expected, FetchMojo mojo) {
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals(expected, e.getMessage());
    }
}
