package dev.ccigen.generator.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.problem.Problem;
import dev.ccigen.generator.problem.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input gets an error that says where it is: file, line and column, or JSON pointer. */
class BadInputTest {
    @TempDir
    Path dir;

    private List<Problem> readSpec(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Problems problems = new Problems();
        new SpecReader().read(file, problems);
        return problems.all().stream().filter(Problem::isError).toList();
    }

    private static Problem only(List<Problem> errors) {
        assertEquals(1, errors.size(), errors::toString);
        return errors.get(0);
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws IOException {
        Problem p = only(
                readSpec("bad.json", "{\n  \"swagger\": \"2.0\",\n  \"paths\": {\n    \"/a\": { \"get\": }\n  }\n}\n"));
        assertEquals(4, p.line());
        assertEquals(20, p.column());
        assertTrue(p.toString().contains("bad.json:4:20: malformed JSON: Unexpected character ('}'"), p.toString());
    }

    @Test
    void contentAfterTheDocumentIsAnErrorNotIgnored() throws IOException {
        Problem p = only(readSpec("two.json", "{\"swagger\": \"2.0\", \"paths\": {}}\n{\"paths\": {\"/lost\": {}}}\n"));
        assertEquals(2, p.line());
        assertEquals(1, p.column());
        assertTrue(
                p.toString().contains("two.json:2:1: unexpected content after the end of the document"), p.toString());
    }

    @Test
    void nestingBeyondTheLimitIsLocatedAndTheLimitItselfNeedsNoDeepStack() throws Exception {
        String tooDeep =
                "{\"swagger\": \"2.0\", \"paths\": {}, \"x-deep\": " + "[".repeat(3000) + "]".repeat(3000) + "}";
        Problem p = only(readSpec("deep.json", tooDeep));
        assertEquals(1, p.line());
        assertTrue(p.column() > 2000, p.toString());
        assertTrue(p.message().contains("nesting depth (2001) exceeds the maximum allowed (2000"), p.toString());

        // 1,990 levels, read on a thread with a small stack: the tree is built by a loop, not by recursion
        String deep = "{\"swagger\": \"2.0\", \"paths\": {}, \"x-deep\": " + "[".repeat(1990) + "]".repeat(1990) + "}";
        Object[] outcome = new Object[1];
        Thread reader = new Thread(
                null,
                () -> {
                    try {
                        outcome[0] = readSpec("deep-ok.json", deep);
                    } catch (Throwable e) {
                        outcome[0] = e;
                    }
                },
                "small-stack",
                192 * 1024);
        reader.start();
        reader.join();
        assertEquals(List.of(), outcome[0]);
    }

    @Test
    void truncatedJsonSaysWhatWasExpected() throws IOException {
        Problem p = only(readSpec("cut.json", "{\"swagger\": \"2.0\", \"definitions\": {\"A\": {\"type\": \"obj"));
        assertEquals(1, p.line());
        assertTrue(p.message().contains("end-of-input"), p.message());
    }

    @Test
    void yamlWithTabsNamesLineAndColumn() throws IOException {
        Problem p = only(readSpec("tabs.yaml", "swagger: '2.0'\ndefinitions:\n\tA:\n    type: object\n"));
        assertEquals(3, p.line(), p::toString);
        assertTrue(p.message().startsWith("malformed YAML"), p.message());
    }

    @Test
    void readsYaml() throws IOException {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(
                file,
                "swagger: '2.0'\ninfo: {title: T, version: '1'}\ndefinitions:\n  A:\n    type: object\n"
                        + "    x-custom: {a: 1}\n    properties:\n      b: {$ref: '#/definitions/A'}\n");
        Problems problems = new Problems();
        ApiSpec spec = new SpecReader().read(file, problems);
        assertTrue(problems.all().isEmpty(), problems.all()::toString);
        assertEquals("A", spec.definition("A").properties().get("b").ref(), "self reference kept by name");
        assertEquals(
                1, spec.definition("A").extensions().get("x-custom").get("a").asInt());
    }

    @Test
    void yamlAliasesAndMergeKeysReadAsWhatTheyName() throws IOException {
        Path file = dir.resolve("aliases.yaml");
        Files.writeString(file, """
                swagger: '2.0'
                x-shared: &meta {type: object, description: shared, properties: {name: {type: string}}}
                definitions:
                  A: *meta
                  B:
                    <<: *meta
                    description: own
                  C:
                    <<: [{x-first: 1}, *meta]
                    properties: {id: {type: integer}}
                """);
        Problems problems = new Problems();
        ApiSpec spec = new SpecReader().read(file, problems);
        assertTrue(problems.all().isEmpty(), problems.all()::toString);
        assertEquals("shared", spec.definition("A").description(), "an alias is a copy, not the anchor's name");
        assertEquals("string", spec.definition("A").properties().get("name").type());
        assertEquals("own", spec.definition("B").description(), "the object's own key wins over the merged one");
        assertEquals("object", spec.definition("B").type());
        assertEquals(
                List.of("id"), List.copyOf(spec.definition("C").properties().keySet()));
        assertEquals(1, spec.definition("C").extensions().get("x-first").asInt());
    }

    @Test
    void aDuplicateKeyIsAnErrorAtItsPlaceNotASilentOverwrite() throws IOException {
        Problem json = only(readSpec(
                "dup.json",
                "{\"swagger\": \"2.0\", \"definitions\": {\n  \"A\": {\"type\": \"object\"},\n"
                        + "  \"A\": {\"type\": \"string\"}}}\n"));
        assertEquals(3, json.line(), json::toString);
        assertTrue(json.toString().contains("dup.json:3:8: malformed JSON: duplicate key \"A\""), json.toString());

        Problem yaml =
                only(readSpec("dup.yaml", "swagger: '2.0'\ndefinitions:\n  A:\n    type: object\n    type: string\n"));
        assertEquals(5, yaml.line(), yaml::toString);
        assertTrue(yaml.message().contains("malformed YAML: duplicate key \"type\""), yaml.toString());
    }

    @Test
    void yamlAliasesThatCannotBeReadAreErrorsWithTheirPlace() throws IOException {
        Problem loop = only(readSpec("loop.yaml", "swagger: '2.0'\nx-a: &a\n  b: *a\n"));
        assertEquals(3, loop.line());
        assertTrue(loop.message().contains("YAML alias *a is inside the node it names"), loop.toString());

        Problem scalar = only(readSpec("scalar.yaml", "swagger: '2.0'\nx-a: &a text\nx-b: *a\n"));
        assertEquals(3, scalar.line());
        assertTrue(scalar.message().contains("anchors on single values cannot be read"), scalar.toString());

        StringBuilder laughs = new StringBuilder("swagger: '2.0'\nx0: &l0 [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n");
        for (int i = 1; i < 9; i++) {
            laughs.append("x")
                    .append(i)
                    .append(": &l")
                    .append(i)
                    .append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*l" + (i - 1))))
                    .append("]\n");
        }
        Problem bomb = only(readSpec("laughs.yaml", laughs.toString()));
        assertTrue(bomb.message().contains("YAML aliases expand to more than 1000000 values"), bomb.toString());
    }

    @Test
    void danglingRefNamesTheReferringPlaceAndTheTarget() throws IOException {
        Problem p = only(readSpec("ref.json", """
                {"swagger": "2.0", "definitions": {"Pod": {"type": "object", "properties": {
                  "spec": {"$ref": "#/definitions/PodSpec"}}}}}
                """));
        assertEquals("/definitions/Pod/properties/spec/$ref", p.pointer());
        assertTrue(p.message().contains("#/definitions/PodSpec"), p.message());
        assertTrue(p.toString().contains("ref.json#/definitions/Pod/properties/spec/$ref"), p.toString());
    }

    @Test
    void wrongShapesAreAllReportedInOneRun() throws IOException {
        List<Problem> errors = readSpec("shape.json", """
                {"swagger": "2.0", "definitions": {
                  "A": "not a schema",
                  "B": {"type": "strng"},
                  "C": {"type": "object", "properties": {"x": {"$ref": "#/definitions/Nope"}, "y": 42,
                        "z": {"type": "string", "description": {"not": "text"}}}}},
                 "paths": {"/p": {"get": {"responses": {"200": {"description": "ok"}},
                   "parameters": [{"name": "q", "in": "cookie"}]}}}}
                """);
        List<String> pointers = errors.stream().map(Problem::pointer).toList();
        assertEquals(
                List.of(
                        "/definitions/A",
                        "/definitions/B/type",
                        "/definitions/C/properties/x/$ref",
                        "/definitions/C/properties/y",
                        "/definitions/C/properties/z/description",
                        "/paths/~1p/get/parameters/0/in"),
                pointers,
                errors::toString);
        assertTrue(errors.get(1).message().contains("unknown type \"strng\""));
    }

    @Test
    void anOpenApi3DocumentIsNamedAsSuch() throws IOException {
        Problem p = only(readSpec("v3.json", "{\"openapi\": \"3.0.0\", \"paths\": {}}"));
        assertTrue(p.message().contains("OpenAPI 3.0.0"), p.message());
    }

    @Test
    void aRefIntoAnotherFileIsReadRelativeToTheDocument() throws IOException {
        Files.createDirectories(dir.resolve("common"));
        Files.writeString(
                dir.resolve("common/meta.json"),
                "{\"definitions\": {\"Meta\": {\"type\": \"object\", "
                        + "\"properties\": {\"name\": {\"type\": \"string\"}, \"owner\": {\"$ref\": \"#/definitions/Meta\"}}}}}");
        List<Problem> errors = readSpec("main.json", """
                {"swagger": "2.0", "definitions": {"Pod": {"type": "object", "properties": {
                  "metadata": {"$ref": "common/meta.json#/definitions/Meta"}}}}}
                """);
        assertTrue(errors.isEmpty(), errors::toString);
        Problems problems = new Problems();
        ApiSpec spec = new SpecReader().read(dir.resolve("main.json"), problems);
        assertEquals("Meta", spec.definition("Pod").properties().get("metadata").ref());
        assertEquals("Meta", spec.definition("Meta").properties().get("owner").ref());
    }

    @Test
    void aRefOutsideTheDocumentsFolderIsRefused() throws IOException {
        Problem p = only(readSpec("evil.json", """
                {"swagger": "2.0", "definitions": {"A": {"$ref": "../../etc/passwd#/x"}}}
                """));
        assertEquals("/definitions/A/$ref", p.pointer());
        assertTrue(p.message().contains("refused"), p.message());
    }

    @Test
    void aRefLoopWithNoObjectIsAnError() throws IOException {
        List<Problem> errors = readSpec("loop.json", """
                {"swagger": "2.0", "definitions": {"A": {"$ref": "#/definitions/B"}, "B": {"$ref": "#/definitions/A"}}}
                """);
        assertEquals(2, errors.size(), errors::toString);
        assertTrue(errors.get(0).message().contains("A → B → A"), errors.get(0).message());
    }

    // ---- listings ----------------------------------------------------------------------------------

    private List<Problem> readListings(String name, String text) throws IOException {
        Path folder = dir.resolve("listings");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(name), text);
        Problems problems = new Problems();
        new DiscoveryReader().read(folder, problems);
        return problems.all().stream().filter(Problem::isError).toList();
    }

    @Test
    void malformedListingNamesLineAndColumn() throws IOException {
        Problem p = only(readListings("api__v1.json", "{\"groupVersion\": \"v1\",\n \"resources\": [}"));
        assertEquals(2, p.line());
        assertTrue(p.toString().contains("api__v1.json:2:"), p.toString());
    }

    @Test
    void listingOfTheWrongShapeNamesThePointer() throws IOException {
        List<Problem> errors = readListings("apis__apps__v1.json", """
                {"kind": "APIResourceList", "groupVersion": "apps/v1", "resources": [
                  {"name": "deployments", "kind": "Deployment", "namespaced": "yes", "verbs": ["get"]},
                  {"name": "replicasets", "namespaced": true}]}
                """);
        assertEquals(
                List.of("/resources/0/namespaced", "/resources/1"),
                errors.stream().map(Problem::pointer).toList());
    }

    @Test
    void readsTheAggregatedDocument() throws IOException {
        Problems problems = new Problems();
        Discovery d = new DiscoveryReader()
                .read(dev.ccigen.generator.TestDocs.resource("kubernetes/aggregated_v2.json"), problems);
        assertTrue(problems.all().isEmpty(), problems.all()::toString);
        Discovery.GroupVersion apps = d.find("apps", "v1");
        assertNotNull(apps);
        Discovery.Resource scale = apps.resources().stream()
                .filter(r -> r.name().equals("deployments/scale"))
                .findFirst()
                .orElseThrow();
        assertEquals("autoscaling", scale.group());
        assertEquals("Scale", scale.kind());
        assertTrue(d.find("rbac.authorization.k8s.io", "v1").resources().stream()
                .anyMatch(r -> r.name().equals("clusterroles") && !r.namespaced()));
        assertNull(d.find("batch", "v1beta1"));
    }

    @Test
    void readsTheListingsFolder() {
        Problems problems = new Problems();
        Discovery d = new DiscoveryReader().read(dev.ccigen.generator.TestDocs.kubernetesListings(), problems);
        assertTrue(problems.all().stream().noneMatch(Problem::isError), problems.all()::toString);
        Discovery.Resource pods = d.find("", "v1").resources().stream()
                .filter(r -> r.name().equals("pods"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("po"), pods.shortNames());
        assertEquals(List.of("all"), pods.categories());
        assertTrue(d.find("apps", "v1").preferred());
    }
}
