package dev.ccigen.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccigen.generator.SmallSpec;
import dev.ccigen.generator.problem.GenerationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User templates: per-file and per-block overrides, extra files, and a broken template's error. */
class TemplatesTest {
    static final String SPEC = """
            {"swagger": "2.0", "info": {"title": "Shop", "version": "1"},
             "definitions": {
               "Order": {"type": "object", "description": "An order. Watch out: */ @param <b>bold</b> & \\\\u000a {{x}}",
                 "required": ["id"],
                 "properties": {
                   "id": {"type": "string"},
                   "state": {"type": "string", "enum": ["Open", "Closed", "OPEN"]},
                   "class": {"type": "integer", "format": "int32"},
                   "default": {"type": "boolean"},
                   "lines": {"type": "array", "items": {"type": "object", "properties": {"sku": {"type": "string"}}}}}}},
             "paths": {"/orders/{id}": {"get": {"operationId": "getOrder", "tags": ["orders"],
               "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
               "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Order"}}}}}}}
            """;

    @TempDir
    Path dir;

    @Test
    void defaultsCompileAndEscapeWhatTheSpecSays() throws Exception {
        SmallSpec s = new SmallSpec(dir, SPEC);
        s.generate();
        String order = s.read("com/example/model/Order.java");
        assertTrue(
                order.contains("Watch out: *&#47; &#64;param &lt;b&gt;bold&lt;/b&gt; &amp; &#92;u000a {{x}}"), order);
        assertFalse(order.contains("&lt;b&gt;bold") && order.contains("*/ @param"), "no raw comment end");
        ClassLoader loader = s.compile();
        Class<?> type = loader.loadClass("com.example.model.Order");
        ObjectMapper mapper = dev.ccigen.runtime.Json.mapper();

        // enum values that differ only in case get distinct constants; unknown values survive
        Object o = mapper.readValue("{\"id\": \"1\", \"state\": \"Pending\", \"class\": 3, \"default\": true}", type);
        assertNull(type.getMethod("getState").invoke(o), "not a known value");
        assertEquals("Pending", type.getMethod("getStateValue").invoke(o));
        assertEquals("{\"class\":3,\"default\":true,\"id\":\"1\",\"state\":\"Pending\"}", mapper.writeValueAsString(o));
        Class<?> state = loader.loadClass("com.example.model.Order$State");
        assertEquals("[OPEN, CLOSED, OPEN2]", java.util.Arrays.toString(state.getEnumConstants()));
        assertEquals(
                3, type.getMethod("getClass2").invoke(o), "getClass is Object's: the property's getter is renamed");
        // an inline object becomes a class named after its owner and property
        loader.loadClass("com.example.model.OrderLines");
    }

    @Test
    void aUserTemplateReplacesOneFileAndTheRestFallBack() throws Exception {
        SmallSpec s = new SmallSpec(dir, SPEC)
                .inline()
                .template(
                        "runtime/Values.java.mustache",
                        "package {{runtimePackage}};\n/** Ours. */\npublic final class Values {\n"
                                + "    public static boolean deepEquals(Object a, Object b) { return java.util.Objects.deepEquals(a, b); }\n"
                                + "    public static int deepHashCode(Object o) { return 0; }\n"
                                + "    public static String toString(Object o) { return String.valueOf(o); }\n}\n");
        s.generate();
        assertTrue(s.read("com/example/runtime/Values.java").contains("/** Ours. */"));
        assertTrue(s.read("com/example/runtime/Json.java").contains("class Json"), "defaults for the rest");
        s.compile();
    }

    @Test
    void aBlockCanBeReplacedWithoutCopyingTheTemplate() throws Exception {
        SmallSpec s = new SmallSpec(dir, SPEC).template("model.java.mustache", """
                {{<model-base.java}}
                {{$toString}}
                    @Override
                    public String toString() {
                        return "{{className}} by {{templateProperties.vendor}}";
                    }
                {{/toString}}
                {{/model-base.java}}
                """);
        s.generate();
        String order = s.read("com/example/model/Order.java");
        assertTrue(order.contains("return \"Order by Example & Co\";"), order);
        assertTrue(order.contains("public boolean equals(Object o)"), "the other blocks stay");
        s.compile();
    }

    @Test
    void aUserCanAddAFilePerModel() throws Exception {
        SmallSpec s = new SmallSpec(dir, SPEC).template("perModel/Fields.java.mustache", """
                package {{packageName}};

                /** The wire names of {@link {{className}}}. */
                public final class {{className}}Fields {
                {{#properties}}
                    public static final String {{fieldName}} = "{{jsonName}}";
                {{/properties}}
                }
                """);
        s.generate();
        assertTrue(s.read("com/example/model/OrderFields.java")
                .contains("public static final String class_ = \"class\";"));
        s.compile();
    }

    @Test
    void aBrokenTemplateNamesItselfAndTheLineAndWritesNothing() throws Exception {
        SmallSpec s = new SmallSpec(dir, SPEC);
        s.generate();
        byte[] before = Files.readAllBytes(s.out.resolve("com/example/model/Order.java"));
        s.template("model.java.mustache", """
                {{<model-base.java}}
                {{$toString}}
                    public String toString() {
                        return "{{className}}"
                    }
                {{/toString}}
                {{/model-base.java}}
                """);
        GenerationException e = assertThrows(GenerationException.class, s::generate);
        assertTrue(e.getMessage().contains("model.java.mustache"), e.getMessage());
        assertTrue(
                e.getMessage().contains("rendered invalid Java in 2 files, same error at model.java.mustache line 4: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("first in com/example/model/Order.java at line"), e.getMessage());
        assertTrue(e.getMessage().contains("the line: return \"Order\""), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
        assertEquals(
                new String(before),
                Files.readString(s.out.resolve("com/example/model/Order.java")),
                "previous output untouched");
    }

    @Test
    void aBrokenTemplateLineIsReportedOnceForAllTheFilesItBreaks() throws Exception {
        StringBuilder definitions = new StringBuilder();
        for (int i = 0; i < 231; i++) {
            definitions
                    .append(i == 0 ? "" : ", ")
                    .append("\"Thing")
                    .append(i)
                    .append("\": {\"type\": \"object\", ")
                    .append("\"properties\": {\"a\": {\"type\": \"string\"}}}");
        }
        SmallSpec s = new SmallSpec(
                dir,
                "{\"swagger\": \"2.0\", \"info\": {\"title\": \"T\", \"version\": \"1\"}, " + "\"definitions\": {"
                        + definitions + "}}");
        s.template("model.java.mustache", """
                {{<model-base.java}}
                {{$extraMembers}}

                    public int broken() { return 1 + ; }
                {{/extraMembers}}
                {{/model-base.java}}
                """);
        GenerationException e = assertThrows(GenerationException.class, s::generate);
        String message = e.getMessage();
        assertTrue(
                message.contains("template model.java.mustache rendered invalid Java in 231 files, same error at "
                        + "model.java.mustache line 4: "),
                message);
        assertTrue(message.contains("the line: public int broken() { return 1 + ; }"), message);
        assertTrue(message.contains("first in com/example/model/Thing0.java at line"), message);
        assertTrue(message.lines().count() < 12, message);
        assertFalse(message.contains("showing the first"), message);
    }

    @Test
    void aTemplateThatDoesNotParseAsMustacheIsNamed() throws Exception {
        SmallSpec s = new SmallSpec(dir, SPEC).template("client.java.mustache", "{{#groupVersions}}unclosed");
        GenerationException e = assertThrows(GenerationException.class, s::generate);
        assertTrue(e.getMessage().startsWith("template client.java.mustache does not compile"), e.getMessage());
    }

    @Test
    void aTemplateThatIncludesItselfForEverIsNamedAndLeavesNoStagingBehind() throws Exception {
        SmallSpec s = new SmallSpec(dir, SPEC);
        s.generate();
        s.template("model.java.mustache", "{{#properties}}{{>model.java}}{{/properties}}{{>model.java}}");
        GenerationException e = assertThrows(GenerationException.class, s::generate);
        assertTrue(e.getMessage().contains("model.java.mustache"), e.getMessage());
        try (var siblings = Files.list(s.out.getParent())) {
            assertFalse(
                    siblings.anyMatch(p -> p.getFileName().toString().contains("ccigen-staging")),
                    "no staging folder left");
        }
        assertTrue(Files.isRegularFile(s.out.resolve("com/example/model/Order.java")), "previous output untouched");
    }

    @Test
    void theLambdasEscapeForJava() throws Exception {
        SmallSpec s = new SmallSpec(dir, SPEC).template("once/Notes.java.mustache", """
                package {{basePackage}};

                /**
                 * {{#escapeJavadoc}}Made for {{title}} */ <ok> @since{{/escapeJavadoc}}
                 */
                public final class Notes {
                    public static final String TITLE = "{{#escapeJavaString}}"{{title}}" \\ {{templateProperties.vendor}}{{/escapeJavaString}}";
                }
                """);
        s.generate();
        String notes = s.read("com/example/Notes.java");
        assertTrue(notes.contains("Made for Shop *&#47; &lt;ok&gt; &#64;since"), notes);
        assertTrue(notes.contains("TITLE = \"\\\"Shop\\\" \\\\ Example & Co\";"), notes);
        s.compile();
    }
}
