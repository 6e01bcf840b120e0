package dev.ccigen.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.plugin.logging.Log;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The generated descriptor (what {@code mvn help:describe -Ddetail} shows) documents every parameter, and the text
 * {@code mvn ccigen:help -Ddetail} prints says what is true, placeholders such as {@code <Suffix>} included.
 */
class PluginDescriptorTest {
    private static final List<String> USER_PARAMETERS = List.of(
            "inputSpec",
            "discoveryDirectory",
            "crdDirectory",
            "basePackage",
            "clientName",
            "outputDirectory",
            "templateDirectory",
            "templateProperties",
            "includeGroups",
            "excludeGroups",
            "strict",
            "skip",
            "generateTestServer",
            "testOutputDirectory",
            "runtime");

    private static Element mojo(String goal) throws Exception {
        Path descriptor = Path.of("target/classes/META-INF/maven/plugin.xml");
        assertTrue(Files.isRegularFile(descriptor), "run through Maven: the descriptor is made in process-classes");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(descriptor.toFile());
        NodeList mojos = doc.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element m = (Element) mojos.item(i);
            if (text(m, "goal").equals(goal)) {
                return m;
            }
        }
        throw new AssertionError("no goal " + goal);
    }

    private static String text(Element e, String child) {
        NodeList l = e.getElementsByTagName(child);
        return l.getLength() == 0 ? "" : l.item(0).getTextContent().trim();
    }

    @Test
    void generateIsThreadSafeBoundToGenerateSourcesAndDocumented() throws Exception {
        Element generate = mojo("generate");
        assertEquals("generate-sources", text(generate, "phase"));
        // the project's dependency graph, not their files: is ccigen-runtime there, of the plugin's version?
        assertEquals("test", text(generate, "requiresDependencyCollection"));
        assertEquals("", text(generate, "requiresDependencyResolution"));
        assertEquals("true", text(generate, "threadSafe"));
        assertFalse(text(generate, "description").isEmpty());
        Map<String, String> descriptions = new HashMap<>();
        NodeList parameters =
                ((Element) generate.getElementsByTagName("parameters").item(0)).getElementsByTagName("parameter");
        for (int i = 0; i < parameters.getLength(); i++) {
            Element p = (Element) parameters.item(i);
            descriptions.put(text(p, "name"), text(p, "description"));
        }
        for (String name : USER_PARAMETERS) {
            assertTrue(descriptions.containsKey(name), name);
            assertTrue(descriptions.get(name).length() > 10, name + " has a description");
        }
        Element configuration =
                (Element) generate.getElementsByTagName("configuration").item(0);
        for (String name : USER_PARAMETERS) {
            if (!name.equals("templateProperties")) {
                String expression =
                        configuration.getElementsByTagName(name).item(0).getTextContent();
                assertTrue(expression.startsWith("${ccigen."), name + " has a ccigen.* user property: " + expression);
            }
        }
    }

    @Test
    void contextIsNotBound() throws Exception {
        Element context = mojo("context");
        assertEquals("", text(context, "phase"));
        assertEquals("true", text(context, "threadSafe"));
    }

    /** {@code mvn ccigen:fetch} runs on demand, and every parameter can be given on the command line. */
    @Test
    void fetchIsNotBoundAndEachParameterHasACcigenProperty() throws Exception {
        Element fetch = mojo("fetch");
        assertEquals("", text(fetch, "phase"));
        assertEquals("true", text(fetch, "threadSafe"));
        Element configuration =
                (Element) fetch.getElementsByTagName("configuration").item(0);
        NodeList parameters =
                ((Element) fetch.getElementsByTagName("parameters").item(0)).getElementsByTagName("parameter");
        int user = 0;
        for (int i = 0; i < parameters.getLength(); i++) {
            Element p = (Element) parameters.item(i);
            if (text(p, "editable").equals("false")) {
                continue;
            }
            user++;
            String name = text(p, "name");
            assertTrue(text(p, "description").length() > 10, name + " has a description");
            String expression = configuration.getElementsByTagName(name).item(0).getTextContent();
            assertTrue(expression.startsWith("${ccigen."), name + " has a ccigen.* user property: " + expression);
        }
        assertEquals(20, user);
    }

    @Test
    void helpGoalExists() throws Exception {
        Element help = mojo("help");
        assertEquals("", text(help, "phase"));
    }

    /** What {@code mvn ccigen:help -Ddetail} prints: the generated HelpMojo run on the generated plugin-help.xml. */
    static String helpText() throws Exception {
        Class<?> type = Class.forName("dev.ccigen.maven.HelpMojo");
        Object help = type.getConstructor().newInstance();
        set(help, "detail", true);
        set(help, "lineLength", 1000);
        set(help, "indentSize", 2);
        StringBuilder out = new StringBuilder();
        Log log = (Log) Proxy.newProxyInstance(
                Log.class.getClassLoader(), new Class<?>[] {Log.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("is")) {
                        return true;
                    }
                    if (args != null && args.length > 0 && args[0] instanceof CharSequence text) {
                        out.append(text).append('\n');
                    }
                    return null;
                });
        type.getMethod("setLog", Log.class).invoke(help, log);
        type.getMethod("execute").invoke(help);
        return out.toString();
    }

    private static void set(Object target, String field, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    @Test
    void helpTextSaysWhatIsTrue() throws Exception {
        String help = helpText();
        assertTrue(
                help.contains("ccigen:generate")
                        && help.contains("ccigen:context")
                        && help.contains("ccigen:help")
                        && help.contains("ccigen:fetch"),
                help);
        assertTrue(help.contains("{{templateProperties.vendor}}"), "templates see templateProperties:\n" + help);
        assertFalse(help.contains("{{properties."), help);
        for (String example : List.of(
                "perModel/Dto.java.mustache adds PodDto.java",
                "once/Version.java.mustache",
                "com.example.cci.model.*",
                "target/ccigen-context/cci/ for the execution cci")) {
            assertTrue(help.contains(example), example + " survives the Javadoc to text rendering:\n" + help);
        }
    }

    /**
     * {@code mvn help:describe} reads each description of plugin.xml (plain text since plugin-tools 3.7) as HTML: a
     * placeholder such as {@code <Suffix>} is a tag there and vanishes. So none of ours may hold one (the help goal's
     * own text is maven-plugin-plugin's).
     */
    @Test
    void noDescriptionHoldsWhatHelpDescribeWouldTakeForATag() throws Exception {
        for (String goal : List.of("generate", "context", "fetch")) {
            NodeList descriptions = mojo(goal).getElementsByTagName("description");
            assertTrue(descriptions.getLength() > 10, goal);
            for (int i = 0; i < descriptions.getLength(); i++) {
                String text = descriptions.item(i).getTextContent();
                assertFalse(text.matches("(?s).*<[A-Za-z/!].*"), "a tag to help:describe: " + text);
                assertFalse(text.matches("(?s).*&[A-Za-z#]\\w*;.*"), "an entity to help:describe: " + text);
            }
        }
    }

    @Test
    void basePackageIsCheckedByTheGoalsNotByMaven() throws Exception {
        // Maven's own check for a missing required parameter runs before ccigen:context could use the POM's executions.
        for (String goal : List.of("generate", "context")) {
            NodeList parameters =
                    ((Element) mojo(goal).getElementsByTagName("parameters").item(0)).getElementsByTagName("parameter");
            for (int i = 0; i < parameters.getLength(); i++) {
                Element p = (Element) parameters.item(i);
                if (text(p, "name").equals("basePackage")) {
                    assertEquals("false", text(p, "required"), goal);
                }
            }
        }
    }
}
