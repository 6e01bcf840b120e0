package dev.ccigen.generator.hostile;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.problem.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text of the document and the listings lands in identifiers, string literals and Javadoc: either it is escaped
 * for each place (and the output compiles, with the text meaning what it meant) or, where Kubernetes forbids it
 * anyway, it is refused with its place. Never "generated, then javac fails".
 */
class SpecTextTest {
    @TempDir
    Path dir;

    @Test
    void textJavaCanCarryIsEscapedWhereItLands() throws Exception {
        SmallKubernetesApi api = SmallKubernetesApi.replacing(
                "\"reports\"]", "\"a*/b\"]", // a tag (in Javadoc and a class name)
                "getReport", "get*/\\\"Report\\\\u000a", // an operationId
                "/reports/{id}", "/re*/\\\"ports\\\"/{id}", // a path
                "\"Example\"", "\"Ex*/ample \\\"1\\\"\"", // the title
                "\"basePath\": \"/\"", "\"basePath\": \"/base*/\\\"x\\\"\"",
                "X-Trace", "X-*/Trace", // a header parameter
                "X-Request-Id", "X-*/Id"); // a response header
        SmallKubernetesApi.Outcome o = api.check(dir, "escapable text");
        assertNull(o.refusal(), () -> o.refusal().getMessage());
        String reports = Files.readString(o.out().resolve("com/example/api/ABApi.java"));
        assertTrue(reports.contains("\"/base*\\057\\\"x\\\"/re*\\057\\\"ports\\\"/{id}\""), reports);
        assertTrue(reports.contains("request$.header(\"X-*\\057Trace\""), reports);
        String things = Files.readString(o.out().resolve("com/example/api/example/io/v1/Things.java"));
        assertTrue(things.contains("\"/base*\\057\\\"x\\\"/apis/example.io/v1\""), things);
    }

    static Stream<Arguments> forbiddenNames() {
        return Stream.of(
                Arguments.of("a kind", new String[] {"\"kind\": \"Thing\"", "\"kind\": \"Thi*/ng\""}),
                Arguments.of("a group", new String[] {"example.io", "ex\\\"ample.io"}),
                Arguments.of("a group", new String[] {"example.io", "ex*/ample.io"}),
                Arguments.of("a version", new String[] {
                    "example.io/v1", "example.io/v1\\\"", "\"version\": \"v1\"", "\"version\": \"v1\\\"\""
                }),
                Arguments.of("a plural", new String[] {"things", "th*/ings"}),
                Arguments.of("a plural", new String[] {"things", "th\\\"ings"}),
                Arguments.of("a subresource", new String[] {"status", "sta\\\"tus"}),
                Arguments.of("a short name", new String[] {"[\"th\"]", "[\"t*/h\"]"}),
                Arguments.of(
                        "a singular name",
                        new String[] {"\"singularName\": \"thing\"", "\"singularName\": \"thi\\\"ng\""}));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("forbiddenNames")
    void namesKubernetesForbidsAreRefusedWithTheirPlace(String what, String[] changes) throws Exception {
        SmallKubernetesApi.Outcome o = SmallKubernetesApi.replacing(changes).check(dir, what);
        assertNotNull(o.refusal(), what + " " + changes[1] + " was accepted");
        List<Problem> refused = o.refusal().problems().stream()
                .filter(p -> p.message().contains("is not a name Kubernetes allows"))
                .toList();
        assertTrue(
                !refused.isEmpty() && refused.stream().allMatch(p -> p.pointer() != null),
                o.refusal().getMessage());
    }
}
