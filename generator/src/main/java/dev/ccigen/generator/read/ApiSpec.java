package dev.ccigen.generator.read;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A faithful, typed view of one OpenAPI v2 document (with the files its {@code $ref}s reach), built by a
 * {@link Builder}. Nothing Java-specific: names are the document's own.
 */
public final class ApiSpec {
    private final Path source;
    private final String title;
    private final String version;
    private final String description;
    private final String host;
    private final String basePath;
    private final List<String> schemes;
    private final List<String> consumes;
    private final List<String> produces;
    private final Map<String, Schema> definitions;
    private final List<Operation> operations;
    private final Map<String, SecurityScheme> securityDefinitions;
    private final Extensions extensions;
    private final java.util.Set<String> customResourceKinds;

    private ApiSpec(Builder b) {
        source = b.source;
        title = b.title;
        version = b.version;
        description = b.description;
        host = b.host;
        basePath = b.basePath;
        schemes = b.schemes;
        consumes = b.consumes;
        produces = b.produces;
        definitions = b.definitions;
        operations = b.operations;
        securityDefinitions = b.securityDefinitions;
        extensions = b.extensions;
        customResourceKinds = b.customResourceKinds;
    }

    /** The document read from {@code source}. */
    static Builder builder(Path source) {
        return new Builder(source);
    }

    /** A builder holding everything this document holds: to change a part (the definitions, the operations). */
    Builder toBuilder() {
        return new Builder(source)
                .info(title, version, description)
                .endpoint(host, basePath, schemes)
                .mediaTypes(consumes, produces)
                .definitions(definitions)
                .operations(operations)
                .securityDefinitions(securityDefinitions)
                .extensions(extensions)
                .customResourceKinds(customResourceKinds);
    }

    public Path source() {
        return source;
    }

    /** {@code info.title}, {@code info.version}, {@code info.description}: each null when absent. */
    public String title() {
        return title;
    }

    public String version() {
        return version;
    }

    public String description() {
        return description;
    }

    public String host() {
        return host;
    }

    public String basePath() {
        return basePath;
    }

    public List<String> schemes() {
        return schemes;
    }

    public List<String> consumes() {
        return consumes;
    }

    public List<String> produces() {
        return produces;
    }

    /**
     * Every definition by name, in document order (definitions reached through a {@code $ref} into another file are
     * added under their own name).
     */
    public Map<String, Schema> definitions() {
        return definitions;
    }

    /** Every operation, in document order of paths and then get, put, post, delete, options, head, patch. */
    public List<Operation> operations() {
        return operations;
    }

    public Map<String, SecurityScheme> securityDefinitions() {
        return securityDefinitions;
    }

    public Extensions extensions() {
        return extensions;
    }

    /**
     * The definitions of kinds read from CustomResourceDefinitions (their schemas hold every object in place, as
     * {@code openAPIV3Schema} does); empty for a document alone.
     */
    public java.util.Set<String> customResourceKinds() {
        return customResourceKinds;
    }

    /** A security scheme: {@code apiKey} (name, in), {@code basic} or {@code oauth2}. */
    public record SecurityScheme(String type, String name, String in, String description) {}

    public Schema definition(String name) {
        return definitions.get(name);
    }

    /**
     * The prefix every path of the document is relative to: {@code basePath} without its trailing slash, empty when
     * the document has none or {@code /}.
     */
    public String pathPrefix() {
        if (basePath == null || basePath.isBlank()) {
            return "";
        }
        String p = basePath.strip().replaceAll("/+$", "");
        return p.isEmpty() ? "" : p.startsWith("/") ? p : "/" + p;
    }

    /** Follows {@code $ref}s until a schema that is not a pure reference (aliases resolved; loops are errors of the reader). */
    public Schema resolve(Schema schema) {
        Schema s = schema;
        for (int hops = 0; s != null && s.isRef() && hops < 64; hops++) {
            s = definitions.get(s.ref());
        }
        return s;
    }

    /** Builds an {@link ApiSpec}. */
    static final class Builder {
        private final Path source;
        private String title;
        private String version;
        private String description;
        private String host;
        private String basePath;
        private List<String> schemes = List.of();
        private List<String> consumes = List.of();
        private List<String> produces = List.of();
        private Map<String, Schema> definitions = Map.of();
        private List<Operation> operations = List.of();
        private Map<String, SecurityScheme> securityDefinitions = Map.of();
        private Extensions extensions = Extensions.NONE;
        private java.util.Set<String> customResourceKinds = java.util.Set.of();

        private Builder(Path source) {
            this.source = source;
        }

        /** The {@code info} object's texts. */
        Builder info(String title, String version, String description) {
            this.title = title;
            this.version = version;
            this.description = description;
            return this;
        }

        /** Where the API is served: {@code host}, {@code basePath}, {@code schemes}. */
        Builder endpoint(String host, String basePath, List<String> schemes) {
            this.host = host;
            this.basePath = basePath;
            this.schemes = schemes;
            return this;
        }

        /** The document's default media types. */
        Builder mediaTypes(List<String> consumes, List<String> produces) {
            this.consumes = consumes;
            this.produces = produces;
            return this;
        }

        Builder definitions(Map<String, Schema> definitions) {
            this.definitions = definitions;
            return this;
        }

        Builder operations(List<Operation> operations) {
            this.operations = operations;
            return this;
        }

        Builder securityDefinitions(Map<String, SecurityScheme> securityDefinitions) {
            this.securityDefinitions = securityDefinitions;
            return this;
        }

        Builder extensions(Extensions extensions) {
            this.extensions = extensions;
            return this;
        }

        Builder customResourceKinds(java.util.Set<String> customResourceKinds) {
            this.customResourceKinds = customResourceKinds;
            return this;
        }

        ApiSpec build() {
            return new ApiSpec(this);
        }
    }
}
