package dev.ccigen.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.generator.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvalidJavaTest {
    private static final Map<String, String> TEXTS = Map.of("a.java.mustache", """
            class {{name}} {
                int x = {{value}};
            }
            """);

    @Test
    void theSameErrorInManyFilesIsOneProblem() {
        List<InvalidJava.Found> found = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            found.add(new InvalidJava.Found("a.java.mustache", "p/F" + i + ".java", 2, "Parse error", "int x = ;"));
        }
        List<Problem> problems = InvalidJava.report(found, t -> TEXTS);
        assertEquals(1, problems.size(), problems::toString);
        assertEquals(
                "template a.java.mustache rendered invalid Java in 50 files, same error at a.java.mustache line 2: "
                        + "Parse error\n      the line: int x = ;\n      first in p/F0.java at line 2",
                problems.get(0).message());
    }

    @Test
    void pastTheCapOneProblemCountsTheRest() {
        List<InvalidJava.Found> found = new ArrayList<>();
        for (int i = 0; i < InvalidJava.MAX_GROUPS + 5; i++) {
            found.add(new InvalidJava.Found(
                    "a.java.mustache", "p/F" + i + ".java", 1, "error " + i, "class X" + i + " {"));
            found.add(new InvalidJava.Found(
                    "a.java.mustache", "p/G" + i + ".java", 1, "error " + i, "class Y" + i + " {"));
        }
        List<Problem> problems = InvalidJava.report(found, t -> TEXTS);
        assertEquals(InvalidJava.MAX_GROUPS + 1, problems.size());
        assertTrue(problems.subList(0, InvalidJava.MAX_GROUPS).stream()
                .allMatch(p -> p.message().contains(" in 2 files, ")));
        assertEquals(
                "and 5 more distinct errors in 10 files (of a.java.mustache), not listed",
                problems.get(InvalidJava.MAX_GROUPS).message());
    }

    @Test
    void theTemplateLineIsTheOneWhoseTextTheGeneratedLineHasMostOf() {
        assertEquals("a.java.mustache line 2", String.valueOf(InvalidJava.locate("int x = 1 +;", TEXTS)));
        assertEquals("a.java.mustache line 1", String.valueOf(InvalidJava.locate("class Foo {", TEXTS)));
        assertNull(InvalidJava.locate("return y;", TEXTS));
    }
}
