package dev.ccigen.generator.link;

/**
 * The shape of a Kubernetes-style path: {@code /api/v1/namespaces/{namespace}/pods/{name}/log} is group "",
 * version v1, namespaced, plural pods, named, subresource log. The one parser of such paths: the link stage's, and
 * the specs/build tool's that assembles the CCI document.
 *
 * @param watch     the deprecated {@code /watch/} form
 * @param extraPath more segments after the subresource ({@code .../proxy/{path}})
 */
public record PathShape(
        String group,
        String version,
        boolean namespaced,
        String plural,
        boolean named,
        String subresource,
        boolean watch,
        boolean extraPath) {

    /** Parses {@code path}; null when it is not a resource path. */
    public static PathShape of(String path) {
        String[] s = path.split("/", -1);
        int i;
        String group;
        String version;
        if (s.length >= 4 && s[1].equals("api")) {
            group = "";
            version = s[2];
            i = 3;
        } else if (s.length >= 5 && s[1].equals("apis")) {
            group = s[2];
            version = s[3];
            i = 4;
        } else {
            return null;
        }
        if (isParam(group) || isParam(version)) {
            return null;
        }
        boolean watch = i < s.length && s[i].equals("watch");
        if (watch) {
            i++;
        }
        boolean namespaced = false;
        if (i + 2 < s.length && s[i].equals("namespaces") && s[i + 1].equals("{namespace}")) {
            namespaced = true;
            i += 2;
        }
        if (i >= s.length || s[i].isEmpty() || isParam(s[i])) {
            return null;
        }
        String plural = s[i++];
        boolean named = i < s.length && isParam(s[i]);
        if (named) {
            i++;
        } else if (i < s.length && !s[i].isEmpty()) {
            return null;
        }
        String sub = i < s.length && !s[i].isEmpty() ? s[i++] : null;
        boolean extra = i < s.length && !(i == s.length - 1 && s[i].isEmpty());
        return new PathShape(group, version, namespaced, plural, named, sub, watch, extra);
    }

    /**
     * The group and version a path belongs to, also for discovery paths without a resource: {@code /apis/apps/v1/}
     * → [apps, v1]; {@code /apis/apps/} → [apps, null]; {@code /api/} → ["", null]; {@code /version/} → null.
     */
    public static String[] groupVersionOf(String path) {
        String[] s = path.split("/", -1);
        if (s.length >= 2 && s[1].equals("api")) {
            return new String[] {"", s.length > 2 && !s[2].isEmpty() ? s[2] : null};
        }
        if (s.length >= 3 && s[1].equals("apis") && !s[2].isEmpty() && !isParam(s[2])) {
            return new String[] {s[2], s.length > 3 && !s[3].isEmpty() && !isParam(s[3]) ? s[3] : null};
        }
        return null;
    }

    /**
     * The name a listing gives what the path addresses: {@code pods}, {@code pods/log}; null for a path below a
     * subresource ({@code pods/{name}/proxy/{path}}), which no listing names.
     */
    public String resourceName() {
        return extraPath ? null : subresource == null ? plural : plural + "/" + subresource;
    }

    private static boolean isParam(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }
}
