package dev.ccigen.generator.read;

import java.util.List;

/**
 * One operation: a method on a path, built by a {@link Builder}. Path-level parameters are merged in (the operation's
 * own win). Two operations are the same only when they are the same object.
 */
public final class Operation {
    private final String path;
    private final String method;
    private final String operationId;
    private final List<String> tags;
    private final String summary;
    private final String description;
    private final List<String> consumes;
    private final List<String> produces;
    private final List<Parameter> parameters;
    private final List<Response> responses;
    private final boolean deprecated;
    private final boolean secured;
    private final Extensions extensions;
    private final String pointer;

    private Operation(Builder b) {
        path = b.path;
        method = b.method;
        operationId = b.operationId;
        tags = b.tags;
        summary = b.summary;
        description = b.description;
        consumes = b.consumes;
        produces = b.produces;
        parameters = b.parameters;
        responses = b.responses;
        deprecated = b.deprecated;
        secured = b.secured;
        extensions = b.extensions;
        pointer = b.pointer;
    }

    /** The operation of {@code method} on {@code path}, read at {@code pointer}. */
    static Builder builder(String path, String method, String pointer) {
        return new Builder(path, method, pointer);
    }

    public String path() {
        return path;
    }

    /** As the document writes it, in lower case: {@code get}, {@code post} … */
    public String method() {
        return method;
    }

    public String operationId() {
        return operationId;
    }

    public List<String> tags() {
        return tags;
    }

    public String summary() {
        return summary;
    }

    public String description() {
        return description;
    }

    public List<String> consumes() {
        return consumes;
    }

    public List<String> produces() {
        return produces;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    public List<Response> responses() {
        return responses;
    }

    public boolean deprecated() {
        return deprecated;
    }

    /** Whether a security requirement applies (the operation's own, else the document's). */
    public boolean secured() {
        return secured;
    }

    public Extensions extensions() {
        return extensions;
    }

    /** Where it is in the document ({@code /paths/~1api~1v1~1pods/get}). */
    public String pointer() {
        return pointer;
    }

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

    @Override
    public String toString() {
        return method.toUpperCase(java.util.Locale.ROOT) + " " + path;
    }

    /** Builds an {@link Operation}; what it is not told stays empty. */
    static final class Builder {
        private final String path;
        private final String method;
        private final String pointer;
        private String operationId;
        private List<String> tags = List.of();
        private String summary;
        private String description;
        private List<String> consumes = List.of();
        private List<String> produces = List.of();
        private List<Parameter> parameters = List.of();
        private List<Response> responses = List.of();
        private boolean deprecated;
        private boolean secured;
        private Extensions extensions = Extensions.NONE;

        private Builder(String path, String method, String pointer) {
            this.path = path;
            this.method = method;
            this.pointer = pointer;
        }

        Builder operationId(String operationId) {
            this.operationId = operationId;
            return this;
        }

        Builder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        Builder summary(String summary, String description) {
            this.summary = summary;
            this.description = description;
            return this;
        }

        /** The media types it takes and answers. */
        Builder mediaTypes(List<String> consumes, List<String> produces) {
            this.consumes = consumes;
            this.produces = produces;
            return this;
        }

        Builder parameters(List<Parameter> parameters) {
            this.parameters = parameters;
            return this;
        }

        Builder responses(List<Response> responses) {
            this.responses = responses;
            return this;
        }

        Builder deprecated(boolean deprecated) {
            this.deprecated = deprecated;
            return this;
        }

        Builder secured(boolean secured) {
            this.secured = secured;
            return this;
        }

        Builder extensions(Extensions extensions) {
            this.extensions = extensions;
            return this;
        }

        Operation build() {
            return new Operation(this);
        }
    }
}
