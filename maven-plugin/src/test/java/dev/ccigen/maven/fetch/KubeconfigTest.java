package dev.ccigen.maven.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a kubeconfig context as kubectl does, for what fetch supports; the rest refused by name, without secrets. */
class KubeconfigTest {
    private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @TempDir
    Path dir;

    private Path kubeconfig(String user) throws Exception {
        Files.writeString(dir.resolve("token"), "from-a-file-secret\n");
        Path file = dir.resolve("config");
        Files.writeString(
                file, """
                apiVersion: v1
                kind: Config
                current-context: dev
                clusters:
                - name: dev-cluster
                  cluster:
                    server: https://127.0.0.1:6443
                    certificate-authority-data: %s
                - name: prod-cluster
                  cluster:
                    server: https://prod.example.com
                contexts:
                - name: dev
                  context: {cluster: dev-cluster, user: dev-user}
                - name: prod
                  context: {cluster: prod-cluster, user: prod-user}
                users:
                - name: dev-user
                  user:
                    %s
                - name: prod-user
                  user:
                    tokenFile: token
                """.formatted(Base64.getEncoder().encodeToString(CA.getBytes(StandardCharsets.US_ASCII)), user));
        return file;
    }

    @Test
    void theCurrentContextsServerCaAndToken() throws Exception {
        Kubeconfig dev = Kubeconfig.read(kubeconfig("token: dev-token-secret"), null);
        assertEquals(URI.create("https://127.0.0.1:6443"), dev.server());
        assertArrayEquals(CA.getBytes(StandardCharsets.US_ASCII), dev.caPem());
        assertEquals("dev-token-secret", dev.token());
        assertTrue(dev.name().startsWith("context \"dev\" of kubeconfig "), dev.name());
    }

    @Test
    void anotherContextWithATokenFileAndNoCa() throws Exception {
        Kubeconfig prod = Kubeconfig.read(kubeconfig("token: dev-token-secret"), "prod");
        assertEquals("from-a-file-secret", prod.token());
        assertNull(prod.caPem());
    }

    @Test
    void whatIsNotSupportedIsRefusedByNameWithoutTheSecret() throws Exception {
        FetchException cert = assertThrows(
                FetchException.class, () -> Kubeconfig.read(kubeconfig("client-key-data: a2V5LXNlY3JldA=="), null));
        assertTrue(
                cert.getMessage().contains("client-key-data, which ccigen:fetch does not support"), cert.getMessage());
        assertFalse(cert.getMessage().contains("a2V5LXNlY3JldA=="), cert.getMessage());
        FetchException exec =
                assertThrows(FetchException.class, () -> Kubeconfig.read(kubeconfig("exec: {command: aws}"), null));
        assertTrue(exec.getMessage().contains("exec"), exec.getMessage());
        FetchException missing =
                assertThrows(FetchException.class, () -> Kubeconfig.read(kubeconfig("token: x"), "staging"));
        assertTrue(missing.getMessage().contains("no context named \"staging\""), missing.getMessage());
    }

    @Test
    void brokenYamlIsNotQuoted() throws Exception {
        Path file = dir.resolve("broken");
        Files.writeString(file, "users:\n- name: u\n  user:\n    token: secret-token: [\n");
        FetchException e = assertThrows(FetchException.class, () -> Kubeconfig.read(file, null));
        assertEquals("cannot read kubeconfig " + file + ": not valid YAML", e.getMessage());
    }

    @Test
    void kubeconfigVariableNamesTheFile() {
        assertEquals(
                Path.of("/a/config"),
                Kubeconfig.defaultFile(Map.of("KUBECONFIG", "/a/config" + java.io.File.pathSeparator + "/b")::get));
    }
}
