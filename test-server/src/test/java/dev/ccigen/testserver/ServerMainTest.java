package dev.ccigen.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerMainTest {

    private static ApiTestServer server(int port) {
        return new ApiTestServer(
                List.of(TestHttp.PODS, ObjectStoreTest.NAMESPACES), Clock.systemUTC(), ApiDocuments.none(), port);
    }

    @Test
    void startsLoadsAndPrintsAKubeconfig(@TempDir Path dir) throws Exception {
        Path manifest = dir.resolve("pod.yaml");
        Files.writeString(manifest, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n");
        Path kubeconfig = dir.resolve("out/kubeconfig");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ApiTestServer server = ServerMain.start(
                new String[] {
                    "--manifests", manifest.toString(), "--token", "fixed", "--kubeconfig", kubeconfig.toString()
                },
                "TestServer",
                ServerMainTest::server,
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.startsWith("TestServer listening on " + server.uri() + "\n"), printed);
            assertTrue(printed.contains("loaded 1 objects from " + manifest), printed);
            String config = Files.readString(kubeconfig);
            assertTrue(printed.contains(config), printed);
            assertTrue(config.contains("token: fixed") && config.contains("server: " + server.uri()), config);
            assertEquals(1, server.store().all(TestHttp.PODS).size());
            assertTrue(server.gateway().required());
        }
        try (ApiTestServer open = ServerMain.start(
                new String[] {"--no-auth"},
                "TestServer",
                ServerMainTest::server,
                new PrintStream(new ByteArrayOutputStream()))) {
            assertFalse(open.gateway().required());
            assertTrue(open.kubeconfig().contains("user: {}"), open.kubeconfig());
        }
    }

    @Test
    void aBadArgumentIsNamed() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ServerMain.start(new String[] {"--prot", "1"}, "T", ServerMainTest::server, System.out));
        assertEquals("unknown argument --prot", e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ServerMain.start(new String[] {"--port", "x"}, "T", ServerMainTest::server, System.out));
    }
}
