package dev.ccigen.generator.link;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A Java type as the link stage decides it, before it is written in a particular class (where it may be
 * imported or must stay qualified).
 *
 * @param qualifiedName e.g. {@code java.util.List}, {@code com.example.model.core.v1.Pod}, {@code byte[]}
 * @param arguments     type arguments ({@code List<Pod>} has one)
 */
record JavaType(String qualifiedName, List<JavaType> arguments) {
    static final JavaType STRING = of("java.lang.String");
    static final JavaType JSON_NODE = of("com.fasterxml.jackson.databind.JsonNode");
    static final JavaType BYTES = of("byte[]");

    static JavaType of(String qualifiedName) {
        return new JavaType(qualifiedName, List.of());
    }

    static JavaType listOf(JavaType element) {
        return new JavaType("java.util.List", List.of(element));
    }

    static JavaType mapOf(JavaType value) {
        return new JavaType("java.util.Map", List.of(STRING, value));
    }

    String simpleName() {
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }

    String packageName() {
        int dot = qualifiedName.lastIndexOf('.');
        return dot < 0 ? "" : qualifiedName.substring(0, dot);
    }

    boolean isArray() {
        return qualifiedName.endsWith("[]");
    }

    /** Adds every class this type mentions (itself and its arguments). */
    void collect(Set<String> into) {
        if (!isArray()) {
            into.add(qualifiedName);
        }
        for (JavaType a : arguments) {
            a.collect(into);
        }
    }

    /** Java text for this type, with the simple name where {@code simple} allows it. */
    String render(Predicate<String> simple) {
        String head = isArray() || simple.test(qualifiedName) ? simpleName() : qualifiedName;
        if (arguments.isEmpty()) {
            return head;
        }
        StringBuilder b = new StringBuilder(head).append('<');
        for (int i = 0; i < arguments.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(arguments.get(i).render(simple));
        }
        return b.append('>').toString();
    }
}
