package dev.ccigen.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PatchesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static JsonNode apply(String type, String target, String patch) throws Exception {
        return Patches.apply(type, json(target), json(patch));
    }

    /** RFC 7386's own examples. */
    @Test
    void mergePatchAsRfc7386() throws Exception {
        assertEquals(
                json("{'a':'z','c':{'d':'e'}}"),
                apply(Patches.MERGE_PATCH, "{'a':'b','c':{'d':'e','f':'g'}}", "{'a':'z','c':{'f':null}}"));
        assertEquals(json("{'a':['c']}"), apply(Patches.MERGE_PATCH, "{'a':['b']}", "{'a':['c']}"));
        assertEquals(json("{'a':{'bb':{}}}"), apply(Patches.MERGE_PATCH, "{}", "{'a':{'bb':{'ccc':null}}}"));
        assertEquals(json("['c']"), apply(Patches.MERGE_PATCH, "{'a':'b'}", "['c']"));
    }

    @Test
    void strategicMergePatchIsAppliedAsAMergePatch() throws Exception {
        assertEquals(
                json("{'spec':{'containers':[{'name':'b'}]}}"),
                apply(
                        "application/strategic-merge-patch+json; charset=utf-8",
                        "{'spec':{'containers':[{'name':'a'}]}}",
                        "{'spec':{'containers':[{'name':'b'}]}}"),
                "lists are replaced, not merged by key");
    }

    @Test
    void jsonPatchOperations() throws Exception {
        String doc = "{'metadata':{'labels':{'a':'1','x/y':'2'}},'list':[1,2,3]}";
        assertEquals(
                json("{'metadata':{'labels':{'a':'1','x/y':'2','b':'3'}},'list':[1,2,3]}"),
                apply(Patches.JSON_PATCH, doc, "[{'op':'add','path':'/metadata/labels/b','value':'3'}]"));
        assertEquals(
                json("{'metadata':{'labels':{'a':'1'}},'list':[0,1,2,3,4]}"),
                apply(
                        Patches.JSON_PATCH,
                        doc,
                        "[{'op':'remove','path':'/metadata/labels/x~1y'},{'op':'add','path':'/list/0','value':0},"
                                + "{'op':'add','path':'/list/-','value':4}]"));
        assertEquals(
                json("{'metadata':{'labels':{'x/y':'2','b':'1'}},'list':[1,3]}"),
                apply(
                        Patches.JSON_PATCH,
                        doc,
                        "[{'op':'move','from':'/metadata/labels/a','path':'/metadata/labels/b'},{'op':'remove','path':'/list/1'}]"));
        assertEquals(
                json("{'metadata':{'labels':{'a':'9','x/y':'2'}},'list':[1,2,3],'copy':[1,2,3]}"),
                apply(
                        Patches.JSON_PATCH,
                        doc,
                        "[{'op':'test','path':'/list/0','value':1},{'op':'replace','path':'/metadata/labels/a','value':'9'},"
                                + "{'op':'copy','from':'/list','path':'/copy'}]"));
    }

    @Test
    void aPatchThatDoesNotApplySaysWhere() {
        String doc = "{'a':{'b':1},'list':[1]}";
        for (String patch : new String[] {
            "[{'op':'test','path':'/a/b','value':2}]",
            "[{'op':'remove','path':'/nope'}]",
            "[{'op':'replace','path':'/a/c','value':1}]",
            "[{'op':'add','path':'/list/5','value':1}]",
            "[{'op':'add','path':'/x/y','value':1}]",
            "[{'op':'frobnicate','path':'/a'}]",
            "[{'op':'add','path':'/a'}]",
            "{'op':'add'}"
        }) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> apply(Patches.JSON_PATCH, doc, patch), patch);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), patch);
        }
        assertThrows(IllegalArgumentException.class, () -> apply("application/json", doc, "{}"));
    }

    @Test
    void theTargetIsNotChanged() throws Exception {
        JsonNode target = json("{'a':{'b':1}}");
        Patches.apply(Patches.MERGE_PATCH, target, json("{'a':{'b':2}}"));
        Patches.apply(Patches.JSON_PATCH, target, json("[{'op':'remove','path':'/a/b'}]"));
        assertEquals(json("{'a':{'b':1}}"), target);
    }
}
