package dev.ccigen.generator.link;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides, for one generated class, which referenced types it may write by their simple name and which
 * it must import: a simple name is used when no other referenced type, nested type or the class itself
 * has it (a same-package type wins a tie); everything else stays fully qualified.
 */
record Imports(Set<String> simple, List<String> imports) {

    /** Simple names the API templates use for themselves: a model class of the same name is written qualified. */
    static final Set<String> RUNTIME_NAMES = Set.of(
            "Transport",
            "KubernetesList",
            "Informer",
            "InformerOptions",
            "ResourceEventHandler",
            "Watcher",
            "WatchHandle",
            "Patch",
            "DeleteResult",
            "Optional",
            "UnaryOperator",
            "ApiResponse",
            "Request",
            "TypeReference",
            "ResourceCalls",
            "ListOptions",
            "WriteOptions",
            "PatchOptions",
            "DeleteOptions",
            "LogOptions",
            "PatchType",
            "Watch",
            "ExecOptions",
            "ExecResult",
            "ExecSession",
            "PortForward",
            "LocalPortForward",
            "InputStream",
            "Stream",
            "List",
            "Map",
            "Objects",
            "String",
            "Object",
            "Void",
            "Long",
            "Integer",
            "Boolean");

    static Imports plan(String ownPackage, Set<String> namesInScope, Collection<String> referenced) {
        return plan(ownPackage, namesInScope, referenced, Set.of());
    }

    /** @param imported types the template imports itself (e.g. {@code java.util.List}): written simply, not imported again */
    static Imports plan(
            String ownPackage, Set<String> namesInScope, Collection<String> referenced, Set<String> imported) {
        Set<String> refs = new TreeSet<>(referenced);
        Map<String, Integer> count = new HashMap<>();
        refs.forEach(q -> count.merge(simpleOf(q), 1, Integer::sum));
        Set<String> simple = new HashSet<>(imported);
        for (String q : refs) {
            String s = simpleOf(q);
            boolean unique = count.get(s) == 1 || packageOf(q).equals(ownPackage);
            if (unique && !namesInScope.contains(s)) {
                simple.add(q);
            }
        }
        List<String> imports = refs.stream()
                .filter(q -> simple.contains(q) && !imported.contains(q))
                .filter(q -> q.contains(".")
                        && !packageOf(q).equals("java.lang")
                        && !packageOf(q).equals(ownPackage))
                .toList();
        return new Imports(simple, imports);
    }

    String render(JavaType type) {
        return type.render(q -> simple.contains(q) || q.startsWith("java.lang."));
    }

    static String simpleOf(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    static String packageOf(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? "" : qualified.substring(0, dot);
    }
}
