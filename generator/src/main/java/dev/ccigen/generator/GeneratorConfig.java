package dev.ccigen.generator;

import dev.ccigen.generator.link.LinkOptions;
import java.nio.file.Path;

/**
 * Everything one generation needs.
 *
 * @param inputSpec          the OpenAPI v2 document (JSON or YAML, optionally gzipped); null for a client of
 *                           CustomResourceDefinitions only
 * @param discovery          the API-groups listings folder or aggregated discovery file; null when there are none
 * @param outputDirectory    where the sources go (replaced as a whole)
 * @param templateDirectory  the user's template overrides; null for the defaults only
 * @param link               names and filters
 * @param validateAll        parse every generated Java file with JavaParser, not only those a user template
 *                           took part in (the default templates are checked by ccigen's own tests, and
 *                           parsing everything costs more than all other stages together)
 * @param testOutputDirectory where the in-memory test server ({@code <clientName>TestServer} and its
 *                           {@code <basePackage>.testserver} package) goes, replaced as a whole like
 *                           {@code outputDirectory}; null generates no test server
 * @param crds               CustomResourceDefinition manifests: a file, or a folder read with its subfolders; null
 *                           for none
 */
public record GeneratorConfig(
        Path inputSpec,
        Path discovery,
        Path outputDirectory,
        Path templateDirectory,
        LinkOptions link,
        boolean validateAll,
        Path testOutputDirectory,
        Path crds) {

    public GeneratorConfig(
            Path inputSpec, Path discovery, Path outputDirectory, Path templateDirectory, LinkOptions link) {
        this(inputSpec, discovery, outputDirectory, templateDirectory, link, false);
    }

    public GeneratorConfig(
            Path inputSpec,
            Path discovery,
            Path outputDirectory,
            Path templateDirectory,
            LinkOptions link,
            boolean validateAll) {
        this(inputSpec, discovery, outputDirectory, templateDirectory, link, validateAll, null, null);
    }

    /** The same configuration, also generating the test server into {@code testOutput}. */
    public GeneratorConfig withTestServer(Path testOutput) {
        return new GeneratorConfig(
                inputSpec, discovery, outputDirectory, templateDirectory, link, validateAll, testOutput, crds);
    }

    /** The same configuration, also reading the CustomResourceDefinitions of {@code crds} (a file or a folder). */
    public GeneratorConfig withCrds(Path crds) {
        return new GeneratorConfig(
                inputSpec, discovery, outputDirectory, templateDirectory, link, validateAll, testOutputDirectory, crds);
    }
}
