package dev.ccigen.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.maven.fetch.ConnectionSettings;
import dev.ccigen.maven.fetch.Fetch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
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
 * What the goal does, from the plain values its parameters map onto ({@link Fetch}, {@link ConnectionSettings}) and
 * from the POM and settings.xml as the goal reads them: which parameters make which authentication, what it logs, and
 * its configuration mistakes in one line; no secret in any of it.
 */
class FetchMojoTest {
    private static final Path CCI = Path.of("../specs/cci");

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();
    private ConnectionSettings.Builder connection;

    /** A fetch into src/main/ccigen as generate reads it by default, with settings.xml's server "cci" (user alice). */
    private Fetch.Builder fetch(String url, String authentication) {
        connection = ConnectionSettings.builder()
                .url(url)
                .authentication(authentication)
                .servers(FetchMojo.servers(settings(), decrypter()))
                .workDirectory(dir.resolve("target/ccigen"));
        return Fetch.builder()
                .basedir(dir)
                .displayRoot(dir)
                .inputSpec("src/main/ccigen/openapi-v2.json")
                .discoveryDirectory(dir.resolve("src/main/ccigen/discovery"))
                .log(log::add);
    }

    private void run(Fetch.Builder fetch) throws Fetch.FetchFailure {
        fetch.connection(connection.build()).build().run();
    }

    private static Settings settings() {
        Settings settings = new Settings();
        Server server = new Server();
        server.setId("cci");
        server.setUsername("alice");
        server.setPassword("{encrypted}");
        settings.addServer(server);
        return settings;
    }

    /** Decrypts as Maven's SettingsDecrypter would: the test's password for "{encrypted}". */
    private static SettingsDecrypter decrypter() {
        return r -> {
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
    }

    @Test
    void iamWithTheDecryptedPasswordOfTheSettingsServer() throws Exception {
        try (var server = dev.ccigen.maven.fetch.ServiceServerAccess.cci("IAM")) {
            Fetch.Builder fetch = fetch(server.uri().toString(), "iam");
            connection
                    .serverId("cci")
                    .iamEndpoint(server.uri().toString())
                    .domainName("acme")
                    .projectName("cn-north-4");
            run(fetch);
            assertTrue(
                    log.get(0)
                            .startsWith("ccigen: fetched document + 22 listings from " + server.uri()
                                    + " (IAM token of the user of settings.xml server \"cci\") into src/main/ccigen/openapi-v2.json"
                                    + " + listings src/main/ccigen/discovery ("),
                    log.get(0));
            assertTrue(log.contains("ccigen:   + group-version apps/v1"), log.toString());
            assertTrue(Files.isRegularFile(dir.resolve("src/main/ccigen/discovery/apis__apps__v1.json")));

            run(fetch.check(true));
            assertTrue(log.get(log.size() - 1).startsWith("ccigen: fetch check: " + server.uri()), log.toString());
            assertFalse(String.join("\n", log).contains(dev.ccigen.maven.fetch.ServiceServerAccess.IAM_PASSWORD));
        }
    }

    @Test
    void aBearerTokenFromAFileAndTheDriftCheckFailingInOneMessage() throws Exception {
        try (var server = dev.ccigen.maven.fetch.ServiceServerAccess.cci("BEARER")) {
            Path token = dir.resolve("token");
            Files.writeString(token, dev.ccigen.maven.fetch.ServiceServerAccess.BEARER + "\n");
            Fetch.Builder fetch = fetch(server.uri().toString(), "token").fetchDirectory(dir.resolve("fetched"));
            connection.tokenFile(token);
            run(fetch);
            assertTrue(Files.isRegularFile(dir.resolve("fetched/openapi-v2.json")));
            assertTrue(Files.isRegularFile(dir.resolve("fetched/discovery/api__v1.json")));

            server.replaced()
                    .put(
                            "/api/v1",
                            Files.readString(CCI.resolve("discovery/api__v1.json"))
                                    .replaceFirst("\"cm\"", "\"cfg\""));
            Fetch.FetchFailure drift = assertThrows(Fetch.FetchFailure.class, () -> run(fetch.check(true)));
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
                fetch("https://bob:hunter2@cci.example.com", "none"));
        assertMessage(
                "ccigen: fetch: the service's url is required (<url> in the plugin's configuration, or"
                        + " -Dccigen.fetch.url=…); nothing was written",
                fetch(null, "none"));
        assertMessage(
                "ccigen: fetch: authentication \"basic\" is none of none, iam, aksk, token, kubeconfig; nothing was"
                        + " written",
                fetch("https://cci.example.com", "basic"));
        Fetch.Builder unknown = fetch("https://cci.example.com", "aksk");
        connection.serverId("prod");
        assertMessage(
                "ccigen: fetch: no <server> with id \"prod\" in settings.xml (~/.m2/settings.xml, or the file given"
                        + " with -s); nothing was written",
                unknown);
        Fetch.Builder iam = fetch("https://cci.example.com", "iam");
        connection.serverId("cci");
        assertMessage(
                "ccigen: fetch: authentication iam needs iamEndpoint (-Dccigen.fetch.iamEndpoint=…); nothing was"
                        + " written",
                iam);
        Fetch.Builder classpath = fetch("https://cci.example.com", "none").inputSpec("classpath:cci/openapi-v2.json");
        assertThrows(Fetch.FetchFailure.class, () -> run(classpath));
        assertFalse(String.join("\n", log).contains("hunter2"));
    }

    @Test
    void aDocumentNoExecutionOfGenerateReadsIsRefused() throws Exception {
        Model model = new Model();
        model.setBuild(new Build());
        MavenProject project = new MavenProject(model);
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
        Map<String, String> executions = FetchMojo.generateExecutions(project);
        assertEquals(Map.of("cci", "specs/cci/openapi-v2.json"), executions);

        Fetch.Builder fetch = fetch("http://127.0.0.1:9", "none").generateExecutions(executions); // nothing on port 9
        Fetch.FetchFailure refused = assertThrows(Fetch.FetchFailure.class, () -> run(fetch));
        assertEquals(
                "ccigen: fetch: no execution of generate reads " + dir.resolve("src/main/ccigen/openapi-v2.json")
                        + " (\"cci\" reads specs/cci/openapi-v2.json): put inputSpec and discoveryDirectory in the"
                        + " plugin's <configuration>, outside the executions, so that both goals read them, or name"
                        + " the files with -Dccigen.inputSpec=… -Dccigen.discoveryDirectory=…; nothing was written",
                refused.getMessage());

        fetch.inputSpec("specs/cci/openapi-v2.json"); // the file generate reads: fetch goes on to the service
        Fetch.FetchFailure unreachable = assertThrows(Fetch.FetchFailure.class, () -> run(fetch));
        assertFalse(unreachable.getMessage().contains("no execution of generate"), unreachable.getMessage());
        assertEquals(null, FetchMojo.generateExecutions(new MavenProject(new Model())), "no plugin: no check");
    }

    private void assertMessage(String expected, Fetch.Builder fetch) {
        Fetch.FetchFailure e = assertThrows(Fetch.FetchFailure.class, () -> run(fetch));
        assertEquals(expected, e.getMessage());
    }
}
