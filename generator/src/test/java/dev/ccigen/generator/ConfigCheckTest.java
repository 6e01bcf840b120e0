package dev.ccigen.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.link.LinkOptions;
import dev.ccigen.generator.problem.GenerationException;
import dev.ccigen.generator.problem.Problem;
import dev.ccigen.generator.problem.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A configuration mistake is refused (or, for template files and blocks, warned about) naming its parameter and the
 * closest valid value, before anything is written: the previous output stays as it was.
 */
class ConfigCheckTest {
    /** A Kubernetes-shaped document: a core resource, an apps resource, and an operation outside any group. */
    static final String SPEC = """
            {"swagger": "2.0", "info": {"title": "Mini", "version": "1"},
             "definitions": {
               "Pod": {"type": "object", "properties": {"name": {"type": "string"}}},
               "Deployment": {"type": "object", "properties": {"name": {"type": "string"}}}},
             "paths": {
               "/api/v1/namespaces/{namespace}/pods/{name}": {"get": {"operationId": "readPod", "tags": ["core_v1"],
                 "parameters": [{"name": "namespace", "in": "path", "required": true, "type": "string"},
                                {"name": "name", "in": "path", "required": true, "type": "string"}],
                 "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pod"}}}}},
               "/apis/apps/v1/namespaces/{namespace}/deployments/{name}": {"get": {"operationId": "readDeployment",
                 "tags": ["apps_v1"],
                 "parameters": [{"name": "namespace", "in": "path", "required": true, "type": "string"},
                                {"name": "name", "in": "path", "required": true, "type": "string"}],
                 "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Deployment"}}}}},
               "/version": {"get": {"operationId": "getVersion", "tags": ["version"],
                 "responses": {"200": {"description": "ok", "schema": {"type": "string"}}}}}}}
            """;

    @TempDir
    Path dir;

    private GenerationResult generate(SmallSpec s, LinkOptions options) {
        return new Generator().generate(new GeneratorConfig(s.spec, null, s.out, s.templates, options));
    }

    private static LinkOptions options(String basePackage, String clientName) {
        return new LinkOptions(basePackage, clientName, List.of(), List.of(), false, Map.of());
    }

    private static LinkOptions groups(List<String> include, List<String> exclude) {
        return new LinkOptions("com.example", "ExampleClient", include, exclude, false, Map.of());
    }

    /** Generates once with a good configuration; returns every file of the output with its bytes. */
    private SmallSpec generatedOnce() throws IOException {
        SmallSpec s = new SmallSpec(dir, SPEC);
        s.generate();
        assertTrue(Files.isRegularFile(s.out.resolve("com/example/ExampleClient.java")));
        return s;
    }

    private static Map<String, String> snapshot(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(Files::isRegularFile)
                    .collect(Collectors.toMap(p -> out.relativize(p).toString(), p -> {
                        try {
                            return Files.readString(p) + "@" + Files.getLastModifiedTime(p);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }));
        }
    }

    /** Refused with a message holding each of {@code expected}; the previous output is byte for byte the same. */
    private void refused(SmallSpec s, LinkOptions options, String... expected) throws IOException {
        Map<String, String> before = snapshot(s.out);
        GenerationException e = assertThrows(GenerationException.class, () -> generate(s, options));
        for (String x : expected) {
            assertTrue(e.getMessage().contains(x), "\"" + x + "\" in: " + e.getMessage());
        }
        assertEquals(before, snapshot(s.out), "the previous output is untouched");
        assertFalse(Files.exists(s.out.resolveSibling("out.ccigen-staging")), "no staging folder left");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "com.example.class",
                "com.example-cci",
                "com..example",
                "com.example.",
                "true.example",
                "com.1example",
                ""
            })
    void aBasePackageJavaCannotCarryIsRefused(String basePackage) throws IOException {
        refused(
                generatedOnce(),
                options(basePackage, "ExampleClient"),
                "basePackage \"" + basePackage + "\"",
                "is not a Java package name");
    }

    @Test
    void theRefusalSaysWhatIsWrongWithThePackage() throws IOException {
        SmallSpec s = generatedOnce();
        refused(s, options("com.example.class", "C"), "\"class\" is a Java keyword");
        refused(s, options("com.example-cci", "C"), "\"example-cci\" holds '-'");
        refused(s, options("com..example", "C"), "part 2 is empty");
    }

    @Test
    void aBadNameIsRefusedBeforeTheDocumentIsRead() throws IOException {
        SmallSpec s = generatedOnce();
        Files.writeString(s.spec, "{ not json");
        refused(s, options("com.example.class", "C"), "basePackage");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Example-Client", "class", "1Client", "var", "record", ""})
    void aClientNameThatIsNotAClassNameIsRefused(String clientName) throws IOException {
        refused(
                generatedOnce(),
                options("com.example", clientName),
                "clientName \"" + clientName + "\"",
                "is not a Java class name");
    }

    @Test
    void aClientNameOfARuntimeClassIsRefused() throws IOException {
        SmallSpec s = generatedOnce();
        refused(
                s,
                options("com.example", "Transport"),
                "clientName \"Transport\"",
                "the runtime class dev.ccigen.runtime.Transport");
        refused(s, options("com.example", "ClientBuilder"), "the runtime class dev.ccigen.runtime.ClientBuilder");
        refused(s, options("com.example", "Kinds"), "the generated class com.example.Kinds");
    }

    @Test
    void aClientNameOfAModelIsWarnedAboutAndRefusedUnderStrict() throws IOException {
        SmallSpec s = generatedOnce();
        GenerationResult r = generate(s, options("com.example", "Pod"));
        assertTrue(
                r.warnings().stream()
                        .anyMatch(p -> p.toString()
                                .equals("warning: clientName: \"Pod\" is also the name"
                                        + " of the model com.example.model.Pod: code that uses both must write one of them in full; choose another"
                                        + " name (e.g. PodClient)")),
                r.warnings().toString());
        refused(
                s,
                new LinkOptions("com.example", "Pod", List.of(), List.of(), true, Map.of()),
                "clientName: \"Pod\"",
                "the model com.example.model.Pod");
    }

    @Test
    void aGroupNeitherInputHasIsRefusedWithTheGroupsThatExist() throws IOException {
        SmallSpec s = generatedOnce();
        refused(
                s,
                groups(List.of("app"), List.of()),
                "includeGroups names \"app\"",
                "did you mean \"apps\"",
                "the groups are: apps (v1), core (v1)");
        refused(
                s,
                groups(List.of("apps", "nosuchgroup"), List.of()),
                "includeGroups names \"nosuchgroup\"",
                "the groups are: apps (v1), core (v1)");
        refused(
                s,
                groups(List.of(), List.of("apps/v2")),
                "excludeGroups names \"apps/v2\"",
                "did you mean \"apps/v1\"");
    }

    @Test
    void everyFormOfAnExistingGroupIsAccepted() throws IOException {
        SmallSpec s = generatedOnce();
        generate(s, groups(List.of("apps", "apps/v1", "core", "core/v1", "v1"), List.of()));
        generate(s, groups(List.of(), List.of("core")));
        assertFalse(Files.exists(s.out.resolve("com/example/api/core")), "core left out");
    }

    @Test
    void aGroupFilterOnADocumentWithoutGroupsIsRefused() throws IOException {
        SmallSpec s = new SmallSpec(dir, SPEC.replace("/api/v1/", "/v1/").replace("/apis/apps/v1/", "/apps/v1/"));
        s.generate();
        refused(s, groups(List.of("apps"), List.of()), "the document has no API groups");
    }

    @Test
    void aTemplateFileThatMatchesNoTemplateIsWarnedAboutWithTheClosestName() throws IOException {
        SmallSpec s = generatedOnce().template("Client.java.mustache", "ignored");
        s.template("perModel/Extra.txt.mustache", "// {{className}}\n");
        s.template("notes.txt", "mine");
        GenerationResult r = generate(s, options("com.example", "ExampleClient"));
        List<String> warnings = r.warnings().stream().map(Problem::toString).toList();
        assertTrue(
                warnings.stream()
                        .anyMatch(w -> w.startsWith("warning: ")
                                && w.contains("Client.java.mustache")
                                && w.contains("matches no template (did you mean client.java.mustache?)")),
                warnings.toString());
        assertTrue(
                warnings.stream().anyMatch(w -> w.contains("notes.txt") && w.contains("not a template")),
                warnings.toString());
        assertFalse(warnings.stream().anyMatch(w -> w.contains("Extra")), "perModel/ adds files: " + warnings);
    }

    @Test
    void aPartialOfTheUsersOwnIsNoStrayFile() throws IOException {
        SmallSpec s = generatedOnce().template("once/Hello.java.mustache", "package {{basePackage}};\n{{>hello}}\n");
        s.template("hello.mustache", "final class Hello {}");
        GenerationResult r = generate(s, options("com.example", "ExampleClient"));
        assertEquals(
                List.of(),
                r.warnings().stream()
                        .filter(p -> p.toString().contains("templateDirectory"))
                        .toList());
    }

    @Test
    void aBlockThatMatchesNoBlockOfTheParentIsWarnedAboutWithTheClosestName() throws IOException {
        SmallSpec s = generatedOnce().template("model.java.mustache", """
                {{<model-base.java}}
                {{$tostring}}
                    // mine
                {{/tostring}}
                {{$extraMembers}}
                    // mine too
                {{/extraMembers}}
                {{/model-base.java}}
                """);
        GenerationResult r = generate(s, options("com.example", "ExampleClient"));
        List<String> warnings = r.warnings().stream().map(Problem::toString).toList();
        assertTrue(
                warnings.stream()
                        .anyMatch(w -> w.contains("model.java.mustache")
                                && w.contains("block {{$tostring}}")
                                && w.contains("did you mean {{$toString}}")),
                warnings.toString());
        assertFalse(warnings.stream().anyMatch(w -> w.contains("extraMembers")), warnings.toString());
    }

    @Test
    void underStrictAStrayTemplateOrBlockIsAnErrorAndNothingIsWritten() throws IOException {
        SmallSpec s = generatedOnce().template("Client.java.mustache", "ignored");
        LinkOptions strict = new LinkOptions("com.example", "ExampleClient", List.of(), List.of(), true, Map.of());
        refused(s, strict, "Client.java.mustache", "did you mean client.java.mustache?");
        Files.delete(s.templates.resolve("Client.java.mustache"));
        s.template("model.java.mustache", "{{<model-base.java}}{{$tostring}}x{{/tostring}}{{/model-base.java}}");
        refused(s, strict, "block {{$tostring}}", "did you mean {{$toString}}");
    }

    @Test
    void closestIsCaseInsensitiveAndOnlyForLikelyTypos() {
        assertEquals("apps", Suggestions.closest("app", List.of("batch", "apps", "core")));
        assertEquals("toString", Suggestions.closest("tostring", List.of("toString", "fields")));
        assertEquals(null, Suggestions.closest("nosuchgroup", List.of("batch", "apps", "core")));
    }
}
