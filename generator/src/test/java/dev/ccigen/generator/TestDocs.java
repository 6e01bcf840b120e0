package dev.ccigen.generator;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the tests' real documents are (copied into test resources, sources in kubernetes/SOURCES.md). */
public final class TestDocs {
    private TestDocs() {}

    public static Path resource(String name) {
        try {
            return Path.of(TestDocs.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    public static Path kubernetes() {
        return resource("kubernetes/swagger-1.20.json.gz");
    }

    public static Path kubernetesListings() {
        return resource("kubernetes/discovery");
    }

    /** The project's specs/ folder (the CCI and IAM documents). */
    public static Path specs() {
        return Path.of(System.getProperty("ccigen.specs", "../specs"));
    }
}
