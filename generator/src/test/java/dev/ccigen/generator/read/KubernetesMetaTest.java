package dev.ccigen.generator.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccigen.generator.TestDocs;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The meta definitions a client of CRDs only gets ({@code kubernetes-meta.json}, a resource of the engine) are Kubernetes
 * 1.20's, copied unchanged from {@code specs/sources/kubernetes-1.20/swagger.json.gz}, but for the group-version-kinds
 * of DeleteOptions and WatchEvent, of which only the core group's is kept (the document lists one per group it serves).
 */
class KubernetesMetaTest {
    @Test
    void theMetaDefinitionsAreKubernetesOwn() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode kubernetes;
        try (InputStream in = new GZIPInputStream(
                Files.newInputStream(TestDocs.specs().resolve("sources/kubernetes-1.20/swagger.json.gz")))) {
            kubernetes = mapper.readTree(in).path("definitions");
        }
        JsonNode meta;
        try (InputStream in = Inputs.class.getResourceAsStream("kubernetes-meta.json")) {
            meta = mapper.readTree(in).path("definitions");
        }
        TreeSet<String> names = new TreeSet<>();
        meta.fieldNames().forEachRemaining(names::add);
        assertEquals(17, names.size(), names::toString);
        for (String name : names) {
            ObjectNode expected = kubernetes.get(name).deepCopy();
            JsonNode gvks = expected.get("x-kubernetes-group-version-kind");
            if (gvks != null && gvks.size() > 1) {
                ArrayNode core = mapper.createArrayNode();
                gvks.forEach(g -> {
                    if (g.path("group").asText().isEmpty()) {
                        core.add(g);
                    }
                });
                expected.set("x-kubernetes-group-version-kind", core);
            }
            assertEquals(expected, meta.get(name), name);
        }
    }
}
