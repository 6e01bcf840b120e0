package dev.ccigen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ccigen.it.cci.model.apps.v1.Deployment;
import dev.ccigen.it.cci.model.core.v1.Container;
import dev.ccigen.runtime.Json;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the models example of the README (the code between the markers is copied there verbatim: checked below). */
class ModelsExampleTest {

    @Test
    void readmeModelsExample() throws Exception {
        // spotless:off (the README shows this code as laid out here)
        // readme:models:begin
        Deployment web = Deployment.builder()
                .metadata(m -> m.name("web").putLabelsItem("app", "web"))
                .spec(s -> s.replicas(2)
                        .selector(l -> l.putMatchLabelsItem("app", "web"))
                        .template(t -> t.metadata(m -> m.putLabelsItem("app", "web"))
                                .spec(p -> p.addContainersItem(Container.builder().name("nginx").image("nginx:1.21").build()))))
                .build();
        Deployment scaled = web.toBuilder().spec(s -> s.replicas(3)).build(); // web still has 2
        // readme:models:end
        // spotless:on
        assertEquals(2, web.getSpec().getReplicas());
        assertEquals(3, scaled.getSpec().getReplicas());
        assertEquals(web.getSpec().getTemplate(), scaled.getSpec().getTemplate());
        assertEquals(Map.of("app", "web"), scaled.getSpec().getSelector().getMatchLabels());
        assertEquals(
                "nginx",
                scaled.getSpec().getTemplate().getSpec().getContainers().get(0).getName());
        assertEquals(web, Json.mapper().readValue(Json.mapper().writeValueAsString(web), Deployment.class));

        String code = ReadmeTest.marked(Path.of("src/test/java/dev/ccigen/it/ModelsExampleTest.java"), "models");
        assertTrue(
                ReadmeTest.readme().contains(code), "README.md must contain, verbatim, this test's example:\n" + code);
    }
}
