package dev.ccigen.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ccigen.generator.link.ApiModel;
import dev.ccigen.generator.problem.GenerationException;
import dev.ccigen.generator.problem.Problems;
import dev.ccigen.generator.read.DocumentLoader;
import dev.ccigen.generator.render.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the generated test server serves besides its objects: the OpenAPI document the client was generated from
 * ({@code GET /openapi/v2}) and the listings ({@code /api}, {@code /apis}, ...), written beside the server's class,
 * in {@code <basePackage>/<clientName>TestServer/} of the test output folder, for the class path
 * ({@code openapi-v2.json}, {@code discovery/<file>.json}). A JSON document is written as it is, byte for byte; a
 * YAML or gzipped one as JSON. Listings are copied from a folder of listing files (an aggregated discovery document
 * is not: the server then makes its listings from its resource table). With CustomResourceDefinitions among the
 * inputs no listing is copied (they would lack the CRDs' groups), and without a document none is written; the
 * document does not carry the CRDs' schemas.
 */
final class TestServerDocuments {
    private static final String FROM = "(the test server's documents)";

    private TestServerDocuments() {}

    /** The documents of {@code config}'s inputs, beside {@code model}'s test server. */
    static List<SourceFile> of(GeneratorConfig config, ApiModel model) {
        String folder = model.basePackage().replace('.', '/') + "/" + model.clientName() + "TestServer/";
        // CRDs add groups and resources the listing files do not have: the server then makes every listing from its
        // resource table, as for an aggregated discovery document
        return of(config.inputSpec(), config.crds() == null ? config.discovery() : null, folder);
    }

    /** @param folder the server's resource folder, e.g. {@code com/example/cci/CciClientTestServer/} */
    static List<SourceFile> of(Path inputSpec, Path discovery, String folder) {
        List<SourceFile> files = new ArrayList<>();
        if (inputSpec != null) { // a client of CRDs alone has no document: /openapi/v2 is then a 404
            files.add(new SourceFile(folder + "openapi-v2.json", FROM, json(inputSpec)));
        }
        if (discovery != null && Files.isDirectory(discovery)) {
            try (Stream<Path> list = Files.list(discovery)) {
                for (Path listing : list.filter(p -> p.getFileName().toString().endsWith(".json"))
                        .sorted()
                        .toList()) {
                    files.add(new SourceFile(
                            folder + "discovery/" + listing.getFileName(),
                            FROM,
                            Files.readString(listing, StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the listings in " + discovery, e);
            }
        }
        return files;
    }

    /** The document as JSON text: its own when it is JSON in UTF-8, else converted. */
    private static String json(Path document) {
        try {
            byte[] bytes = Files.readAllBytes(document);
            String text = utf8(bytes);
            if (text != null && text.stripLeading().startsWith("{")) {
                return text;
            }
            Problems problems = new Problems();
            JsonNode tree = new DocumentLoader().load(document, problems);
            problems.throwIfErrors("cannot read the input for the test server");
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new GenerationException(
                    "cannot write " + document + " as JSON for the test server: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + document, e);
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null; // gzipped, or another encoding: read and written again
        }
    }
}
