package dev.ccigen.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccigen.generator.link.PathShape;
import java.util.Iterator;
import java.util.Map;

/** The paths of Kubernetes' swagger.json that CCI serves, copied unchanged. */
final class KubernetesSubset {
    private KubernetesSubset() {}

    static ObjectNode paths(JsonNode swagger, ServedResources served) {
        ObjectNode out = Json.NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> paths = swagger.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (keep(path.getKey(), served)) {
                out.set(path.getKey(), path.getValue().deepCopy());
            }
        }
        return out;
    }

    /**
     * Discovery endpoints of listed groups, and paths of served resources and of the subresources CCI documents.
     * Everything else goes: other groups and versions (batch/v2alpha1, networking.k8s.io, ...), other resources,
     * undocumented subresources (proxy, attach, ...), and /version/, /logs/, /openid/.
     */
    private static boolean keep(String path, ServedResources served) {
        if (path.equals("/apis/")) {
            return true;
        }
        if (path.equals("/api/")) {
            return served.isListed("");
        }
        String[] groupVersion = PathShape.groupVersionOf(path);
        if (groupVersion == null) {
            return false;
        }
        PathShape shape = PathShape.of(path);
        if (shape != null) {
            return served.servesKubernetesPath(shape);
        }
        if (!served.isListed(groupVersion[0])) {
            return false;
        }
        return groupVersion[1] == null || served.version(groupVersion[0], groupVersion[1]) != null;
    }
}
