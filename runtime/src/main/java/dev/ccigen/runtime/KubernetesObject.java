package dev.ccigen.runtime;

/**
 * Implemented by every generated top-level kind, so that generic code ({@link ResourceCalls},
 * {@link Watch}) can find an object's identity without knowing its class.
 */
public interface KubernetesObject {

    /** {@code metadata.name}, or {@code null} when there is no metadata or no name. */
    String objectName();

    /** {@code metadata.namespace}, or {@code null} (always {@code null} for cluster-scoped kinds). */
    String objectNamespace();

    /** {@code metadata.resourceVersion}, or {@code null}. */
    String objectResourceVersion();
}
