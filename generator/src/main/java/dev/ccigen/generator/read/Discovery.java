package dev.ccigen.generator.read;

import java.nio.file.Path;
import java.util.List;

/**
 * What the API-groups listings (Kubernetes discovery documents) say the server serves: its group-versions
 * and, for each, its resources and subresources with their verbs. A faithful view: nothing is checked
 * against the OpenAPI document here (that is the link stage's job).
 *
 * @param source        the folder of listing files or the aggregated discovery file
 * @param complete      whether these are everything the server serves (the listings decide what the client offers);
 *                      false when they only list the group-versions of CustomResourceDefinitions given beside a
 *                      document without listings, whose own resources then come from its paths
 */
public record Discovery(Path source, List<GroupVersion> groupVersions, boolean complete) {

    /** The server's listings: everything it serves. */
    public Discovery(Path source, List<GroupVersion> groupVersions) {
        this(source, groupVersions, true);
    }

    /**
     * One group-version: {@code group} is "" for the core group ({@code /api/v1}).
     *
     * @param preferred whether the listings name it the group's preferred version
     */
    public record GroupVersion(String group, String version, boolean preferred, List<Resource> resources, Path file) {
        /** {@code apps/v1}, or {@code v1} for the core group, as Kubernetes writes it. */
        public String groupVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }
    }

    /**
     * One resource or subresource of a group-version.
     *
     * @param name     {@code pods}, or {@code pods/log} for a subresource
     * @param group    the group of its kind when it differs from the group-version's (e.g. {@code autoscaling}
     *                 for {@code deployments/scale}), else null
     * @param version  likewise for the version
     * @param listedAt where it is listed
     */
    public record Resource(
            String name,
            String singularName,
            String kind,
            boolean namespaced,
            List<String> verbs,
            List<String> shortNames,
            List<String> categories,
            String group,
            String version,
            Place listedAt) {

        /** A place in the listings: the file, and the JSON pointer in it. */
        public record Place(Path file, String pointer) {}

        /** The listing file it is in. */
        public Path file() {
            return listedAt.file();
        }

        /** Where it is in {@link #file()} (a JSON pointer). */
        public String pointer() {
            return listedAt.pointer();
        }

        public String plural() {
            int slash = name.indexOf('/');
            return slash < 0 ? name : name.substring(0, slash);
        }

        /** {@code log} for {@code pods/log}; null for a top-level resource. */
        public String subresource() {
            int slash = name.indexOf('/');
            return slash < 0 ? null : name.substring(slash + 1);
        }

        public boolean isSubresource() {
            return name.indexOf('/') >= 0;
        }
    }

    public GroupVersion find(String group, String version) {
        for (GroupVersion gv : groupVersions) {
            if (gv.group().equals(group) && gv.version().equals(version)) {
                return gv;
            }
        }
        return null;
    }
}
