package dev.ccigen.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic, realistic PodList: every pod has labels, annotations, an owner, three containers (ports, env with
 * values and valueFrom, resources, volume mounts, liveness/readiness probes with numeric and named ports, a security
 * context), volumes, tolerations, affinity and a full status (conditions, container statuses, IPs, timestamps).
 * Built as plain maps and written with a plain Jackson mapper, so it depends on none of the contenders.
 */
public final class PodListJson {
    private PodListJson() {
    }

    /** The JSON of a PodList of {@code count} pods; the same bytes for the same count, run after run. */
    public static String podList(int count) {
        SplittableRandom random = new SplittableRandom(20_201_127L);
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(pod(i, random));
        }
        Map<String, Object> list = map("apiVersion", "v1", "kind", "PodList",
                "metadata", map("resourceVersion", "987654321", "continue", ""), "items", items);
        return write(list);
    }

    /** One pod, as a standalone object (for the client benchmark). */
    public static String pod(int index) {
        return write(pod(index, new SplittableRandom(index)));
    }

    static String write(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String ts(SplittableRandom r) {
        return String.format("2024-%02d-%02dT%02d:%02d:%02dZ", 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24),
                r.nextInt(60), r.nextInt(60));
    }

    static String hex(SplittableRandom r, int len) {
        StringBuilder b = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            b.append(Character.forDigit(r.nextInt(16), 16));
        }
        return b.toString();
    }

    static String uid(SplittableRandom r) {
        return hex(r, 8) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 12);
    }

    private static Map<String, Object> pod(int i, SplittableRandom r) {
        String app = "app-" + (i % 37);
        String name = app + "-" + hex(r, 10) + "-" + hex(r, 5);
        Map<String, Object> labels = map("app", app, "app.kubernetes.io/name", app,
                "app.kubernetes.io/instance", app + "-prod", "app.kubernetes.io/version", "1." + (i % 7) + ".0",
                "pod-template-hash", hex(r, 10), "tier", i % 2 == 0 ? "backend" : "frontend");
        Map<String, Object> annotations = map(
                "kubernetes.io/psp", "restricted",
                "prometheus.io/scrape", "true",
                "prometheus.io/port", "9090",
                "kubectl.kubernetes.io/restartedAt", ts(r),
                "checksum/config", hex(r, 64));
        Map<String, Object> metadata = map("name", name, "generateName", app + "-", "namespace", "default",
                "uid", uid(r), "resourceVersion", String.valueOf(100_000 + r.nextInt(900_000)),
                "creationTimestamp", ts(r), "labels", labels, "annotations", annotations,
                "ownerReferences", List.of(map("apiVersion", "apps/v1", "kind", "ReplicaSet",
                        "name", app + "-" + hex(r, 10), "uid", uid(r), "controller", true,
                        "blockOwnerDeletion", true)));
        List<Object> containers = new ArrayList<>();
        List<Object> statuses = new ArrayList<>();
        String[] names = {"main", "sidecar", "metrics"};
        for (int c = 0; c < names.length; c++) {
            String image = "registry.example.com/team/" + app + "-" + names[c] + ":1." + r.nextInt(20) + "." + r.nextInt(10);
            List<Object> env = new ArrayList<>();
            for (int e = 0; e < 6; e++) {
                env.add(map("name", "ENV_" + names[c].toUpperCase() + "_" + e, "value", "value-" + hex(r, 12)));
            }
            env.add(map("name", "POD_NAME", "valueFrom", map("fieldRef", map("apiVersion", "v1",
                    "fieldPath", "metadata.name"))));
            env.add(map("name", "DB_PASSWORD", "valueFrom", map("secretKeyRef", map("name", app + "-secrets",
                    "key", "password"))));
            int port = 8080 + c;
            containers.add(map("name", names[c], "image", image,
                    "command", List.of("/bin/" + names[c]), "args", List.of("--port=" + port, "--log-level=info",
                            "--config=/etc/" + names[c] + "/config.yaml"),
                    "ports", List.of(map("name", "http-" + c, "containerPort", port, "protocol", "TCP")),
                    "env", env,
                    "resources", map("limits", map("cpu", (500 + 250 * c) + "m", "memory", (256 << c) + "Mi"),
                            "requests", map("cpu", (100 + 50 * c) + "m", "memory", (128 << c) + "Mi")),
                    "volumeMounts", List.of(map("name", "config", "mountPath", "/etc/" + names[c], "readOnly", true),
                            map("name", "data", "mountPath", "/var/lib/" + names[c])),
                    "livenessProbe", map("httpGet", map("path", "/healthz", "port", port, "scheme", "HTTP"),
                            "initialDelaySeconds", 10, "timeoutSeconds", 1, "periodSeconds", 10,
                            "successThreshold", 1, "failureThreshold", 3),
                    "readinessProbe", map("httpGet", map("path", "/ready", "port", "http-" + c, "scheme", "HTTP"),
                            "periodSeconds", 5, "failureThreshold", 3),
                    "terminationMessagePath", "/dev/termination-log", "terminationMessagePolicy", "File",
                    "imagePullPolicy", "IfNotPresent",
                    "securityContext", map("runAsNonRoot", true, "runAsUser", 1000, "readOnlyRootFilesystem", true,
                            "allowPrivilegeEscalation", false, "capabilities", map("drop", List.of("ALL")))));
            String started = ts(r);
            statuses.add(map("name", names[c], "state", map("running", map("startedAt", started)),
                    "lastState", map(), "ready", true, "restartCount", r.nextInt(3), "image", image,
                    "imageID", "docker-pullable://registry.example.com/team/" + app + "@sha256:" + hex(r, 64),
                    "containerID", "containerd://" + hex(r, 64), "started", true));
        }
        Map<String, Object> spec = map("volumes", List.of(
                        map("name", "config", "configMap", map("name", app + "-config", "defaultMode", 420)),
                        map("name", "data", "emptyDir", map("sizeLimit", "1Gi")),
                        map("name", "token", "secret", map("secretName", app + "-token", "defaultMode", 420))),
                "containers", containers, "restartPolicy", "Always", "terminationGracePeriodSeconds", 30,
                "dnsPolicy", "ClusterFirst", "serviceAccountName", app, "serviceAccount", app,
                "nodeName", "node-" + r.nextInt(50) + ".cluster.local",
                "securityContext", map("fsGroup", 2000), "schedulerName", "default-scheduler",
                "tolerations", List.of(
                        map("key", "node.kubernetes.io/not-ready", "operator", "Exists", "effect", "NoExecute",
                                "tolerationSeconds", 300),
                        map("key", "node.kubernetes.io/unreachable", "operator", "Exists", "effect", "NoExecute",
                                "tolerationSeconds", 300)),
                "affinity", map("podAntiAffinity", map("preferredDuringSchedulingIgnoredDuringExecution", List.of(
                        map("weight", 100, "podAffinityTerm", map("labelSelector", map("matchLabels",
                                map("app", app)), "topologyKey", "kubernetes.io/hostname"))))),
                "priority", 0, "enableServiceLinks", true, "preemptionPolicy", "PreemptLowerPriority");
        String hostIp = "10.0." + r.nextInt(256) + "." + r.nextInt(256);
        String podIp = "172.16." + r.nextInt(256) + "." + r.nextInt(256);
        List<Object> conditions = new ArrayList<>();
        for (String type : new String[] {"Initialized", "Ready", "ContainersReady", "PodScheduled"}) {
            conditions.add(map("type", type, "status", "True", "lastProbeTime", null, "lastTransitionTime", ts(r)));
        }
        Map<String, Object> status = map("phase", "Running", "conditions", conditions, "hostIP", hostIp,
                "podIP", podIp, "podIPs", List.of(map("ip", podIp)), "startTime", ts(r),
                "containerStatuses", statuses, "qosClass", "Burstable");
        return map("apiVersion", "v1", "kind", "Pod", "metadata", metadata, "spec", spec, "status", status);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
