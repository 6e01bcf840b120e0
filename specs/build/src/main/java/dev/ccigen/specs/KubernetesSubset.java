package dev.ccigen.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        PathShape shape = PathShape.parse(path);
        if (shape.group() == null) {
            return false;
        }
        if (shape.isResource()) {
            return served.servesKubernetesPath(shape);
        }
        if (!served.isListed(shape.group())) {
            return false;
        }
        return shape.version() == null || served.version(shape.group(), shape.version()) != null;
    }
}
