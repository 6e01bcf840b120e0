package dev.ccigen.generator.link;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The runtime and JDK classes a resource's class writes by simple name, from what the resource serves: what
 * {@code resource.java.mustache}, {@code resourceAllNamespaces.java.mustache} and their partial {@code listWatch}
 * use for each verb. With the model classes the plan imports, they are the class's imports, sorted as the project's
 * own code is, so a class imports what it uses and nothing else.
 */
final class ResourceImports {
    private final String runtime;
    private final Set<String> imports = new TreeSet<>();

    /** The classes every resource class uses: its calls, and its constructor's transport. */
    ResourceImports(String runtimePackage, List<String> planned, boolean hasListType) {
        this.runtime = runtimePackage;
        imports.addAll(planned);
        runtime("ResourceCalls", "Transport");
        if (!hasListType) {
            runtime("KubernetesList"); // ResourceCalls<T, KubernetesList<T>>
        }
    }

    /** The reads of the collection ({@code listWatch.mustache}): list, listAll, watch, inform. */
    ResourceImports collection(boolean list, boolean watch) {
        if (list) {
            runtime("ListOptions");
            imports.add("java.util.stream.Stream");
        }
        if (watch) {
            runtime("ListOptions", "Watch", "WatchHandle", "Watcher");
        }
        if (list && watch) {
            runtime("Informer", "InformerOptions", "ResourceEventHandler");
        }
        return this;
    }

    /** One object's verbs, in one namespace or cluster-scoped. */
    ResourceImports object(ResourceModel r) {
        if (r.get()) {
            imports.add("java.util.Optional");
        }
        if (r.create() || r.update()) {
            runtime("WriteOptions");
        }
        if (r.edit()) {
            imports.add("java.util.function.UnaryOperator");
        }
        if (r.patch()) {
            runtime("Patch", "PatchOptions");
        }
        if (r.delete() || r.deleteCollection()) {
            runtime("DeleteOptions", "DeleteResult");
        }
        if (r.deleteCollection()) {
            runtime("ListOptions");
        }
        return this;
    }

    /** The subresources' methods and the WebSocket ones. */
    ResourceImports subresources(ResourceModel r) {
        for (ResourceModel.SubresourceModel sub : r.subresources()) {
            if (sub.text()) {
                runtime("LogOptions");
                imports.add("java.io.InputStream");
                imports.add("java.util.stream.Stream");
            } else if (sub.patch()) {
                runtime("Patch", "PatchOptions");
            }
        }
        if (r.exec() || r.attach()) {
            runtime("ExecOptions", "ExecSession");
        }
        if (r.exec()) {
            runtime("ExecResult");
            imports.add("java.util.List");
        }
        if (r.portForward()) {
            runtime("LocalPortForward", "PortForward");
        }
        return this;
    }

    List<String> sorted() {
        return List.copyOf(imports);
    }

    private void runtime(String... names) {
        for (String name : names) {
            imports.add(runtime + "." + name);
        }
    }
}
