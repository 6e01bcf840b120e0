package dev.ccigen.specs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a Kubernetes-style path addresses: `/api/v1[/watch][/namespaces/{namespace}]/<plural>[/{name}[/<sub>]]`
 * and the same under `/apis/<group>/<version>`, or a discovery endpoint (`/api/`, `/apis/<group>/`, ...).
 *
 * @param group the API group, "" for core; null for `/api/`, `/apis/` and paths outside both
 * @param version null for the group endpoint `/apis/<group>/`
 * @param plural null for discovery endpoints
 * @param subresource null for the resource itself, e.g. "status", "log"
 */
record PathShape(
        String group,
        String version,
        boolean watch,
        boolean namespaced,
        String plural,
        boolean named,
        String subresource) {

    static PathShape parse(String path) {
        List<String> segments = new ArrayList<>(
                Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList());
        if (segments.isEmpty()) {
            return new PathShape(null, null, false, false, null, false, null);
        }
        String root = segments.remove(0);
        String group;
        if (root.equals("api")) {
            group = "";
        } else if (root.equals("apis")) {
            if (segments.isEmpty()) {
                return new PathShape(null, null, false, false, null, false, null);
            }
            group = segments.remove(0);
            if (segments.isEmpty()) {
                return new PathShape(group, null, false, false, null, false, null);
            }
        } else {
            return new PathShape(null, null, false, false, null, false, null);
        }
        if (segments.isEmpty()) {
            return new PathShape(null, null, false, false, null, false, null); // `/api/`
        }
        String version = segments.remove(0);
        boolean watch = !segments.isEmpty() && segments.get(0).equals("watch");
        if (watch) {
            segments.remove(0);
        }
        // `namespaces/{namespace}/<plural>...` is a namespaced resource; `namespaces/{name}` is the Namespace itself.
        boolean namespaced = segments.size() > 2
                && segments.get(0).equals("namespaces")
                && segments.get(1).equals("{namespace}");
        if (namespaced) {
            segments = segments.subList(2, segments.size());
        }
        if (segments.isEmpty()) {
            return new PathShape(group, version, watch, namespaced, null, false, null);
        }
        String plural = segments.get(0);
        boolean named = segments.size() > 1;
        String sub = segments.size() > 2 ? String.join("/", segments.subList(2, segments.size())) : null;
        return new PathShape(group, version, watch, namespaced, plural, named, sub);
    }

    boolean isResource() {
        return plural != null;
    }

    /** The name a listing gives it: `pods`, `pods/log`. */
    String resourceName() {
        return subresource == null ? plural : plural + "/" + subresource;
    }

    /** A namespaced path of a resource in the shape Kubernetes serves it. */
    static String of(String group, String version, String plural, String shape) {
        String base = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        return switch (shape) {
            case "collection" -> base + "/namespaces/{namespace}/" + plural;
            case "item" -> base + "/namespaces/{namespace}/" + plural + "/{name}";
            case "status" -> base + "/namespaces/{namespace}/" + plural + "/{name}/status";
            case "watchlist" -> base + "/watch/namespaces/{namespace}/" + plural;
            case "watch" -> base + "/watch/namespaces/{namespace}/" + plural + "/{name}";
            default -> throw new IllegalArgumentException("unknown path shape " + shape);
        };
    }
}
