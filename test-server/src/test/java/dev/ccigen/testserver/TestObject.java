package dev.ccigen.testserver;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccigen.runtime.KubernetesList;
import dev.ccigen.runtime.KubernetesObject;
import java.util.ArrayList;
import java.util.List;

/** Any object as a JSON tree, for the runtime's {@code ResourceCalls} in tests without a generated client. */
public final class TestObject implements KubernetesObject {
    final ObjectNode json;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public TestObject(ObjectNode json) {
        this.json = json;
    }

    @JsonValue
    public ObjectNode json() {
        return json;
    }

    @Override
    public String objectName() {
        return json.path("metadata").path("name").asText(null);
    }

    @Override
    public String objectNamespace() {
        return json.path("metadata").path("namespace").asText(null);
    }

    @Override
    public String objectResourceVersion() {
        return json.path("metadata").path("resourceVersion").asText(null);
    }

    /** Its list. */
    public static final class List_ implements KubernetesList<TestObject> {
        final ObjectNode json;

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public List_(ObjectNode json) {
            this.json = json;
        }

        @Override
        public List<TestObject> getItems() {
            List<TestObject> items = new ArrayList<>();
            for (JsonNode item : json.path("items")) {
                items.add(new TestObject((ObjectNode) item));
            }
            return items;
        }

        @Override
        public String continueToken() {
            return json.path("metadata").path("continue").asText(null);
        }

        @Override
        public String listResourceVersion() {
            return json.path("metadata").path("resourceVersion").asText(null);
        }
    }
}
