package dev.ccigen.bench;

import static dev.ccigen.bench.PodListJson.hex;
import static dev.ccigen.bench.PodListJson.map;
import static dev.ccigen.bench.PodListJson.ts;
import static dev.ccigen.bench.PodListJson.uid;
import static dev.ccigen.bench.PodListJson.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The pods InformerBench caches, as PodList JSON, the same bytes for the same shape and count run after run:
 * <ul>
 *   <li>{@code small}: a pod of a one-container Deployment as an API server returns it (about 1.8 KB): labels, an
 *       owner, one container without volumes, a status with four conditions and one container status;</li>
 *   <li>{@code large}: bench/jmh's {@link PodListJson} pods (about 8.4 KB: three containers with env, probes,
 *       resources, affinity);</li>
 *   <li>{@code managed}: a {@code small} pod with the two {@code metadata.managedFields} entries an API server keeps
 *       for it (the controller's of metadata and spec, the kubelet's of status), their {@code fieldsV1} derived from
 *       the fields themselves as the server derives them.</li>
 * </ul>
 */
final class InformerPods {
    private InformerPods() {
    }

    static String list(String shape, int count) {
        if (shape.equals("large")) {
            return PodListJson.podList(count);
        }
        SplittableRandom random = new SplittableRandom(20_261_206L);
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, Object> pod = small(i, random);
            if (shape.equals("managed")) {
                managedFields(pod);
            } else if (!shape.equals("small")) {
                throw new IllegalArgumentException("shape: small, large or managed, not " + shape);
            }
            items.add(pod);
        }
        return write(map("apiVersion", "v1", "kind", "PodList",
                "metadata", map("resourceVersion", "987654321"), "items", items));
    }

    @SuppressWarnings("unchecked")
    private static void managedFields(Map<String, Object> pod) {
        Map<String, Object> metadata = (Map<String, Object>) pod.get("metadata");
        Map<String, Object> byController = map(
                "f:metadata", fields(map("generateName", "", "labels", metadata.get("labels"),
                        "ownerReferences", metadata.get("ownerReferences"))),
                "f:spec", fields((Map<String, Object>) pod.get("spec")));
        Map<String, Object> byKubelet = map("f:status", fields((Map<String, Object>) pod.get("status")));
        String created = (String) metadata.get("creationTimestamp");
        metadata.put("managedFields", List.of(
                map("manager", "kube-controller-manager", "operation", "Update", "apiVersion", "v1",
                        "time", created, "fieldsType", "FieldsV1", "fieldsV1", byController),
                map("manager", "kubelet", "operation", "Update", "apiVersion", "v1", "time", created,
                        "fieldsType", "FieldsV1", "fieldsV1", byKubelet, "subresource", "status")));
    }

    /** The FieldsV1 set of {@code value}'s fields: {@code f:name} per field, {@code k:{...}} per keyed list item. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Map<String, Object> value) {
        Map<String, Object> set = new LinkedHashMap<>();
        value.forEach((name, field) -> {
            if (field instanceof Map<?, ?> nested) {
                Map<String, Object> inner = fields((Map<String, Object>) nested);
                set.put("f:" + name, inner.isEmpty() ? map() : withDot(inner));
            } else if (field instanceof List<?> items && !items.isEmpty() && items.get(0) instanceof Map<?, ?>) {
                Map<String, Object> list = new LinkedHashMap<>();
                for (Object item : items) {
                    Map<String, Object> element = (Map<String, Object>) item;
                    list.put("k:" + write(key(element)), withDot(fields(element)));
                }
                set.put("f:" + name, list);
            } else {
                set.put("f:" + name, map());
            }
        });
        return set;
    }

    /** What the API server keys a list item by: an owner by uid, a port by number and protocol, ... */
    private static Map<String, Object> key(Map<String, Object> element) {
        if (element.containsKey("containerPort")) {
            return map("containerPort", element.get("containerPort"), "protocol", element.get("protocol"));
        }
        for (String key : new String[] {"uid", "type", "name", "ip"}) {
            if (element.containsKey(key)) {
                return map(key, element.get(key));
            }
        }
        throw new IllegalArgumentException("no key in " + element);
    }

    private static Map<String, Object> withDot(Map<String, Object> fields) {
        Map<String, Object> withDot = map(".", map());
        withDot.putAll(fields);
        return withDot;
    }

    private static Map<String, Object> small(int i, SplittableRandom r) {
        String app = "web-" + (i % 23);
        String hash = hex(r, 10);
        String name = app + "-" + hash + "-" + hex(r, 5);
        String created = ts(r);
        Map<String, Object> metadata = map("name", name, "generateName", app + "-" + hash + "-",
                "namespace", "default", "uid", uid(r), "resourceVersion", String.valueOf(100_000 + r.nextInt(900_000)),
                "creationTimestamp", created,
                "labels", map("app", app, "pod-template-hash", hash),
                "ownerReferences", List.of(map("apiVersion", "apps/v1", "kind", "ReplicaSet", "name", app + "-" + hash,
                        "uid", uid(r), "controller", true, "blockOwnerDeletion", true)));
        String image = "registry.example.com/team/" + app + ":1." + r.nextInt(20) + "." + r.nextInt(10);
        Map<String, Object> container = map("name", app, "image", image,
                "ports", List.of(map("containerPort", 8080, "protocol", "TCP")),
                "resources", map("requests", map("cpu", "100m", "memory", "128Mi")),
                "terminationMessagePath", "/dev/termination-log", "terminationMessagePolicy", "File",
                "imagePullPolicy", "IfNotPresent");
        Map<String, Object> spec = map(
                "containers", List.of(container), "restartPolicy", "Always", "terminationGracePeriodSeconds", 30,
                "dnsPolicy", "ClusterFirst", "serviceAccountName", "default",
                "nodeName", "node-" + r.nextInt(50), "securityContext", map(), "schedulerName", "default-scheduler");
        String podIp = "172.16." + r.nextInt(256) + "." + r.nextInt(256);
        String started = ts(r);
        List<Object> conditions = new ArrayList<>();
        for (String type : new String[] {"Initialized", "Ready", "ContainersReady", "PodScheduled"}) {
            conditions.add(map("type", type, "status", "True", "lastTransitionTime", started));
        }
        Map<String, Object> status = map("phase", "Running", "conditions", conditions,
                "hostIP", "10.0." + r.nextInt(4) + "." + r.nextInt(256), "podIP", podIp,
                "podIPs", List.of(map("ip", podIp)), "startTime", started,
                "containerStatuses", List.of(map("name", app, "state", map("running", map("startedAt", started)),
                        "lastState", map(), "ready", true, "restartCount", 0, "image", image,
                        "imageID", "registry.example.com/team/" + app + "@sha256:" + hex(r, 64),
                        "containerID", "containerd://" + hex(r, 64), "started", true)),
                "qosClass", "Burstable");
        return map("apiVersion", "v1", "kind", "Pod", "metadata", metadata, "spec", spec, "status", status);
    }
}
