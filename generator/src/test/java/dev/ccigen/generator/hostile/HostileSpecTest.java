package dev.ccigen.generator.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.GenerationResult;
import dev.ccigen.generator.Generator;
import dev.ccigen.generator.GeneratorConfig;
import dev.ccigen.generator.SmallSpec;
import dev.ccigen.generator.link.LinkOptions;
import dev.ccigen.generator.problem.GenerationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Broken and hostile documents: each either generates code that compiles (and means what the spec says) or
 * fails with a clear error naming the place — never a stack trace, a hang, an out-of-memory error, a file
 * outside the output folder or a half-written output folder.
 */
@Execution(ExecutionMode.CONCURRENT) // on the second core, beside the other classes
class HostileSpecTest {
    @TempDir
    Path dir;

    private static String doc(String definitions) {
        return "{\"swagger\": \"2.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"definitions\": {"
                + definitions + "}}";
    }

    private GenerationException fails(String text, String file) throws Exception {
        Path spec = dir.resolve(file);
        Files.writeString(spec, text);
        Path out = dir.resolve("out");
        GenerationException e = assertThrows(
                GenerationException.class,
                () -> new Generator()
                        .generate(new GeneratorConfig(spec, null, out, null, LinkOptions.defaults("com.example"))));
        assertFalse(Files.exists(out), "nothing written");
        return e;
    }

    @Test
    void truncatedJson() throws Exception {
        GenerationException e =
                fails(doc("\"A\": {\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"str"), "cut.json");
        assertTrue(e.getMessage().contains("cut.json:1:"), e.getMessage());
        assertTrue(e.getMessage().contains("end-of-input"), e.getMessage());
    }

    @Test
    void yamlWithTabs() throws Exception {
        GenerationException e = fails("swagger: '2.0'\ndefinitions:\n  A:\n\ttype: object\n", "tabs.yaml");
        assertTrue(e.getMessage().contains("tabs.yaml:4:1: malformed YAML"), e.getMessage());
    }

    @Test
    void refToNothing() throws Exception {
        GenerationException e = fails(
                doc("\"A\": {\"type\": \"object\", \"properties\": {\"b\": {\"$ref\": \"#/definitions/Nothing\"}}}"),
                "ref.json");
        assertTrue(e.getMessage().contains("ref.json#/definitions/A/properties/b/$ref: dangling $ref"), e.getMessage());
    }

    @Test
    void refLoopOfPureAliases() throws Exception {
        GenerationException e = fails(
                doc("\"A\": {\"$ref\": \"#/definitions/B\"}, \"B\": {\"$ref\": \"#/definitions/A\"}"), "loop.json");
        assertTrue(e.getMessage().contains("$ref loop with no schema in it: A → B → A"), e.getMessage());
    }

    @Test
    void refOutsideTheDocumentsFolder() throws Exception {
        GenerationException e = fails(doc("\"A\": {\"$ref\": \"../../etc/passwd\"}"), "evil.json");
        assertTrue(e.getMessage().contains("leaves the document's folder"), e.getMessage());
    }

    @Test
    void listingsThatContradictTheDocument() throws Exception {
        Path listings = dir.resolve("listings");
        Files.createDirectories(listings);
        Files.writeString(listings.resolve("apis__shop__v1.json"), """
                {"kind": "APIResourceList", "groupVersion": "shop/v1", "resources": [
                  {"name": "orders", "kind": "Order", "namespaced": true, "verbs": ["get", "create"]},
                  {"name": "carts", "kind": "Cart", "namespaced": true, "verbs": ["get"]}]}
                """);
        Path spec = dir.resolve("shop.json");
        Files.writeString(spec, """
                {"swagger": "2.0", "definitions": {"Order": {"type": "object",
                   "x-kubernetes-group-version-kind": [{"group": "shop", "version": "v1", "kind": "Order"}],
                   "properties": {"metadata": {"$ref": "#/definitions/ObjectMeta"}}},
                 "ObjectMeta": {"type": "object", "properties": {"name": {"type": "string"}, "namespace": {"type": "string"},
                   "resourceVersion": {"type": "string"}}}},
                 "paths": {"/apis/shop/v1/namespaces/{namespace}/orders/{name}": {"get": {
                   "x-kubernetes-action": "get", "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Order"}}}}}}}
                """);
        GeneratorConfig lenient =
                new GeneratorConfig(spec, listings, dir.resolve("out"), null, LinkOptions.defaults("com.example"));
        GenerationResult r = new Generator().generate(lenient);
        List<String> warnings = r.warnings().stream().map(Object::toString).toList();
        assertTrue(
                warnings.stream()
                        .anyMatch(w -> w.contains("apis__shop__v1.json#/resources/0")
                                && w.contains("\"create\"")
                                && w.contains("shop.json has no operation")),
                warnings::toString);
        assertTrue(
                warnings.stream().anyMatch(w -> w.contains("apis__shop__v1.json#/resources/1") && w.contains("carts")),
                warnings::toString);
        GeneratorConfig strict = new GeneratorConfig(
                spec,
                listings,
                dir.resolve("out2"),
                null,
                new LinkOptions("com.example", "C", List.of(), List.of(), true, Map.of()));
        GenerationException e = assertThrows(GenerationException.class, () -> new Generator().generate(strict));
        assertTrue(e.getMessage().contains("(2 errors)"), e.getMessage());
    }

    /** Every file below {@code root}, as paths relative to it. */
    private static Set<String> tree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(p -> root.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void namesThatClimbOutOfTheOutputFolderWriteNothingOutsideIt() throws Exception {
        // the document two levels down, so that ../../ from the output lands in this test's folder, where we look
        Path work = Files.createDirectories(dir.resolve("a/b"));
        SmallSpec s = new SmallSpec(work, """
                {"swagger": "2.0", "info": {"title": "T", "version": "1"},
                 "definitions": {"../../Evil": {"type": "object", "properties": {"a": {"type": "string"}}},
                   "../../../../Evil2": {"type": "object", "properties": {"../../b": {"type": "string"}}},
                   "..": {"type": "object", "properties": {"a": {"type": "string"}}}},
                 "paths": {"/../../x/{id}": {"get": {"operationId": "../../op", "tags": ["../../tag"],
                   "parameters": [{"name": "../../id", "in": "path", "required": true, "type": "string"}],
                   "responses": {"200": {"description": "ok", "schema": {"type": "object", "properties": {"../../c": {"type": "string"}}}}}}}}}
                """);
        Set<String> before = tree(dir);
        s.generate();
        Set<String> after = tree(dir);
        after.removeAll(before);
        String out = dir.relativize(s.out).toString();
        assertEquals(
                List.of(),
                after.stream()
                        .filter(p -> !p.equals(out) && !p.startsWith(out + java.io.File.separator))
                        .toList(),
                "written outside " + out);
        assertTrue(after.size() > 10, "the output is there: " + after.size());
        s.compile();
    }

    @Test
    void namesThatAreNotJava() throws Exception {
        SmallSpec s = new SmallSpec(dir, doc("""
                "../../Evil": {"type": "object", "properties": {"a": {"type": "string"}}},
                "class": {"type": "object", "properties": {"package": {"type": "string"}}},
                "2fa": {"type": "object", "properties": {"3d": {"type": "string"}}},
                "a$b": {"type": "object", "properties": {"$ref": {"type": "string"}, "x-y": {"type": "string"}}},
                "my-type": {"type": "object", "properties": {"a": {"type": "string"}}},
                "my_type": {"type": "object", "properties": {"a": {"type": "string"}}},
                "MyType": {"type": "object", "properties": {"a": {"type": "string"}}},
                "myType": {"type": "object", "properties": {"a": {"type": "string"}}},
                "with space": {"type": "object", "properties": {"a b": {"type": "string"}}},
                "Ünïcödé": {"type": "object", "properties": {"naïve": {"type": "string"}}},
                "日本": {"type": "object", "properties": {"名前": {"type": "string"}, "名": {"type": "string"}}},
                "String": {"type": "object", "properties": {"value": {"type": "string"}}},
                "List": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/definitions/String"}}}},
                "Props": {"type": "object", "properties": {
                   "class": {"type": "string"}, "default": {"type": "string"}, "apiVersion": {"type": "string"},
                   "APIVersion": {"type": "string"}, "hashCode": {"type": "integer"}, "builder": {"type": "string"},
                   "unknownFields": {"type": "string"}, "getClass": {"type": "string"}, "_": {"type": "string"},
                   "enum": {"type": "string", "enum": ["a", "A", "", "1", "class", "a-b", "a_b"]}}},
                "Docs": {"type": "object", "description": "*/ class X { /* \\u000a <script>alert(1)</script> {{x}} }} @author \\\\u002a/",
                   "properties": {"d": {"type": "string", "description": "*/"}}}
                """));
        s.generate();
        assertFalse(Files.exists(dir.resolve("Evil.java")));
        ClassLoader loader = s.compile();
        loader.loadClass("com.example.model.Evil");
        loader.loadClass("com.example.model.ClassModel");
        loader.loadClass("com.example.model.U65e5u672c");
        loader.loadClass("com.example.model._2fa");
        loader.loadClass("com.example.model.AB");
        loader.loadClass("com.example.model.MyType");
        loader.loadClass("com.example.model.MyType2");
        loader.loadClass("com.example.model.MyType3");
        loader.loadClass("com.example.model.MyType4");
        loader.loadClass("com.example.model.WithSpace");
        loader.loadClass("com.example.model.Unicode");
        loader.loadClass("com.example.model.StringModel");
        loader.loadClass("com.example.model.ListModel");
        String docs = s.read("com/example/model/Docs.java");
        assertFalse(docs.contains("<script>"), docs);
        assertTrue(docs.contains("&lt;script&gt;"), docs);
    }

    @Test
    void propertiesNamedLikeTheBuildersMembersStillCompile() throws Exception {
        SmallSpec s = new SmallSpec(dir, doc("""
                "Node": {"type": "object", "properties": {
                   "foo": {"type": "array", "items": {"type": "string"}},
                   "addFooItem": {"type": "array", "items": {"type": "string"}},
                   "bar": {"type": "object", "additionalProperties": {"type": "string"}},
                   "putBarItem": {"type": "object", "additionalProperties": {"type": "string"}},
                   "addItem": {"type": "array", "items": {"$ref": "#/definitions/Node"}},
                   "putItem": {"type": "object", "additionalProperties": {"$ref": "#/definitions/Node"}},
                   "edit": {"$ref": "#/definitions/Node"}, "target": {"$ref": "#/definitions/Node"},
                   "build": {"$ref": "#/definitions/Node"}, "toBuilder": {"$ref": "#/definitions/Node"},
                   "copy": {"type": "string"}, "item": {"type": "string"}, "key": {"type": "string"},
                   "value": {"type": "array", "items": {"type": "string"}},
                   "consumer": {"type": "string", "enum": ["a"]}, "consumerValue": {"type": "string"}}},
                "Consumer": {"type": "object", "properties": {"node": {"$ref": "#/definitions/Node"}}}
                """));
        s.generate();
        s.compile();
        String node = s.read("com/example/model/Node.java");
        assertTrue(node.contains("public Builder addFooItem2(String item)"), node);
        assertTrue(node.contains("public Builder addFooItem(List<String> value)"), node);
        assertTrue(node.contains("public Builder putBarItem2(String key, String value)"), node);
        assertTrue(node.contains("public Builder edit(Consumer<com.example.model.Node.Builder> edit)"), node);
        assertTrue(node.contains("public Node consumerValue2(String value)"), "the raw setter of the enum: " + node);
    }

    @Test
    void inlineObjectsInOperationsBecomeClassesThatExist() throws Exception {
        SmallSpec s = new SmallSpec(dir, """
                {"swagger": "2.0", "info": {"title": "T", "version": "1"}, "definitions": {},
                 "paths": {
                   "/things": {"post": {"operationId": "makeThing", "tags": ["things"],
                     "parameters": [{"name": "body", "in": "body", "required": true, "schema": {"type": "object",
                       "properties": {"name": {"type": "string"}, "spec": {"type": "object", "properties": {"size": {"type": "integer"}}}}}}],
                     "responses": {"201": {"description": "made", "schema": {"type": "array",
                       "items": {"type": "object", "properties": {"id": {"type": "integer"}}}}}}}},
                   "/other": {"put": {"tags": ["things"],
                     "parameters": [{"name": "body", "in": "body", "schema": {"type": "object", "properties": {"x": {"type": "boolean"}}}}],
                     "responses": {"200": {"description": "ok"}}}}}}
                """);
        s.generate();
        ClassLoader loader = s.compile(); // the API refers to each of them: it compiles only if they were generated
        Class<?> api = loader.loadClass("com.example.api.ThingsApi");
        Class<?> body = loader.loadClass("com.example.model.MakeThingBody");
        loader.loadClass("com.example.model.MakeThingBodySpec"); // an object inside the inline object
        loader.loadClass("com.example.model.MakeThingResponse");
        loader.loadClass("com.example.model.PutOtherBody"); // no operationId: named after method and path
        assertEquals(List.class, api.getMethod("makeThing", body).getReturnType());
    }

    @Test
    void listParametersAreTypedByTheirItems() throws Exception {
        SmallSpec s = new SmallSpec(dir, """
                {"swagger": "2.0", "info": {"title": "T", "version": "1"}, "definitions": {},
                 "paths": {"/things/{keys}": {"get": {"operationId": "find", "tags": ["things"], "parameters": [
                   {"name": "keys", "in": "path", "required": true, "type": "array", "items": {"type": "string"}},
                   {"name": "ids", "in": "query", "type": "array", "items": {"type": "integer"}},
                   {"name": "X-Weights", "in": "header", "type": "array", "items": {"type": "number", "format": "float"}},
                   {"name": "grid", "in": "query", "type": "array", "items": {"type": "array", "items": {"type": "boolean"}}}],
                   "responses": {"204": {"description": "none"}}}}}}
                """);
        s.generate();
        String api = s.read("com/example/api/ThingsApi.java");
        assertTrue(
                api.contains("public void find(List<String> keys, List<Long> ids, List<Float> xWeights, "
                        + "List<List<Boolean>> grid)"),
                api);
        assertTrue(api.contains("Request.pathSegment(Request.joined(keys, \",\"))"), api);
        assertTrue(api.contains("request$.query(\"ids\", Request.joined(ids, \",\"));"), "csv is the default");
        s.compile();
    }

    @Test
    void theBasePathPrefixesResourceAndOperationPaths() throws Exception {
        SmallSpec s = new SmallSpec(dir, """
                {"swagger": "2.0", "info": {"title": "T", "version": "1"}, "basePath": "/proxy/",
                 "definitions": {
                   "io.k8s.api.core.v1.Pod": {"type": "object", "x-kubernetes-group-version-kind": [{"group": "", "version": "v1", "kind": "Pod"}],
                     "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
                       "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"}}},
                   "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": {"type": "object", "properties": {
                     "name": {"type": "string"}, "namespace": {"type": "string"}, "resourceVersion": {"type": "string"}}}},
                 "paths": {
                   "/api/v1/namespaces/{namespace}/pods/{name}": {"get": {"operationId": "readPod", "x-kubernetes-action": "get",
                     "x-kubernetes-group-version-kind": {"group": "", "version": "v1", "kind": "Pod"},
                     "parameters": [{"name": "namespace", "in": "path", "required": true, "type": "string"},
                                    {"name": "name", "in": "path", "required": true, "type": "string"}],
                     "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/io.k8s.api.core.v1.Pod"}}}}},
                   "/version": {"get": {"operationId": "getVersion", "tags": ["version"],
                     "responses": {"200": {"description": "ok", "schema": {"type": "string"}}}}}}}
                """);
        s.generate();
        String resource = s.read("com/example/api/core/v1/Pods.java");
        assertTrue(resource.contains("\"/proxy/api/v1\""), resource);
        assertTrue(s.read("com/example/api/VersionApi.java").contains("\"/proxy/version\""));
        s.compile();
    }

    @Test
    void aHostThatIsNotAHostGivesAWarningNotAnEndpoint() throws Exception {
        SmallSpec s = new SmallSpec(dir, """
                {"swagger": "2.0", "info": {"title": "T", "version": "1"}, "host": "evil.example/\\");System.exit(1);//",
                 "definitions": {}, "paths": {"/v": {"get": {"operationId": "v", "responses": {"204": {"description": "none"}}}}}}
                """);
        GenerationResult result = s.generate();
        assertTrue(
                result.warnings().stream()
                        .anyMatch(w ->
                                w.toString().contains("/host") && w.message().contains("not a host name")),
                result.warnings()::toString);
        assertTrue(s.read("com/example/ExampleClient.java").contains("new ClientBuilder<>(ExampleClient::new);"));
        s.compile();
    }

    @Test
    void operationAndParameterNamesThatClashStillCompile() throws Exception {
        // a parameter named like the client's own field, keywords, names equal after cleaning, a repeated
        // operationId, two tags that clean up to the same class name, tags named like the client's own methods
        SmallSpec s = new SmallSpec(dir, """
                {"swagger":"2.0","info":{"title":"Odd","version":"1"},
                 "paths":{
                  "/a/{class}":{"get":{"operationId":"get-thing.by id","tags":["Pet Store/Admin"],
                    "parameters":[{"name":"class","in":"path","required":true,"type":"string"},
                                  {"name":"page-size","in":"query","type":"integer"},{"name":"page_size","in":"query","type":"integer"},
                                  {"name":"request$","in":"query","type":"string"},{"name":"path$","in":"header","type":"string"},
                                  {"name":"transport","in":"query","type":"string"}],
                    "responses":{"200":{"description":"ok","schema":{"type":"string"}}}}},
                  "/b":{"get":{"operationId":"get-thing.by id","tags":["Pet Store/Admin"],"responses":{"200":{"description":"ok"}}}},
                  "/c":{"get":{"operationId":"toString","tags":["pet store admin"],"responses":{"200":{"description":"ok"}}}},
                  "/d":{"get":{"operationId":"d","tags":["getClass"],"responses":{"204":{"description":"ok"}}}},
                  "/e":{"get":{"operationId":"e","tags":["builder"],"responses":{"204":{"description":"ok"}}}},
                  "/f":{"get":{"operationId":"f","tags":["close"],"responses":{"204":{"description":"ok"}}}}},
                 "definitions":{}}
                """);
        s.generate();
        ClassLoader loader = s.compile();
        String api = s.read("com/example/api/PetStoreAdminApi.java");
        assertTrue(
                api.contains("getThingById(String class_, Long pageSize, Long pageSize2, String request, String path, "
                        + "String transport)"),
                api);
        loader.loadClass("com.example.api.PetStoreAdminApi2").getMethod("toString2");
        Class<?> client = loader.loadClass("com.example.ExampleClient");
        client.getMethod("getClassOperations");
        client.getMethod("builderOperations");
        client.getMethod("closeOperations");
    }

    @Test
    void aHugeDescriptionIsCutInJavadoc() throws Exception {
        String huge = "x".repeat(50 * 1024 * 1024);
        SmallSpec s = new SmallSpec(
                dir,
                doc("\"A\": {\"type\": \"object\", \"description\": \"" + huge + "\", "
                        + "\"properties\": {\"a\": {\"type\": \"string\"}}}"));
        assertTimeoutPreemptively(Duration.ofSeconds(60), s::generate);
        assertTrue(Files.size(s.out.resolve("com/example/model/A.java")) < 64 * 1024);
        assertTrue(s.read("com/example/model/A.java").contains("(cut: the description has 52428800 characters)"));
    }

    @Test
    void tenThousandDefinitions() throws Exception {
        StringBuilder defs = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            defs.append(i == 0 ? "" : ",")
                    .append("\"io.example.v1.Thing")
                    .append(i)
                    .append("\": {\"type\": \"object\", ")
                    .append("\"properties\": {\"next\": {\"$ref\": \"#/definitions/io.example.v1.Thing")
                    .append((i + 1) % 10_000)
                    .append("\"}, \"name\": {\"type\": \"string\"}}}");
        }
        SmallSpec s = new SmallSpec(dir, doc(defs.toString()));
        GenerationResult r = assertTimeoutPreemptively(Duration.ofSeconds(120), s::generate);
        assertEquals(10_000, r.models());
        assertTrue(s.read("com/example/model/example/v1/Thing9999.java").contains("private Thing0 next;"));
    }

    @Test
    void aSchemaNested500LevelsDeep() throws Exception {
        String open = "{\"type\": \"object\", \"properties\": {\"child\": ".repeat(500);
        String close = "}}".repeat(500);
        SmallSpec s = new SmallSpec(dir, doc("\"Deep\": " + open + "{\"type\": \"string\"}" + close));
        GenerationResult r = assertTimeoutPreemptively(Duration.ofSeconds(60), s::generate);
        assertEquals(500, r.models());
        s.compile();
    }
}
