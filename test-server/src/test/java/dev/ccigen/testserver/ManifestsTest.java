package dev.ccigen.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsTest {
    private final TestHttp t = new TestHttp();

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void loadsJsonAndMultiDocumentYamlFromAFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: team
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: team
                data:
                  mode: fast
                """);
        Files.writeString(
                dir.resolve("b.json"),
                "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":["
                        + "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\"}}]}");
        Files.writeString(dir.resolve("notes.txt"), "not a manifest");
        List<ObjectNode> loaded = t.server.load(dir);
        assertEquals(3, loaded.size());
        assertEquals("default", loaded.get(2).path("metadata").path("namespace").asText());
        assertEquals(
                "fast",
                t.json(200, "GET", "/api/v1/namespaces/team/configmaps/settings", null)
                        .path("data")
                        .path("mode")
                        .asText());

        Files.writeString(
                dir.resolve("a.yaml"), Files.readString(dir.resolve("a.yaml")).replace("fast", "slow"));
        t.server.load(dir); // again: replaced, not refused
        assertEquals(
                "slow",
                t.json(200, "GET", "/api/v1/namespaces/team/configmaps/settings", null)
                        .path("data")
                        .path("mode")
                        .asText());

        Path bad = dir.resolve("c.yml");
        Files.writeString(bad, "apiVersion: v9\nkind: Gizmo\nmetadata:\n  name: g\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.server.load(bad));
        assertTrue(e.getMessage().contains("c.yml: Gizmo (v9) is no resource of this server"), e.getMessage());
    }
}
