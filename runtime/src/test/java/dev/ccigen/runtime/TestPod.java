package dev.ccigen.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A stand-in for a generated kind: just enough metadata to exercise the runtime. */
public class TestPod implements KubernetesObject {

    public static class Meta {
        public String name;
        public String namespace;
        public String resourceVersion;
        public Map<String, String> labels;
        public List<Object> managedFields;

        @JsonProperty("continue")
        public String continueToken;
    }

    public String apiVersion = "v1";
    public String kind = "Pod";
    public Meta metadata = new Meta();

    static TestPod named(String namespace, String name) {
        TestPod pod = new TestPod();
        pod.metadata.namespace = namespace;
        pod.metadata.name = name;
        return pod;
    }

    @Override
    public String objectName() {
        return metadata == null ? null : metadata.name;
    }

    @Override
    public String objectNamespace() {
        return metadata == null ? null : metadata.namespace;
    }

    @Override
    public String objectResourceVersion() {
        return metadata == null ? null : metadata.resourceVersion;
    }

    /** The list kind. */
    public static class List_ implements KubernetesList<TestPod> {
        public String apiVersion = "v1";
        public String kind = "PodList";
        public Meta metadata = new Meta();
        public List<TestPod> items = new ArrayList<>();

        @Override
        public List<TestPod> getItems() {
            return items;
        }

        @Override
        public String continueToken() {
            return metadata == null ? null : metadata.continueToken;
        }

        @Override
        public String listResourceVersion() {
            return metadata == null ? null : metadata.resourceVersion;
        }
    }
}
