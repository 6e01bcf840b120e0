package dev.ccigen.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.expr.LambdaExpr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's and the plugin's main code stay in rooms a reader can take in (issue 25): no method, constructor or
 * lambda over {@value #MAX_LINES} lines, no record over {@value #MAX_COMPONENTS} components (a model with more is a
 * class built by a builder). Prints the largest of each, so a change that grows them shows.
 */
class CodeShapeTest {
    static final int MAX_LINES = 60;
    static final int MAX_COMPONENTS = 10;
    static final List<Path> ROOTS = List.of(Path.of("src/main/java"), Path.of("../maven-plugin/src/main/java"));

    record Measure(int size, String where) {}

    @Test
    void methodsAndRecordsStaySmall() throws IOException {
        List<Measure> methods = new ArrayList<>();
        List<Measure> records = new ArrayList<>();
        JavaParser parser =
                new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
        for (Path root : ROOTS) {
            assertTrue(Files.isDirectory(root), root + " is missing: run from the generator module");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    CompilationUnit unit = parser.parse(file).getResult().orElseThrow();
                    String name = root.relativize(file).toString();
                    unit.findAll(CallableDeclaration.class)
                            .forEach(m -> methods.add(new Measure(lines(m), name + ": " + m.getNameAsString())));
                    unit.findAll(LambdaExpr.class).forEach(l -> methods.add(new Measure(lines(l), name + ": lambda")));
                    unit.findAll(RecordDeclaration.class)
                            .forEach(r -> records.add(
                                    new Measure(r.getParameters().size(), name + ": " + r.getNameAsString())));
                }
            }
        }
        methods.sort(Comparator.comparingInt(Measure::size).reversed());
        records.sort(Comparator.comparingInt(Measure::size).reversed());
        System.out.println("[code shape] largest methods: " + methods.subList(0, 5));
        System.out.println("[code shape] largest records: " + records.subList(0, 5));
        assertEquals(
                List.of(), methods.stream().filter(m -> m.size() > MAX_LINES).toList(), "methods too long");
        assertEquals(
                List.of(),
                records.stream().filter(r -> r.size() > MAX_COMPONENTS).toList(),
                "records too wide");
    }

    private static int lines(com.github.javaparser.ast.Node node) {
        return node.getRange().map(r -> r.getLineCount()).orElse(0);
    }
}
