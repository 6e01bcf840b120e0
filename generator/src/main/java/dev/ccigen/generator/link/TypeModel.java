package dev.ccigen.generator.link;

import java.util.List;

/**
 * One model class, generated from one definition (or from an inline object schema, named after where
 * it sits).
 *
 * @param definitionName    the document's name, e.g. {@code io.k8s.api.core.v1.Pod}
 * @param imports           fully qualified names to import, sorted
 * @param javadoc           the description as Javadoc lines, escaped
 * @param apiVersion        the default {@code apiVersion} of a top-level kind, else null
 * @param kind              the default {@code kind} of a top-level kind, else null
 * @param implementsType    {@code KubernetesObject}, {@code KubernetesList<Pod>} or null
 * @param metadataGetter    for a Kubernetes object or list: the getter of its metadata; null otherwise
 * @param itemsGetter       for a list: the getter of its items
 */
public record TypeModel(
        String definitionName,
        String packageName,
        String className,
        String qualifiedName,
        List<String> imports,
        List<String> javadoc,
        boolean deprecated,
        List<PropertyModel> properties,
        List<EnumModel> enums,
        String apiVersion,
        String kind,
        String implementsType,
        String metadataGetter,
        String itemsGetter) {

    public boolean hasKindDefaults() {
        return kind != null;
    }

    public boolean isKubernetesObject() {
        return implementsType != null && implementsType.equals("KubernetesObject");
    }

    public boolean isKubernetesList() {
        return implementsType != null && implementsType.startsWith("KubernetesList");
    }

    /** A nested enum: a property's allowed values. */
    public record EnumModel(String name, List<EnumConstant> constants) {}

    /** @param value the wire value, escaped for a Java string literal */
    public record EnumConstant(String name, String value) {}
}
