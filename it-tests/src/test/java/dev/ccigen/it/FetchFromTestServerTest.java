package dev.ccigen.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccigen.it.cci.CciClientTestServer;
import dev.ccigen.maven.fetch.Authentication;
import dev.ccigen.maven.fetch.CanonicalJson;
import dev.ccigen.maven.fetch.FetchJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ccigen:fetch} against the generated test server gives back the inputs the client was generated from: this
 * module generated CciClient and its test server from specs/cci; the fetch (the goal's engine, through an IAM token
 * the server issues) writes a document and listings that are, as canonical JSON, the files of specs/cci; and the
 * drift check against specs/cci finds nothing.
 */
class FetchFromTestServerTest {
    private static final Path CCI =
            Path.of("").toAbsolutePath().resolveSibling("specs").resolve("cci");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void fetchGivesBackTheInputs() throws Exception {
        try (CciClientTestServer server = CciClientTestServer.start()) {
            Authentication iam =
                    Authentication.iam(server.uri(), "alice", "secret", "acme", "cn-north-4", "the test server's IAM");
            FetchJob.Result check = new FetchJob(
                            server.uri(),
                            iam,
                            null,
                            CCI.resolve("openapi-v2.json"),
                            CCI.resolve("discovery"),
                            List.of(),
                            List.of(),
                            null)
                    .run(true);
            assertTrue(check.diff().isEmpty(), String.join("\n", check.diff().lines()));

            Path document = dir.resolve("openapi-v2.json");
            Path listings = dir.resolve("discovery");
            FetchJob.Result fetched =
                    new FetchJob(server.uri(), iam, null, document, listings, List.of(), List.of(), null).run(false);
            assertTrue(fetched.written());
            assertEquals(canonical(CCI.resolve("openapi-v2.json")), canonical(document));
            try (Stream<Path> files = Files.list(CCI.resolve("discovery"))) {
                for (Path input : files.sorted().toList()) {
                    Path output = listings.resolve(input.getFileName());
                    assertTrue(Files.isRegularFile(output), "fetched " + output.getFileName());
                    assertEquals(
                            canonical(input),
                            canonical(output),
                            input.getFileName().toString());
                }
            }
        }
    }

    private static String canonical(Path file) throws IOException {
        return new String(CanonicalJson.bytes(JSON.readTree(file.toFile())), StandardCharsets.UTF_8);
    }
}
