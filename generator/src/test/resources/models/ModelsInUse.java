package BASE.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import BASE.model.core.v1.Container;
import BASE.model.core.v1.Pod;
import BASE.model.core.v1.PodSpec;
import BASE.model.meta.v1.ObjectMeta;
import dev.ccigen.runtime.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The models' builders as a user writes them: ModelBuildersTest puts the generated base package in place of BASE,
 * compiles this against a document's generated classes and runs it.
 */
public final class ModelsInUse {
    static final String POD = """
            {"apiVersion": "v1", "kind": "Pod", "fromANewerServer": [1, 2],
             "metadata": {"name": "web", "labels": {"app": "web"}, "alsoNew": {"x": true}},
             "spec": {"containers": [{"name": "nginx", "image": "nginx:1.21", "newToo": "yes"}]}}
            """;

    private ModelsInUse() {
    }

    public static void run() throws Exception {
        reusingABuilderGivesIndependentObjects();
        aBuilderNeverChangesTheListsItWasGiven();
        toBuilderRoundTripsAndEditsACopy();
        unknownFieldsSurviveAnEdit();
    }

    static void reusingABuilderGivesIndependentObjects() {
        Pod.Builder builder = Pod.builder().metadata(m -> m.name("a").putLabelsItem("app", "web"));
        Pod first = builder.build();
        Pod second = builder.metadata(m -> m.name("b").putLabelsItem("tier", "front")).build();
        assertNotSame(first, second);
        assertEquals("Pod", first.getKind());
        assertEquals("a", first.getMetadata().getName());
        assertEquals(Map.of("app", "web"), first.getMetadata().getLabels());
        assertEquals("b", second.getMetadata().getName());
        assertEquals(Map.of("app", "web", "tier", "front"), second.getMetadata().getLabels());

        PodSpec.Builder spec = PodSpec.builder().addContainersItem(container("one"));
        PodSpec one = spec.build();
        PodSpec two = spec.addContainersItem(container("two")).build();
        assertEquals(List.of(container("one")), one.getContainers());
        assertEquals(List.of(container("one"), container("two")), two.getContainers());
        assertEquals(one, PodSpec.builder().addContainersItem(container("one")).build());
    }

    static void aBuilderNeverChangesTheListsItWasGiven() {
        List<Container> mine = new ArrayList<>(List.of(container("x")));
        PodSpec spec = PodSpec.builder().containers(mine).addContainersItem(container("y")).build();
        assertEquals(List.of(container("x")), mine);
        assertEquals(2, spec.getContainers().size());
        ObjectMeta meta = ObjectMeta.builder().labels(Map.of("fixed", "yes")).putLabelsItem("more", "ok").build();
        assertEquals(Map.of("fixed", "yes", "more", "ok"), meta.getLabels());
    }

    static void toBuilderRoundTripsAndEditsACopy() throws Exception {
        Pod pod = Json.mapper().readValue(POD, Pod.class);
        Pod copy = pod.toBuilder().build();
        assertNotSame(pod, copy);
        assertEquals(pod, copy);
        assertEquals(pod.hashCode(), copy.hashCode());

        Pod edited = pod.toBuilder()
                .metadata(m -> m.putLabelsItem("tier", "front"))
                .spec(s -> s.addContainersItem(container("sidecar")))
                .build();
        assertEquals(Map.of("app", "web", "tier", "front"), edited.getMetadata().getLabels());
        assertEquals(2, edited.getSpec().getContainers().size());
        assertEquals(Map.of("app", "web"), pod.getMetadata().getLabels(), "the object read is not changed");
        assertEquals(1, pod.getSpec().getContainers().size());
        assertEquals(copy, pod);

        ObjectMeta other = ObjectMeta.builder().name("other").build();
        assertSame(other, pod.toBuilder().metadata(other).build().getMetadata());
        assertNull(Pod.builder().build().getSpec());
        assertEquals("c", Pod.builder().spec(s -> s.addContainersItem(container("c"))).build()
                .getSpec().getContainers().get(0).getName(), "a nested edit starts from an empty object");
    }

    static void unknownFieldsSurviveAnEdit() throws Exception {
        Pod pod = Json.mapper().readValue(POD, Pod.class);
        Pod edited = pod.toBuilder().metadata(m -> m.name("renamed")).build();
        JsonNode written = Json.mapper().valueToTree(edited);
        assertEquals("[1,2]", written.get("fromANewerServer").toString());
        assertEquals("{\"x\":true}", written.at("/metadata/alsoNew").toString());
        assertEquals("\"yes\"", written.at("/spec/containers/0/newToo").toString());
        assertEquals("renamed", written.at("/metadata/name").asText());
        edited.setUnknownField("onlyOnTheCopy", written.get("kind"));
        assertFalse(pod.getUnknownFields().containsKey("onlyOnTheCopy"), "each copy has its own unknown fields");
    }

    private static Container container(String name) {
        return Container.builder().name(name).image("busybox").build();
    }
}
