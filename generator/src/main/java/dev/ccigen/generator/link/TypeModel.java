package dev.ccigen.generator.link;

import java.util.List;

/**
 * One model class, generated from one definition (or from an inline object schema, named after where it sits), built
 * by a {@link Builder}. Its fields are in the order templates/README.md lists them.
 */
public final class TypeModel {
    private final String definitionName;
    private final String packageName;
    private final String className;
    private final String qualifiedName;
    private final List<String> imports;
    private final List<String> javadoc;
    private final boolean deprecated;
    private final List<PropertyModel> properties;
    private final List<EnumModel> enums;
    private final String apiVersion;
    private final String kind;
    private final String implementsType;
    private final String metadataGetter;
    private final String itemsGetter;

    private TypeModel(Builder b) {
        definitionName = b.definitionName;
        packageName = b.packageName;
        className = b.className;
        qualifiedName = b.qualifiedName;
        imports = b.imports;
        javadoc = b.javadoc;
        deprecated = b.deprecated;
        properties = b.properties;
        enums = b.enums;
        apiVersion = b.apiVersion;
        kind = b.kind;
        implementsType = b.implementsType;
        metadataGetter = b.metadataGetter;
        itemsGetter = b.itemsGetter;
    }

    /** The class {@code qualifiedName} ({@code <packageName>.<className>}). */
    static Builder builder(String packageName, String className) {
        return new Builder(packageName, className);
    }

    /** The document's name, e.g. {@code io.k8s.api.core.v1.Pod}; null for an inline object. */
    public String definitionName() {
        return definitionName;
    }

    public String packageName() {
        return packageName;
    }

    public String className() {
        return className;
    }

    public String qualifiedName() {
        return qualifiedName;
    }

    /** Fully qualified names to import, sorted. */
    public List<String> imports() {
        return imports;
    }

    /** The description as Javadoc lines, escaped. */
    public List<String> javadoc() {
        return javadoc;
    }

    public boolean deprecated() {
        return deprecated;
    }

    public List<PropertyModel> properties() {
        return properties;
    }

    public List<EnumModel> enums() {
        return enums;
    }

    /** The default {@code apiVersion} of a top-level kind, else null. */
    public String apiVersion() {
        return apiVersion;
    }

    /** The default {@code kind} of a top-level kind, else null. */
    public String kind() {
        return kind;
    }

    /** {@code KubernetesObject}, {@code KubernetesList<Pod>} or null. */
    public String implementsType() {
        return implementsType;
    }

    /** For a Kubernetes object or list: the getter of its metadata; null otherwise. */
    public String metadataGetter() {
        return metadataGetter;
    }

    /** For a list: the getter of its items. */
    public String itemsGetter() {
        return itemsGetter;
    }

    public boolean hasKindDefaults() {
        return kind != null;
    }

    public boolean isKubernetesObject() {
        return implementsType != null && implementsType.equals("KubernetesObject");
    }

    public boolean isKubernetesList() {
        return implementsType != null && implementsType.startsWith("KubernetesList");
    }

    @Override
    public String toString() {
        return "TypeModel(" + qualifiedName + ")";
    }

    /** A nested enum: a property's allowed values. */
    public record EnumModel(String name, List<EnumConstant> constants) {}

    /** @param value the wire value, escaped for a Java string literal */
    public record EnumConstant(String name, String value) {}

    /** Builds a {@link TypeModel}; lists default to empty, the rest to null and false. */
    static final class Builder {
        private final String packageName;
        private final String className;
        private final String qualifiedName;
        private String definitionName;
        private List<String> imports = List.of();
        private List<String> javadoc = List.of();
        private boolean deprecated;
        private List<PropertyModel> properties = List.of();
        private List<EnumModel> enums = List.of();
        private String apiVersion;
        private String kind;
        private String implementsType;
        private String metadataGetter;
        private String itemsGetter;

        private Builder(String packageName, String className) {
            this.packageName = packageName;
            this.className = className;
            this.qualifiedName = packageName + "." + className;
        }

        Builder definitionName(String definitionName) {
            this.definitionName = definitionName;
            return this;
        }

        Builder imports(List<String> imports) {
            this.imports = imports;
            return this;
        }

        Builder javadoc(List<String> javadoc) {
            this.javadoc = javadoc;
            return this;
        }

        Builder deprecated(boolean deprecated) {
            this.deprecated = deprecated;
            return this;
        }

        Builder properties(List<PropertyModel> properties) {
            this.properties = properties;
            return this;
        }

        Builder enums(List<EnumModel> enums) {
            this.enums = enums;
            return this;
        }

        Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        Builder implementsType(String implementsType) {
            this.implementsType = implementsType;
            return this;
        }

        Builder metadataGetter(String metadataGetter) {
            this.metadataGetter = metadataGetter;
            return this;
        }

        Builder itemsGetter(String itemsGetter) {
            this.itemsGetter = itemsGetter;
            return this;
        }

        TypeModel build() {
            return new TypeModel(this);
        }
    }
}
