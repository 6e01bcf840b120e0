package dev.ccigen.generator.link;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The linked API model: what to generate, with every Java name and type already decided, built by a {@link Builder}.
 * It is the Mustache context of every template (documented, name by name, in {@code templates/README.md}; its fields
 * are in that order). Immutable; lists are in a stable order so identical inputs render identical bytes.
 */
public final class ApiModel {
    private final String title;
    private final String version;
    private final List<String> javadoc;
    private final String basePackage;
    private final String modelPackage;
    private final String apiPackage;
    private final String runtimePackage;
    private final String clientName;
    private final String defaultEndpoint;
    private final List<TypeModel> types;
    private final List<GroupVersionModel> groupVersions;
    private final List<OperationGroupModel> operationGroups;
    private final List<KindModel> kinds;
    private final List<ErrorCodeModel> errorCodes;
    private final Map<String, String> templateProperties;

    private ApiModel(Builder b) {
        title = b.title;
        version = b.version;
        javadoc = b.javadoc;
        basePackage = b.basePackage;
        modelPackage = b.modelPackage;
        apiPackage = b.apiPackage;
        runtimePackage = b.runtimePackage;
        clientName = b.clientName;
        defaultEndpoint = b.defaultEndpoint;
        types = b.types;
        groupVersions = b.groupVersions;
        operationGroups = b.operationGroups;
        kinds = b.kinds;
        errorCodes = b.errorCodes;
        templateProperties = b.templateProperties;
    }

    /** The model of a client configured by {@code options}: its packages, client name and template properties. */
    static Builder builder(LinkOptions options) {
        return new Builder(options);
    }

    /** The document's title, escaped for a Java string literal ("" without one). */
    public String title() {
        return title;
    }

    /** The document's version, likewise. */
    public String version() {
        return version;
    }

    /** The document's description as Javadoc lines. */
    public List<String> javadoc() {
        return javadoc;
    }

    /** The user's base package, e.g. {@code com.example.cci}. */
    public String basePackage() {
        return basePackage;
    }

    /** {@code <basePackage>.model}. */
    public String modelPackage() {
        return modelPackage;
    }

    /** {@code <basePackage>.api}. */
    public String apiPackage() {
        return apiPackage;
    }

    /**
     * {@code dev.ccigen.runtime}, the {@code ccigen-runtime} library's, or {@code <basePackage>.runtime} when its
     * sources are written inline.
     */
    public String runtimePackage() {
        return runtimePackage;
    }

    /** The client's simple class name, e.g. {@code CciClient}, in {@code basePackage}. */
    public String clientName() {
        return clientName;
    }

    /**
     * {@code https://<host>} from the document's {@code host} and {@code schemes} (literal), the client builder's
     * endpoint until the user sets one; null when the document names no host.
     */
    public String defaultEndpoint() {
        return defaultEndpoint;
    }

    /** One entry per model class. */
    public List<TypeModel> types() {
        return types;
    }

    /** The resource-style API, one entry per served group-version. */
    public List<GroupVersionModel> groupVersions() {
        return groupVersions;
    }

    /** The operation-style API, one class per tag. */
    public List<OperationGroupModel> operationGroups() {
        return operationGroups;
    }

    /** Every (apiVersion, kind) with its model class, for {@code Kinds}. */
    public List<KindModel> kinds() {
        return kinds;
    }

    /** The document's {@code x-ccigen-error-codes}, for {@code ErrorCodes}. */
    public List<ErrorCodeModel> errorCodes() {
        return errorCodes;
    }

    /** The user's extra template properties (from the plugin's {@code templateProperties}). */
    public Map<String, String> templateProperties() {
        return templateProperties;
    }

    /** Whether generated code uses the {@code ccigen-runtime} library (else its sources are written inline). */
    public boolean runtimeLibrary() {
        return runtimePackage.equals(LinkOptions.LIBRARY_RUNTIME_PACKAGE);
    }

    /** The test server's generic part: the {@code ccigen-test-server} library's package, or the inline copy's. */
    public String testServerPackage() {
        return runtimeLibrary() ? LinkOptions.LIBRARY_TEST_SERVER_PACKAGE : basePackage + ".testserver";
    }

    /** The version of ccigen that generates this code, which the client checks the runtime library against. */
    public String ccigenVersion() {
        return GeneratorVersion.VERSION;
    }

    public boolean hasErrorCodes() {
        return !errorCodes.isEmpty();
    }

    /** The client's first accessor (a group-version's, else a tag's), for the client's Javadoc example; null if none. */
    public String exampleAccessor() {
        return !groupVersions.isEmpty()
                ? groupVersions.get(0).accessor()
                : !operationGroups.isEmpty() ? operationGroups.get(0).accessor() : null;
    }

    /** What {@code Kinds.java.mustache} imports, sorted as the project's own code is (the runtime's package varies). */
    public List<String> kindsImports() {
        return new java.util.TreeSet<>(List.of(
                        "com.fasterxml.jackson.databind.JsonNode",
                        runtimePackage() + ".Json",
                        runtimePackage() + ".WatchEvent",
                        "java.util.Optional"))
                .stream().toList();
    }

    /** One (apiVersion, kind) pair and the class that holds it. */
    public record KindModel(String apiVersion, String kind, String qualifiedName) {}

    /** One row of an API's error-code table; the text fields are escaped for a Java string literal. */
    public record ErrorCodeModel(String code, int status, String message, String meaning) {}

    @Override
    public String toString() {
        return "ApiModel(" + basePackage + "." + clientName + ")";
    }

    /** Builds an {@link ApiModel}; the packages, client name and template properties come from the options. */
    static final class Builder {
        private final String basePackage;
        private final String modelPackage;
        private final String apiPackage;
        private final String runtimePackage;
        private final String clientName;
        private final Map<String, String> templateProperties;
        private String title = "";
        private String version = "";
        private List<String> javadoc = List.of();
        private String defaultEndpoint;
        private List<TypeModel> types = List.of();
        private List<GroupVersionModel> groupVersions = List.of();
        private List<OperationGroupModel> operationGroups = List.of();
        private List<KindModel> kinds = List.of();
        private List<ErrorCodeModel> errorCodes = List.of();

        private Builder(LinkOptions options) {
            basePackage = options.basePackage();
            modelPackage = options.modelPackage();
            apiPackage = options.apiPackage();
            runtimePackage = options.runtimePackage();
            clientName = options.clientName();
            templateProperties = new TreeMap<>(options.properties());
        }

        /** The document's title, escaped for a Java string literal. */
        Builder title(String title) {
            this.title = title;
            return this;
        }

        /** The document's version, escaped for a Java string literal. */
        Builder version(String version) {
            this.version = version;
            return this;
        }

        Builder javadoc(List<String> javadoc) {
            this.javadoc = javadoc;
            return this;
        }

        Builder defaultEndpoint(String defaultEndpoint) {
            this.defaultEndpoint = defaultEndpoint;
            return this;
        }

        Builder types(List<TypeModel> types) {
            this.types = types;
            return this;
        }

        Builder groupVersions(List<GroupVersionModel> groupVersions) {
            this.groupVersions = groupVersions;
            return this;
        }

        Builder operationGroups(List<OperationGroupModel> operationGroups) {
            this.operationGroups = operationGroups;
            return this;
        }

        Builder kinds(List<KindModel> kinds) {
            this.kinds = kinds;
            return this;
        }

        Builder errorCodes(List<ErrorCodeModel> errorCodes) {
            this.errorCodes = errorCodes;
            return this;
        }

        ApiModel build() {
            return new ApiModel(this);
        }
    }
}
