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

    public Parameter parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
