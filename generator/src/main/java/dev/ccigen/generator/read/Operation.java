package dev.ccigen.generator.read;

import java.util.List;

/**
 * One operation: a method on a path. Path-level parameters are merged in (the operation's own win).
 */
public record Operation(
        String path,
        String method,
        String operationId,
        List<String> tags,
        String summary,
        String description,
        List<String> consumes,
        List<String> produces,
        List<Parameter> parameters,
        List<Response> responses,
        boolean deprecated,
        boolean secured,
        Extensions extensions,
        String pointer) {

    /** Kubernetes' verb for this operation ({@code x-kubernetes-action}), or null. */
    public String kubernetesAction() {
        return extensions.text("x-kubernetes-action");
    }

    /**
     * The schema of the first 2xx response that has one: what a successful call answers; null when none does. An
     * operation that lists no 2xx response at all, only a {@code default}, answers the default's schema.
     */
    public Schema successSchema() {
        boolean any2xx = false;
        for (Response r : responses) {
            if (r.status().startsWith("2")) {
                any2xx = true;
                if (r.schema() != null) {
                    return r.schema();
                }
            }
        }
        for (Response r : responses) {
            if (!any2xx && r.status().equals("default")) {
                return r.schema();
            }
        }
        return null;
    }

    public Parameter parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
