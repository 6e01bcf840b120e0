package dev.ccigen.generator.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Setters' Javadoc reads as written by hand: what they set, then the description's first sentence. */
    @Test
    void settersSayWhatTheySet() throws Exception {
        Path models = GeneratedKubernetes.get().sources.resolve("io/example/k8s/model");
        String pod = Files.readString(models.resolve("core/v1/Pod.java"));
        assertTrue(
                pod.contains("/** Sets apiVersion: APIVersion defines the versioned schema of this representation of an"
                        + " object."),
                pod);
        assertTrue(
                pod.contains("/** Edits metadata in its own builder (a copy of it, or a new one): Standard object's"
                        + " metadata."),
                pod);
        String container = Files.readString(models.resolve("core/v1/Container.java"));
        assertTrue(container.contains("/** Adds one item to args: Arguments to the entrypoint."), container);
        String meta = Files.readString(models.resolve("meta/v1/ObjectMeta.java"));
        assertTrue(meta.contains("/** Puts one entry into labels: Map of string keys and values"), meta);
        List<String> colonFirst = new ArrayList<>();
        try (Stream<Path> files = Files.walk(models)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (Files.readString(f).matches("(?s).*/\\*\\* (Sets|Adds one item|Puts one entry): .*")) {
                    colonFirst.add(f.getFileName().toString());
                }
            }
        }
        assertEquals(List.of(), colonFirst);
    }

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
