package dev.ccigen.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode object(String name, String namespace, String labelsJson) throws Exception {
        return JSON.readTree("{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + namespace + "\",\"labels\":"
                + labelsJson + "}}");
    }

    private static boolean selects(String labels, String fields, JsonNode o) {
        return Selector.parse(labels, fields).test(o);
    }

    @Test
    void labelOperators() throws Exception {
        JsonNode o = object("a", "ns", "{\"app\":\"web\",\"tier\":\"front\"}");
        assertTrue(selects("app=web", null, o));
        assertTrue(selects("app==web", null, o));
        assertFalse(selects("app!=web", null, o));
        assertTrue(selects("app!=db", null, o));
        assertTrue(selects("tier in (front, back)", null, o));
        assertFalse(selects("tier notin (front,back)", null, o));
        assertTrue(
                selects("missing notin (x)", null, o), "notin selects objects without the label, as Kubernetes does");
        assertFalse(selects("missing in (x)", null, o));
        assertTrue(selects("app", null, o));
        assertTrue(selects("!missing", null, o));
        assertFalse(selects("!app", null, o));
        assertTrue(selects("app=web,tier in (front),!missing", null, o));
        assertFalse(selects("app=web,tier=back", null, o));
        assertTrue(selects("", "", o), "an empty selector selects all");
        assertTrue(selects("app!=web", null, object("b", "ns", "{}")), "!= selects objects without the label");
    }

    @Test
    void fieldSelectorsOnNameAndNamespace() throws Exception {
        JsonNode o = object("a", "ns", "{}");
        assertTrue(selects(null, "metadata.name=a", o));
        assertTrue(selects(null, "metadata.name==a,metadata.namespace=ns", o));
        assertFalse(selects(null, "metadata.name!=a", o));
        assertFalse(selects(null, "metadata.namespace=other", o));
    }

    @Test
    void badSelectorsAreRefusedNamingThePart() {
        for (List<String> bad : List.of(
                List.of("app in front", ""),
                List.of("a,,b", ""),
                List.of("", "spec.nodeName=x"),
                List.of("", "metadata.name"),
                List.of("=x", ""))) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> Selector.parse(bad.get(0), bad.get(1)), bad.toString());
            assertFalse(e.getMessage().isBlank());
        }
        assertEquals(
                "field label not supported: spec.nodeName (this server selects by metadata.name and metadata.namespace)",
                assertThrows(IllegalArgumentException.class, () -> Selector.parse(null, "spec.nodeName=x"))
                        .getMessage());
    }
}
