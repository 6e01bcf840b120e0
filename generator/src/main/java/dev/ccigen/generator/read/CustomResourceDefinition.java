package dev.ccigen.generator.read;

import java.nio.file.Path;
import java.util.List;

/**
 * One CustomResourceDefinition as its manifest says it ({@code apiextensions.k8s.io/v1} or {@code v1beta1}, whose
 * single {@code version}, shared {@code validation} and {@code subresources} are read as v1 writes them per version):
 * exactly what a server's listings say of the resource, and where the manifest is.
 *
 * @param name       {@code metadata.name}, {@code <plural>.<group>}
 * @param names      {@code spec.names}, with Kubernetes' defaults filled in ({@code listKind}, {@code singular})
 * @param namespaced {@code spec.scope} is {@code Namespaced}
 * @param versions   the served versions, in the manifest's order
 * @param at         where the manifest is: its file, and the line and column of its first value
 */
public record CustomResourceDefinition(
        String name, String group, Names names, boolean namespaced, List<Version> versions, Location at) {

    /** {@code spec.names}. */
    public record Names(
            String kind,
            String listKind,
            String plural,
            String singular,
            List<String> shortNames,
            List<String> categories) {}

    /**
     * One served version.
     *
     * @param deprecated {@code deprecated: true}: its classes are {@code @Deprecated}
     * @param status     the {@code status} subresource is enabled
     * @param scale      the {@code scale} subresource, or null when it is not enabled
     * @param storage    the version the server stores
     * @param at         where the version is in the manifest
     */
    public record Version(String name, boolean deprecated, boolean status, Scale scale, boolean storage, Location at) {}

    /** The {@code scale} subresource's paths into the custom resource (JSON paths, as the manifest writes them). */
    public record Scale(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {}

    /** A place in a manifest: the file and, when known, a line and column (from 1). */
    public record Location(Path file, int line, int column) {
        @Override
        public String toString() {
            return line > 0 ? file + ":" + line + ":" + column : file.toString();
        }
    }

    /** {@code batch.volcano.sh/v1alpha1}. */
    public String groupVersion(Version version) {
        return group + "/" + version.name();
    }
}
