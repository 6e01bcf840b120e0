package dev.ccigen.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The generated descriptor (what {@code mvn help:describe -Ddetail} shows) documents every parameter. */
class PluginDescriptorTest {
    private static final List<String> USER_PARAMETERS = List.of("inputSpec", "discoveryDirectory", "basePackage",
            "clientName", "outputDirectory", "templateDirectory", "templateProperties", "includeGroups", "excludeGroups",
            "strict", "skip");

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
        assertEquals("true", text(generate, "threadSafe"));
        assertFalse(text(generate, "description").isEmpty());
        Map<String, String> descriptions = new HashMap<>();
        NodeList parameters = ((Element) generate.getElementsByTagName("parameters").item(0)).getElementsByTagName("parameter");
        for (int i = 0; i < parameters.getLength(); i++) {
            Element p = (Element) parameters.item(i);
            descriptions.put(text(p, "name"), text(p, "description"));
        }
        for (String name : USER_PARAMETERS) {
            assertTrue(descriptions.containsKey(name), name);
            assertTrue(descriptions.get(name).length() > 10, name + " has a description");
        }
        Element configuration = (Element) generate.getElementsByTagName("configuration").item(0);
        for (String name : USER_PARAMETERS) {
            if (!name.equals("templateProperties")) {
                String expression = configuration.getElementsByTagName(name).item(0).getTextContent();
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
}
