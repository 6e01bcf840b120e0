package dev.ccigen.generator.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.GenerationResult;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.SmallSpec;
import dev.ccigen.generator.link.LinkOptions;
import dev.ccigen.generator.link.PropertyModel;
import dev.ccigen.generator.link.TypeModel;
import dev.ccigen.generator.problem.GenerationException;
import dev.ccigen.generator.problem.Problem;
import dev.ccigen.generator.problem.Problems;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What published documents do that OpenAPI v2 does not allow, or allows in ways a strict reader trips on: each is read
 * as the README's mapping says, generates code that compiles, and is warned about at its place (an error under
 * {@code strict}) where ccigen had to choose.
 */
class PublishedDocumentsTest {
    /** One document with every construct of the mapping, as the wild writes them. */
    static final String WILD = """
            {"swagger": 2.0, "info": {"title": "wild", "version": "1"},
             "paths": {
              "/things": {
               "get": {"operationId": "class", "tags": ["a"],
                       "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Thing"}}}},
               "post": {"operationId": "class", "tags": ["b"],
                        "parameters": [{"name": "body", "in": "body", "schema": {"$ref": "#/definitions/Thing"}}],
                        "responses": {"default": {"description": "any", "schema": {"$ref": "#/definitions/Thing"}}}}},
              "/things/{id}": {
               "get": {"tags": ["a"], "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
                       "responses": {"200": {"description": "ok"}}}}},
             "definitions": {
              "io.k8s.apimachinery.pkg.util.intstr.IntOrString": {"type": "string", "format": "int-or-string"},
              "io.k8s.apimachinery.pkg.api.resource.Quantity": {"type": ["string", "integer", "number"]},
              "Base": {"type": "object", "properties": {"id": {"type": "string"}}},
              "Thing": {"type": "object", "allOf": [{"$ref": "#/definitions/Base"}], "properties": {
               "created": {"type": ["string", "null"], "format": "date-time"},
               "port": {"type": ["string", "number"]},
               "anything": {"type": ["string", "boolean"]},
               "size": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity"},
               "nullableName": {"type": "string", "x-nullable": true},
               "intOrString": {"x-kubernetes-int-or-string": true},
               "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
               "embedded": {"type": "object", "x-kubernetes-embedded-resource": true,
                            "x-kubernetes-preserve-unknown-fields": true},
               "keyed": {"type": "array", "items": {"$ref": "#/definitions/Base"},
                         "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["id"]},
               "openMap": {"type": "object", "additionalProperties": true},
               "emptyMap": {"type": "object", "additionalProperties": {}},
               "closed": {"type": "object", "additionalProperties": false},
               "level": {"type": "integer", "enum": [1, 2, 3]},
               "flag": {"type": "boolean", "enum": [true]},
               "mixed": {"type": "string", "enum": ["a", 1]},
               "ip": {"type": "string", "format": "ip-address"},
               "count": {"type": "integer", "format": "uint32", "default": "ten"},
               "tuple": {"type": "array", "items": [{"type": "string"}]},
               "legacy": {"$ref": "Base"},
               "dotted": {"$ref": "#/definitions/com.example.v1.Dotted"},
               "slashed": {"$ref": "#/definitions/a~1b"},
               "spaced": {"$ref": "#/definitions/My%20Type"},
               "generic": {"$ref": "#/definitions/Page[com.example.v1.Dotted]"},
               "springfox": {"$ref": "#/definitions/Page«Item»"},
               "inner": {"$ref": "#/definitions/Base/properties/id"}}},
              "com.example.v1.Dotted": {"type": "object", "properties": {"a": {"type": "string"}}},
              "a/b": {"type": "object", "properties": {"a": {"type": "string"}}},
              "My Type": {"type": "object", "properties": {"a": {"type": "string"}}},
              "Page[com.example.v1.Dotted]": {"type": "object", "properties": {
               "items": {"type": "array", "items": {"$ref": "#/definitions/com.example.v1.Dotted"}}}},
              "Page«Item»": {"type": "object", "properties": {"total": {"type": "integer"}}}}}
            """;

    static SmallSpec wild;
    static ClassLoader loader;

    @BeforeAll
    static void generate(@TempDir Path dir) throws Exception {
        wild = new SmallSpec(dir, WILD);
        wild.generate();
        loader = wild.compile();
    }

    /** The type of {@code Thing}'s property as the class declares it, without packages: {@code List<Base>}. */
    private static String fieldType(String property) throws Exception {
        return propertyType("Thing", property);
    }

    private static String propertyType(String className, String property) throws Exception {
        Class<?> owner = loader.loadClass("com.example.model." + className);
        Method getter = owner.getMethod("get" + Character.toUpperCase(property.charAt(0)) + property.substring(1));
        return getter.getGenericReturnType().getTypeName().replaceAll("[a-z0-9_.]+\\.(?=[A-Z])", "");
    }

    /** The warning at {@code pointer} of the document; fails when there is none. */
    private static Problem warningAt(String pointer) {
        return wild.result.warnings().stream()
                .filter(p -> pointer.equals(p.pointer()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no warning at " + pointer + ": " + wild.result.warnings()));
    }

    @Test
    void aTypeListWithNullIsTheNullableType() throws Exception {
        assertEquals("OffsetDateTime", fieldType("created"));
        assertTrue(
                warningAt("/definitions/Thing/properties/created/type")
                        .message()
                        .contains(
                                "OpenAPI v2 allows one type, not a list: [\"string\",\"null\"]; read as a string that may be null"));
    }

    @Test
    void aTypeListOfStringAndNumberIsIntOrStringWhereKubernetesIntOrStringIsDefined() throws Exception {
        assertEquals("IntOrString", fieldType("port"));
        assertEquals("JsonNode", fieldType("anything"));
        assertTrue(
                warningAt("/definitions/Thing/properties/port/type").message().contains("IntOrString"));
        warningAt("/definitions/Thing/properties/anything/type");
    }

    @Test
    void kubernetesQuantityWithATypeListIsQuantity() throws Exception {
        assertEquals("Quantity", fieldType("size"));
        warningAt("/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity/type");
    }

    @Test
    void kubernetesExtensionsMapWithoutWarnings() throws Exception {
        assertEquals("IntOrString", fieldType("intOrString"));
        assertEquals("JsonNode", fieldType("free"));
        assertEquals("JsonNode", fieldType("embedded"));
        assertEquals("List<Base>", fieldType("keyed"));
        assertEquals("String", fieldType("nullableName"));
        List<String> extensionWarnings = wild.result.warnings().stream()
                .map(Problem::message)
                .filter(m -> m.contains("x-"))
                .toList();
        assertEquals(List.of(), extensionWarnings);
    }

    @Test
    void listTypesAndNullabilityAreKeptForTemplates() throws Exception {
        TypeModel thing = new Generator()
                .model(config(wild.spec, wild.out, false), new Problems()).types().stream()
                        .filter(t -> t.className().equals("Thing"))
                        .findFirst()
                        .orElseThrow();
        Map<String, PropertyModel> byName = new java.util.HashMap<>();
        thing.properties().forEach(p -> byName.put(p.fieldName(), p));
        assertEquals(
                Map.of("x-kubernetes-list-type", "map", "x-kubernetes-list-map-keys", "[\"id\"]"),
                byName.get("keyed").extensions());
        assertEquals("true", byName.get("embedded").extensions().get("x-kubernetes-embedded-resource"));
        assertTrue(byName.get("nullableName").nullable());
        assertTrue(byName.get("created").nullable());
        assertFalse(byName.get("port").nullable());
    }

    @Test
    void templatesReachTheExtensions(@TempDir Path dir) throws Exception {
        SmallSpec s = new SmallSpec(dir, WILD)
                .template(
                        "perModel/Extensions.txt.mustache",
                        "{{#properties}}{{#extensions.x-kubernetes-list-type}}{{fieldName}}: {{.}} by"
                                + " {{extensions.x-kubernetes-list-map-keys}}{{/extensions.x-kubernetes-list-type}}{{/properties}}");
        s.generate();
        assertEquals(
                "keyed: map by [\"id\"]",
                s.read("com/example/model/ThingExtensions.txt").strip());
    }

    @Test
    void additionalPropertiesTrueEmptyAndFalse() throws Exception {
        assertEquals("Map<String, JsonNode>", fieldType("openMap"));
        assertEquals("Map<String, JsonNode>", fieldType("emptyMap"));
        assertEquals("JsonNode", fieldType("closed"));
    }

    @Test
    void allOfOneRefPlusLocalPropertiesIsOneClassWithBoth() throws Exception {
        Class<?> thing = loader.loadClass("com.example.model.Thing");
        assertEquals(String.class, thing.getMethod("getId").getReturnType());
        assertEquals(String.class, thing.getMethod("getNullableName").getReturnType());
    }

    @Test
    void enumsOfNumbersAndBooleansAreTheirTypeAndMixedEnumsAreWarnedAbout() throws Exception {
        assertEquals("Long", fieldType("level"));
        assertEquals("Boolean", fieldType("flag"));
        assertEquals("String", fieldType("mixed"));
        assertTrue(warningAt("/definitions/Thing/properties/mixed/enum/1")
                .message()
                .contains("enum value 1 is not of type string"));
        assertTrue(wild.result.warnings().stream()
                .noneMatch(p -> p.pointer() != null && p.pointer().contains("/level/")));
    }

    @Test
    void unknownFormatsAndDefaultsOfTheWrongTypeAreWarnedAbout() throws Exception {
        assertEquals("String", fieldType("ip"));
        assertEquals("Long", fieldType("count"));
        assertTrue(warningAt("/definitions/Thing/properties/ip/format")
                .message()
                .contains("unknown format \"ip-address\" for string; read as a plain string"));
        assertTrue(warningAt("/definitions/Thing/properties/count/default")
                .message()
                .contains("default \"ten\" is not of type integer; ignored"));
    }

    @Test
    void tupleItemsAndBareNameRefsAreReadAsTheirOldToolsMeantThem() throws Exception {
        assertEquals("List<String>", fieldType("tuple"));
        assertEquals("Base", fieldType("legacy"));
        assertEquals("String", fieldType("inner")); // a $ref into a definition is read in place
        warningAt("/definitions/Thing/properties/tuple/items");
        assertTrue(warningAt("/definitions/Thing/properties/legacy/$ref")
                .message()
                .contains("read as \"#/definitions/Base\""));
    }

    @Test
    void definitionNamesWithDotsSlashesSpacesAndBrackets() throws Exception {
        assertEquals("Dotted", fieldType("dotted"));
        assertTrue(Files.exists(wild.out.resolve("com/example/model/example/v1/Dotted.java")));
        assertEquals("AB", fieldType("slashed"));
        assertEquals("MyType", fieldType("spaced"));
        assertEquals("PageDotted", fieldType("generic"));
        assertEquals("PageItem", fieldType("springfox"));
        assertEquals("List<Dotted>", propertyType("PageDotted", "items"));
    }

    @Test
    void operationIdsMissingDuplicatedAcrossTagsOrKeywords() throws Exception {
        Class<?> a = loader.loadClass("com.example.api.AApi");
        Class<?> b = loader.loadClass("com.example.api.BApi");
        assertEquals("Thing", a.getMethod("class_").getReturnType().getSimpleName());
        assertEquals(void.class, a.getMethod("getThingsId", String.class).getReturnType());
        assertTrue(warningAt("/paths/~1things~1{id}/get")
                .message()
                .contains("no operationId; the method is named after the HTTP method and path"));
        assertTrue(warningAt("/paths/~1things/post/operationId")
                .message()
                .contains("operationId \"class\" is also the one of /paths/~1things/get"));
        assertTrue(java.util.Arrays.stream(b.getMethods())
                .anyMatch(m -> m.getName().equals("class_")));
    }

    @Test
    void anOperationWithOnlyADefaultResponseAnswersItsSchema() throws Exception {
        Class<?> b = loader.loadClass("com.example.api.BApi");
        Method post = java.util.Arrays.stream(b.getMethods())
                .filter(m -> m.getName().equals("class_"))
                .findFirst()
                .orElseThrow();
        assertEquals("Thing", post.getReturnType().getSimpleName());
        assertTrue(warningAt("/paths/~1things/post/responses").message().contains("only \"default\""));
    }

    @Test
    void strictMakesEachWarningAnError() {
        GenerationException e = assertThrows(
                GenerationException.class,
                () -> new Generator().generate(config(wild.spec, wild.dir.resolve("strict"), true)));
        List<String> errors = e.problems().stream()
                .filter(Problem::isError)
                .map(Problem::pointer)
                .toList();
        for (Problem warning : wild.result.warnings()) {
            assertTrue(errors.contains(warning.pointer()), () -> warning + " is no error under strict: " + errors);
        }
        assertTrue(
                e.getMessage().contains("#/definitions/Thing/properties/port/type: OpenAPI v2 allows one type"),
                e::getMessage);
        assertFalse(Files.exists(wild.dir.resolve("strict")), "nothing written");
    }

    @Test
    void aRefToAnotherFileIsReadOnceRelativeToTheReferringFileWithErrorsLocatedThere(@TempDir Path dir)
            throws Exception {
        Files.createDirectories(dir.resolve("common"));
        Files.writeString(dir.resolve("common/types.json"), """
                {"definitions": {
                  "Owner": {"type": "object", "properties": {"pet": {"$ref": "pets.json#/definitions/Pet"}}}}}
                """);
        Files.writeString(dir.resolve("common/pets.json"), """
                {"definitions": {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}}}
                """);
        SmallSpec good = new SmallSpec(dir, """
                {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {},
                 "definitions": {"Shop": {"type": "object", "properties": {
                   "owner": {"$ref": "common/types.json#/definitions/Owner"},
                   "again": {"$ref": "common/types.json#/definitions/Owner"}}}}}
                """);
        good.generate();
        ClassLoader classes = good.compile();
        Class<?> owner = classes.loadClass("com.example.model.Owner");
        assertEquals(
                owner,
                classes.loadClass("com.example.model.Shop")
                        .getMethod("getAgain")
                        .getReturnType());
        assertEquals("Pet", owner.getMethod("getPet").getReturnType().getSimpleName());

        Files.writeString(dir.resolve("common/pets.json"), """
                {"definitions": {"Pet": {"type": "object", "properties": {"name": {"type": "strng"}}}}}
                """);
        Files.writeString(
                good.spec,
                Files.readString(good.spec)
                        .replace(
                                "\"again\": {\"$ref\": \"common/types.json#/definitions/Owner\"}",
                                "\"again\": {\"$ref\": \"common/pets.json#/definitions/Pet\"}"));
        Problems problems = new Problems();
        new SpecReader().read(good.spec, problems);
        List<Problem> errors = problems.all().stream().filter(Problem::isError).toList();
        assertEquals(1, errors.size(), errors::toString); // read once, reported once
        assertEquals(
                dir.resolve("common/pets.json").toAbsolutePath().normalize(),
                errors.get(0).file());
        assertEquals("/definitions/Pet/properties/name/type", errors.get(0).pointer());
    }

    private static GeneratorConfig config(Path spec, Path out, boolean strict) {
        return new GeneratorConfig(
                spec,
                null,
                out,
                null,
                new LinkOptions("com.example", "ExampleClient", List.of(), List.of(), strict, Map.of()));
    }

    @Test
    void theWildDocumentGeneratesWithTheWarningsAboveOnly() {
        GenerationResult r = wild.result;
        assertEquals(
                12,
                r.warnings().size(),
                () -> String.join(
                        "\n", r.warnings().stream().map(Problem::toString).toList()));
    }
}
