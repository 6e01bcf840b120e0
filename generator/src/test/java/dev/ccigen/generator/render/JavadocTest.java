package dev.ccigen.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import dev.ccigen.generator.GeneratedKubernetes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public method and constructor of the generated Kubernetes client (models, API classes, runtime, client) and of
 * its test server has Javadoc, except overrides, whose documentation Javadoc inherits.
 */
class JavadocTest {

    @Test
    void everyPublicMethodIsDocumented() throws Exception {
        ParserConfiguration config =
                new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
        List<String> undocumented = new ArrayList<>();
        for (Path sources : List.of(GeneratedKubernetes.get().sources, GeneratedKubernetes.get().testServerSources)) {
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                        .sorted()
                        .toList()) {
                    undocumented.addAll(undocumented(file, config));
                }
            }
        }
        assertEquals(List.of(), undocumented.stream().limit(40).toList(), undocumented.size() + " undocumented");
    }

    private static List<String> undocumented(Path file, ParserConfiguration config) throws IOException {
        List<String> result = new ArrayList<>();
        var unit = new com.github.javaparser.JavaParser(config)
                .parse(file)
                .getResult()
                .orElseThrow();
        for (CallableDeclaration<?> c : unit.findAll(CallableDeclaration.class)) {
            if (c.isPublic()
                    && visible(c)
                    && c.getAnnotationByName("Override").isEmpty()
                    && c.getJavadocComment().isEmpty()) {
                result.add(file.getFileName() + ": " + c.getDeclarationAsString(false, false, false));
            }
        }
        return result;
    }

    /** Whether a user can see it: every class around it is public (not an anonymous or a private helper class). */
    private static boolean visible(Node node) {
        for (Node n = node.getParentNode().orElse(null);
                n != null;
                n = n.getParentNode().orElse(null)) {
            if (n instanceof ObjectCreationExpr
                    || n instanceof TypeDeclaration<?> t && !t.isPublic() && !isInterfaceMember(t)) {
                return false;
            }
        }
        return true;
    }

    /** A type nested in an interface is public without saying so. */
    private static boolean isInterfaceMember(TypeDeclaration<?> t) {
        return t.getParentNode()
                .filter(p -> p instanceof ClassOrInterfaceDeclaration c && c.isInterface())
                .isPresent();
    }
}
