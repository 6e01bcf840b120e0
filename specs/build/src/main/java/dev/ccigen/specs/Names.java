package dev.ccigen.specs;

/** Kubernetes' naming of operation ids and tags, so that added operations read like generated ones. */
final class Names {
    private Names() {}

    /** `rbac.authorization.k8s.io` -> `RbacAuthorization`, `batch.volcano.sh` -> `BatchVolcanoSh`, core -> `Core`. */
    static String groupToken(String group) {
        if (group.isEmpty()) {
            return "Core";
        }
        String trimmed = group.endsWith(".k8s.io") ? group.substring(0, group.length() - ".k8s.io".length()) : group;
        StringBuilder out = new StringBuilder();
        for (String part : trimmed.split("[.-]")) {
            out.append(capitalize(part));
        }
        return out.toString();
    }

    /** `BatchVolcanoShV1alpha1`. */
    static String groupVersionToken(String group, String version) {
        return groupToken(group) + capitalize(version);
    }

    /** The operation tag of a group-version, `batchVolcanoSh_v1alpha1`. */
    static String tag(String group, String version) {
        return groupTag(group) + "_" + version;
    }

    /** The operation tag of a group, `batchVolcanoSh`. */
    static String groupTag(String group) {
        String token = groupToken(group);
        return Character.toLowerCase(token.charAt(0)) + token.substring(1);
    }

    static String groupVersion(String group, String version) {
        return group.isEmpty() ? version : group + "/" + version;
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
