package dev.ccigen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README shows real things: its consumer POM is the invoker project src/it/readme's, and its client examples are
 * the code the tests named beside them run. Each is the text between {@code readme:<name>:begin} and {@code readme:<name>:end}
 * markers (a marked region may be interrupted: the parts are joined), with the common indentation removed.
 */
class ReadmeTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();

    static String readme() throws IOException {
        String property = System.getProperty("ccigen.readme");
        Path readme = property != null && Files.isRegularFile(Path.of(property))
                ? Path.of(property)
                : MODULE.resolveSibling("README.md");
        return Files.readString(readme, StandardCharsets.UTF_8);
    }

    /** The marked lines of {@code file}, dedented. */
    static String marked(Path file, String name) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.contains("readme:" + name + ":begin")) {
                in = true;
            } else if (line.contains("readme:" + name + ":end")) {
                in = false;
            } else if (in) {
                lines.add(line);
            }
        }
        int indent = lines.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            b.append(line.length() >= indent ? line.substring(indent) : line.strip())
                    .append('\n');
        }
        return b.toString();
    }

    @Test
    void ciRunsTheReadmesTestCommand() throws IOException {
        String commands = readme().split("```sh\n", 2)[1].split("```", 2)[0];
        String[] lines = commands.strip().split("\n");
        assertEquals(2, lines.length, "the README starts with two commands: build and generate, then test");
        String test = lines[1].split("#", 2)[0].strip();
        List<String> ci = Files.readAllLines(MODULE.resolveSibling(".ci").resolve("run"), StandardCharsets.UTF_8);
        assertEquals(test, ci.get(ci.size() - 1).strip(), ".ci/run runs exactly the README's test command");
    }

    /**
     * "Use it in your build" shows one complete consumer POM a user copies as it is: the invoker project src/it/readme
     * builds exactly that file. This module generates the same two clients (its behaviour tests use them), reading
     * the documents from this repository's specs/ instead of src/main/ccigen/.
     */
    @Test
    void consumerPomIsTheReadmeProjectsAndThisModuleGeneratesTheSame() throws IOException {
        Path pom = MODULE.resolve("src/it/readme/pom.xml");
        String text = Files.readString(pom, StandardCharsets.UTF_8);
        assertTrue(readme().contains("```xml\n" + text + "```"), "README.md must contain, verbatim, " + pom);
        assertFalse(text.contains("@"), "nothing for the invoker to fill in: a user copies it as it is");
        String plugin = marked(pom, "plugin");
        String version = System.getProperty("ccigen.version");
        assertTrue(version != null && !version.isBlank(), "run through Maven: it passes ccigen.version");
        assertTrue(text.contains("<ccigen.version>" + version + "</ccigen.version>"), "this build's version");
        assertEquals(
                plugin.replace("src/main/ccigen/", "${ccigen.specs}/").replace("${ccigen.version}", version),
                marked(MODULE.resolve("pom.xml"), "plugin"),
                "it-tests/pom.xml generates what the README's POM does");
    }

    /**
     * "Generate from your own service" shows what the invoker project src/it/fetch runs: its plugin block, the
     * settings.xml server of src/it/settings.xml, and its commands (each {@code mvn …} line is one of its builds).
     */
    @Test
    void fetchSectionIsWhatTheFetchProjectRuns() throws IOException {
        Path project = MODULE.resolve("src/it/fetch");
        String readme = readme();
        String section = readme.substring(readme.indexOf("## Generate from your own service"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        String xml = marked(project.resolve("pom.xml"), "fetch");
        assertTrue(
                section.contains(xml),
                "README.md must contain, verbatim, src/it/fetch/pom.xml's plugin block:\n" + xml);
        assertTrue(xml.contains("<version>" + System.getProperty("ccigen.version") + "</version>"), xml);
        String server = marked(MODULE.resolve("src/it/settings.xml"), "fetch-server");
        assertTrue(
                section.contains(server), "README.md must contain, verbatim, src/it/settings.xml's server:\n" + server);
        List<String> builds = new ArrayList<>();
        for (String line : Files.readAllLines(project.resolve("invoker.properties"))) {
            if (line.startsWith("invoker.goals.")) {
                builds.add(line.substring(line.indexOf('=') + 1).trim());
            }
        }
        int commands = 0;
        for (String line : section.split("\n")) {
            if (line.startsWith("mvn ")) {
                String goals = line.replaceFirst("\\s*#.*", "").substring(4).trim();
                assertTrue(builds.contains(goals), "README's `" + line + "` is no build of src/it/fetch: " + builds);
                commands++;
            }
        }
        assertEquals(3, commands, section);
    }

    /** The invoker project src/it/test-server runs the client, the runtime and the test server on that Jackson. */
    @Test
    void readmeNamesTheOldestJacksonATestedProjectRunsOn() throws IOException {
        String minimum = System.getProperty("jackson.minimum.version");
        assertTrue(minimum != null && minimum.matches("2\\.\\d+\\.\\d+"), "run through Maven: " + minimum);
        String majorMinor = minimum.substring(0, minimum.lastIndexOf('.'));
        assertTrue(
                readme().contains("Jackson " + majorMinor + " or newer"),
                "README.md must say: Jackson " + majorMinor + " or newer");
        assertTrue(Files.readString(MODULE.resolve("src/it/test-server/pom.xml"))
                .contains("<version>@jackson.minimum.version@</version>"));
    }

    /**
     * "Custom resources" shows the execution of this module's POM that adds Volcano's CRDs to the CCI client (reading
     * from src/main/ccigen/, as a project keeps its files), and the code CustomResourcesExampleTest runs.
     */
    @Test
    void customResourcesSectionIsWhatThisModuleBuildsAndRuns() throws IOException {
        String readme = readme();
        String section = readme.substring(readme.indexOf("## Custom resources"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        String execution = marked(MODULE.resolve("pom.xml"), "crds");
        assertTrue(execution.contains("<crdDirectory>"), execution);
        assertTrue(
                section.contains("```xml\n" + execution.replace("${ccigen.specs}/", "src/main/ccigen/") + "```"),
                "README.md's Custom resources must contain, verbatim, it-tests/pom.xml's execution:\n" + execution);
        String code =
                marked(MODULE.resolve("src/test/java/dev/ccigen/it/CustomResourcesExampleTest.java"), "crds-example");
        assertFalse(code.isBlank());
        assertTrue(
                section.contains("```java\n" + code + "```"),
                "README.md must contain, verbatim, CustomResourcesExampleTest's code:\n" + code);
    }

    /**
     * The generated API as the README shows it (the ccigen column of "Coming from fabric8 or the official client", the
     * example of "The generated API", the callback watch of "Watches and informers") is what ComingFromTest runs, each
     * in its section.
     */
    @Test
    void theGeneratedApiIsTheCodeComingFromTestRuns() throws IOException {
        String readme = readme();
        for (String[] example : new String[][] {
            {"coming-from", "## Coming from fabric8 or the official client"},
            {"api", "### The generated API, and why it looks the way it does"},
            {"watcher", "### Watches and informers"}
        }) {
            String code = marked(MODULE.resolve("src/test/java/dev/ccigen/it/ComingFromTest.java"), example[0]);
            assertFalse(code.isBlank(), example[0]);
            String section = readme.substring(readme.indexOf(example[1]));
            section = section.substring(0, section.indexOf("\n#", 1));
            assertTrue(
                    section.contains("```java\n" + code + "```"),
                    "README.md's " + example[1] + " must contain, verbatim, ComingFromTest's " + example[0] + ":\n"
                            + code);
        }
    }

    @Test
    void informerIsTheCodeInformerExampleTestRuns() throws IOException {
        String code = marked(MODULE.resolve("src/test/java/dev/ccigen/it/InformerExampleTest.java"), "informer");
        assertFalse(code.isBlank());
        assertTrue(readme().contains(code), "README.md must contain, verbatim, InformerExampleTest's code:\n" + code);
    }

    @Test
    void controllerInformersAreTheCodeInformerControllerExampleTestRuns() throws IOException {
        String code = marked(
                MODULE.resolve("src/test/java/dev/ccigen/it/InformerControllerExampleTest.java"),
                "informer-controller");
        assertFalse(code.isBlank());
        String readme = readme();
        assertTrue(
                readme.contains(code),
                "README.md must contain, verbatim, InformerControllerExampleTest's code:\n" + code);
        String section = readme.substring(readme.indexOf("### Watches and informers"));
        assertTrue(section.indexOf(code) < section.indexOf("\n## ", 1), "in the section Watches and informers");
    }

    @Test
    void clientExamplesAreTheOnesReadmeExampleTestRuns() throws IOException {
        for (String example : List.of("example", "iam")) {
            String code = marked(MODULE.resolve("src/test/java/dev/ccigen/it/ReadmeExampleTest.java"), example);
            assertFalse(code.isBlank(), example);
            assertTrue(
                    readme().contains(code),
                    "README.md must contain, verbatim, ReadmeExampleTest's " + example + " example:\n" + code);
        }
    }

    @Test
    void execExampleIsTheOneExecTestRuns() throws IOException {
        String code = marked(MODULE.resolve("src/test/java/dev/ccigen/it/ExecTest.java"), "exec");
        assertFalse(code.isBlank());
        assertTrue(readme().contains(code), "README.md must contain, verbatim, ExecTest's exec example:\n" + code);
    }

    @Test
    void hooksExampleIsTheOneHooksExampleTestRuns() throws IOException {
        String code = marked(MODULE.resolve("src/test/java/dev/ccigen/it/HooksExampleTest.java"), "hooks");
        assertFalse(code.isBlank());
        String readme = readme();
        assertTrue(readme.contains(code), "README.md must contain, verbatim, HooksExampleTest's example:\n" + code);
        String section = readme.substring(readme.indexOf("### Hooks: headers, logging and metrics"));
        assertTrue(
                readme.indexOf("### Exec, attach, port-forward")
                                < readme.indexOf("### Hooks: headers, logging and metrics")
                        && section.indexOf(code) < section.indexOf("\n### ", 1),
                "the example is in the section Hooks, after Exec, attach, port-forward");
    }
}
