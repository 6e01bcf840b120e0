package dev.ccigen.generator.hostile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccigen.generator.SmallSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every name a document chooses (definitions, properties, tags, operation ids, parameters) drawn from the names the
 * generated code itself uses — its fields, locals, methods, runtime classes, Java keywords and Object's methods — and
 * the client must still compile. JavaParser (the mutation properties) cannot see these clashes; javac can. The seeds
 * are fixed, so a failure names the document that caused it and replays the same way.
 */
class NamesThatCompileTest {
    private static final List<String> NAMES = List.of(
            "transport",
            "request",
            "request$",
            "path",
            "path$",
            "calls",
            "body",
            "options",
            "name",
            "namespace",
            "value",
            "other",
            "o",
            "h",
            "s",
            "builder",
            "build",
            "close",
            "toString",
            "hashCode",
            "equals",
            "getClass",
            "wait",
            "notify",
            "clone",
            "finalize",
            "unknownFields",
            "getUnknownFields",
            "setUnknownField",
            "class",
            "default",
            "enum",
            "int",
            "new",
            "null",
            "true",
            "var",
            "record",
            "yield",
            "_",
            "$",
            "1st",
            "a-b",
            "a b",
            "Request",
            "Transport",
            "Json",
            "Kinds",
            "ErrorCodes",
            "Object",
            "String",
            "List",
            "Map",
            "Objects",
            "JsonNode",
            "Builder",
            "ApiResponse",
            "TypeReference",
            "IntOrString",
            "Quantity",
            "Values",
            "ClientBuilder",
            "ExampleClient",
            "apiVersion",
            "kind",
            "metadata",
            "items",
            "ümlaut",
            "日本",
            "toBuilder",
            "copy",
            "edit",
            "target",
            "item",
            "key",
            "addItem",
            "putItem",
            "unknownFieldsToWrite",
            "ModelObject",
            "ModelBuilder",
            "Consumer");
    private static final int DOCUMENTS = 12;

    @TempDir
    Path dir;

    @Test
    void documentsNamedLikeTheGeneratedCodeCompile() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (int seed = 1; seed <= DOCUMENTS; seed++) {
            Random random = new Random(seed);
            ObjectNode doc = json.createObjectNode().put("swagger", "2.0");
            doc.putObject("info").put("title", "T").put("version", "1");
            ObjectNode definitions = doc.putObject("definitions");
            for (int d = 0; d < 4; d++) {
                ObjectNode properties = definitions
                        .putObject(pick(random))
                        .put("type", "object")
                        .putObject("properties");
                for (int p = 0; p < 5; p++) {
                    ObjectNode property = properties.putObject(pick(random));
                    switch (random.nextInt(5)) { // lists, maps and model references get the builder's helpers too
                        case 0 -> property.put("type", "string");
                        case 1 -> property.put("type", "integer");
                        case 2 ->
                            property.put("type", "array").putObject("items").put("type", "string");
                        case 3 ->
                            property.put("type", "object")
                                    .putObject("additionalProperties")
                                    .put("type", "integer");
                        default ->
                            property.put(
                                    "$ref",
                                    "#/definitions/" + definitions.fieldNames().next());
                    }
                }
            }
            String someDefinition = definitions.fieldNames().next();
            ObjectNode paths = doc.putObject("paths");
            for (int o = 0; o < 4; o++) {
                ObjectNode op = paths.putObject("/p" + o + "/{" + "id" + "}").putObject(o % 2 == 0 ? "get" : "post");
                op.put("operationId", pick(random)).putArray("tags").add(pick(random));
                ArrayNode parameters = op.putArray("parameters");
                parameters
                        .addObject()
                        .put("name", "id")
                        .put("in", "path")
                        .put("required", true)
                        .put("type", "string");
                for (int p = 0; p < 4; p++) {
                    String in = List.of("query", "header", "query", "formData").get(p);
                    parameters
                            .addObject()
                            .put("name", pick(random))
                            .put("in", in)
                            .put("type", "string");
                }
                if (o % 2 == 1) {
                    parameters
                            .addObject()
                            .put("name", pick(random))
                            .put("in", "body")
                            .putObject("schema")
                            .put("$ref", "#/definitions/" + someDefinition);
                    op.putArray("consumes")
                            .add("application/json"); // the body decides; the form fields above are dropped
                    parameters.remove(4);
                }
                op.putObject("responses")
                        .putObject("200")
                        .put("description", "ok")
                        .putObject("schema")
                        .put("$ref", "#/definitions/" + someDefinition);
            }
            Path at = java.nio.file.Files.createDirectories(dir.resolve("doc" + seed));
            SmallSpec s =
                    new SmallSpec(at, json.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            try {
                s.generate();
                s.compile();
            } catch (Throwable e) {
                throw new AssertionError(
                        "seed " + seed + ", document:\n"
                                + json.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n" + e.getMessage(),
                        e);
            }
        }
    }

    private static String pick(Random random) {
        return NAMES.get(random.nextInt(NAMES.size()));
    }
}
