package dev.ccigen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ccigen.it.cci.CciClientTestServer;
import dev.ccigen.testserver.ExecHandler;
import dev.ccigen.testserver.ServerMain;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl, where it is installed (skipped where it is not), against the generated CciClientTestServer run as its
 * {@code main} runs it: the README's commands as printed, then the everyday commands a user runs against a cluster.
 * kubectl talks only to that loopback server, with a kubeconfig and a home of its own in a temporary folder (never
 * the user's ~/.kube). Over plain HTTP kubectl sends no credentials, so the server runs with --no-auth, as the README
 * says.
 */
@Timeout(180)
class KubectlTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static Path kubectl;

    @TempDir
    Path home;

    private CciClientTestServer server;
    private final Map<String, String> environment = new HashMap<>();

    @BeforeAll
    static void findKubectl() {
        String configured = System.getProperty("kubectl");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            kubectl = Path.of(configured);
            return;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                kubectl = candidate;
                return;
            }
        }
        assumeTrue(false, "kubectl is not installed: skipped");
    }

    /** The server as the README's {@code mvn exec:java} line runs it (on a free port, its kubeconfig in the temp folder). */
    @BeforeEach
    void start() throws IOException {
        String command = readme("run-test-server.sh");
        String mainClass = between(command, "-Dexec.mainClass=", " ");
        assertEquals(CciClientTestServer.class.getName(), mainClass, "the README runs the generated server's main");
        String args = between(command, "-Dexec.args=\"", "\"");
        assertTrue(args.contains("--port 8001") && args.contains("--kubeconfig target/kubeconfig"), args);
        Path kubeconfig = home.resolve("kubeconfig");
        String[] ours = args.replace("--port 8001", "--port 0")
                .replace("target/kubeconfig", kubeconfig.toString())
                .split(" ");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        server = (CciClientTestServer) ServerMain.start(
                ours,
                "CciClientTestServer",
                CciClientTestServer::start,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertTrue(
                printed.toString(StandardCharsets.UTF_8).contains("loaded 3 objects from src/test/manifests"),
                printed.toString());
        environment.put("KUBECONFIG", kubeconfig.toString());
        environment.put("HOME", home.toString());
        environment.put("KUBECACHEDIR", home.resolve("cache").toString());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String readme(String name) throws IOException {
        return Files.readString(MODULE.resolve("src/test/resources/readme").resolve(name), StandardCharsets.UTF_8);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    /** The README's kubectl lines, run as printed (a watch for a few seconds, while a pod changes). */
    @Test
    void theReadmesCommands() throws Exception {
        StringBuilder transcript = new StringBuilder();
        for (String line : readme("kubectl.sh").split("\n")) {
            if (line.startsWith("export KUBECONFIG=")) {
                continue; // the kubeconfig of this test's server, in its temp folder
            }
            List<String> words = words(line);
            assertEquals("kubectl", words.get(0), line);
            Result r = words.contains("--watch")
                    ? watch(
                            words.subList(1, words.size()),
                            () -> server.store()
                                    .patch(
                                            server.resourceType("v1", "Pod"),
                                            "default",
                                            "shell",
                                            "application/merge-patch+json",
                                            new com.fasterxml.jackson.databind.ObjectMapper()
                                                    .readTree("{\"metadata\":{\"labels\":{\"seen\":\"yes\"}}}"),
                                            false))
                    : kubectl(words.subList(1, words.size()).toArray(String[]::new));
            transcript.append("$ ").append(line).append('\n').append(r.out).append(r.err);
            assertEquals(0, r.exit, transcript.toString());
        }
        String all = transcript.toString();
        for (String expected : List.of(
                "Server Version: v1.20.0",
                "deployment.apps/web configured",
                "deployment.apps/web scaled",
                "hello\n",
                "shell",
                "deployment.apps \"web\" deleted")) {
            assertTrue(all.contains(expected), "expected " + expected + " in\n" + all);
        }
    }

    @Test
    void applyingAgainAndAgainPatchingScalingDeleting() throws Exception {
        Path manifest = home.resolve("app.yaml");
        Files.writeString(manifest, Files.readString(MODULE.resolve("src/test/manifests/web.yaml")));
        kubectl("delete", "-f", manifest.toString()).ok();
        assertTrue(kubectl("apply", "-f", manifest.toString()).ok().contains("deployment.apps/web created"));
        assertTrue(kubectl("apply", "-f", manifest.toString()).ok().contains("deployment.apps/web unchanged"));
        Files.writeString(manifest, Files.readString(manifest).replace("nginx:1.25", "nginx:1.26"));
        assertTrue(kubectl("apply", "-f", manifest.toString()).ok().contains("deployment.apps/web configured"));
        assertEquals(
                "nginx:1.26 2",
                kubectl(
                                "get",
                                "deployment",
                                "web",
                                "-o",
                                "jsonpath={.spec.template.spec.containers[0].image} {.metadata.generation}")
                        .ok());
        assertTrue(kubectl("apply", "-f", manifest.toString()).ok().contains("deployment.apps/web unchanged"));

        kubectl(
                        "patch",
                        "deployment",
                        "web",
                        "-p",
                        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.27\"}]}}}}")
                .ok();
        assertEquals(
                "nginx:1.27 80",
                kubectl(
                                "get",
                                "deployment",
                                "web",
                                "-o",
                                "jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].ports[0].containerPort}")
                        .ok(),
                "a strategic merge patch merges containers by name");
        kubectl("patch", "deployment", "web", "--type=merge", "-p", "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}")
                .ok();
        kubectl(
                        "patch",
                        "deployment",
                        "web",
                        "--type=json",
                        "-p",
                        "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":4}]")
                .ok();
        kubectl("scale", "deployment", "web", "--replicas=5").ok();
        kubectl("label", "pod", "shell", "role=debug").ok();
        assertEquals(
                "5 front",
                kubectl("get", "deployment", "web", "-o", "jsonpath={.spec.replicas} {.metadata.labels.tier}")
                        .ok());
        assertEquals(
                "shell",
                kubectl("get", "pods", "-l", "role=debug", "-o", "jsonpath={.items[*].metadata.name}")
                        .ok());
        assertTrue(kubectl("get", "deployment", "web", "-o", "yaml")
                .ok()
                .contains("kubectl.kubernetes.io/last-applied-configuration"));

        String serverSide = kubectl(
                        "apply",
                        "--server-side",
                        "--field-manager=ops",
                        "-f",
                        MODULE.resolve("src/test/manifests/config.yaml").toString())
                .ok();
        assertTrue(serverSide.contains("configmap/settings serverside-applied"), serverSide);
        Path changed = home.resolve("config.yaml");
        Files.writeString(
                changed,
                Files.readString(MODULE.resolve("src/test/manifests/config.yaml"))
                        .replace("fast", "slow"));
        Result conflict = kubectl("apply", "--server-side", "--field-manager=other", "-f", changed.toString());
        assertTrue(conflict.exit != 0 && conflict.err.contains("conflict with \"ops\""), conflict.err);
        kubectl("apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", changed.toString())
                .ok();
        assertEquals(
                "slow",
                kubectl("get", "configmap", "settings", "-o", "jsonpath={.data.mode}")
                        .ok());

        assertTrue(kubectl("delete", "-f", manifest.toString()).ok().contains("deployment.apps \"web\" deleted"));
        Result gone = kubectl("get", "deployment", "web");
        assertTrue(gone.exit != 0 && gone.err.contains("deployments.apps \"web\" not found"), gone.err);
    }

    @Test
    void execLogsAndWhatTheServerDoesNotSpeak() throws Exception {
        assertEquals(
                "hello world\n",
                kubectl("exec", "shell", "--", "echo", "hello", "world").ok());
        Result exit3 = kubectl("exec", "shell", "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertEquals(3, exit3.exit);
        assertEquals("out\n", exit3.out);
        assertTrue(exit3.err.contains("err\n"), exit3.err);
        Result missing = kubectl("exec", "shell", "--", "nope");
        assertEquals(127, missing.exit);
        assertTrue(missing.err.contains("nope: command not found"), missing.err);
        assertEquals(
                "piped\n",
                kubectlRun("exec", "-i", "shell", "--", "cat")
                        .withInput("piped\n")
                        .ok());
        server.pod("default", "shell")
                .exec(List.of("date"), ExecHandler.reply("Mon Jan  1 00:00:00 UTC 2024\n", "", 0))
                .log("started\nready\n");
        assertEquals(
                "Mon Jan  1 00:00:00 UTC 2024\n",
                kubectl("exec", "shell", "--", "date").ok());
        assertEquals("started\nready\n", kubectl("logs", "shell").ok());
        assertEquals("ready\n", kubectl("logs", "shell", "--tail=1").ok());

        Result generator = kubectl("create", "configmap", "literal", "--from-literal=a=b");
        assertTrue(
                generator.exit != 0 && generator.err.contains("this test server speaks JSON and YAML"), generator.err);
    }

    // ---- running kubectl ----

    private record Result(int exit, String out, String err) {
        String ok() {
            assertEquals(0, exit, out + err);
            return out;
        }
    }

    private final class Run {
        private final List<String> command = new ArrayList<>();
        private String input;

        Run(String... args) {
            command.add(kubectl.toString());
            command.addAll(List.of(args));
        }

        Run withInput(String text) {
            input = text;
            return this;
        }

        String ok() throws Exception {
            return run().ok();
        }

        Result run() throws Exception {
            Process p = start(command, input);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl did not end: " + command);
            return result(p);
        }
    }

    private Result kubectl(String... args) throws Exception {
        return new Run(args).run();
    }

    private Run kubectlRun(String... args) {
        return new Run(args);
    }

    /** A watch, for two seconds in which {@code change} happens. */
    private Result watch(List<String> args, ThrowingRunnable change) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(kubectl.toString());
        command.addAll(args);
        Process p = start(command, null);
        Thread.sleep(1500);
        change.run();
        Thread.sleep(1000);
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
        Result r = result(p);
        return new Result(0, r.out, r.err);
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private Process start(List<String> command, String input) throws IOException {
        ProcessBuilder b = new ProcessBuilder(command).directory(MODULE.toFile());
        b.environment().putAll(environment);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        b.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = b.start();
        outputs.put(p, new Path[] {out, err});
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        return p;
    }

    private final Map<Process, Path[]> outputs = new HashMap<>();

    private Result result(Process p) throws IOException {
        Path[] files = outputs.remove(p);
        return new Result(p.exitValue(), Files.readString(files[0]), Files.readString(files[1]));
    }

    /** A command line split as a shell splits it (single and double quotes). */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean in = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                in = true;
            } else if (Character.isWhitespace(c)) {
                if (in) {
                    words.add(word.toString());
                    word.setLength(0);
                    in = false;
                }
            } else {
                word.append(c);
                in = true;
            }
        }
        if (in) {
            words.add(word.toString());
        }
        return words;
    }
}
