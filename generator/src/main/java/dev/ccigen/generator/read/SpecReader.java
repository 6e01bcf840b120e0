package dev.ccigen.generator.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccigen.generator.problem.Problems;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an OpenAPI v2 (Swagger 2.0) document, JSON or YAML, into an {@link ApiSpec}.
 *
 * <p>Every problem is recorded with its JSON pointer and reading goes on, so one run reports all the
 * problems of a document. {@code $ref}s to {@code #/definitions/X} stay references by name (cycles are
 * harmless that way); {@code $ref}s to parameters and responses are followed; a {@code $ref} into another
 * file is read relative to the document, and never outside the document's folder.
 *
 * <p>Published documents bend OpenAPI v2 in ways other tools accept: a list of types, a {@code default} of the
 * wrong type, an unknown {@code format}, tuple {@code items}, operations without or with duplicated operationIds.
 * Each is read as the README's mapping says, with a warning at its place (an error when {@code strict}).
 *
 * <p>The work is shared out: {@link SchemaReader} reads schemas (any input's, wherever they sit),
 * {@link ReferenceResolver} the definitions and the {@code $ref}s to them, {@link OperationReader} the paths;
 * {@link NodeReader} reads values and reports each of the wrong shape at its place.
 */
public final class SpecReader {
    private final DocumentLoader loader = new DocumentLoader();
    private final boolean strict;

    /** A reader that warns about what published documents get away with. */
    public SpecReader() {
        this(false);
    }

    /** @param strict what published documents get away with (a list of types, an unknown format …) is an error */
    public SpecReader(boolean strict) {
        this.strict = strict;
    }

    /** Reads {@code file}, recording problems; returns null when the document could not be parsed at all. */
    public ApiSpec read(Path file, Problems problems) {
        JsonNode root = loader.load(file, problems);
        if (root == null) {
            return null;
        }
        if (!root.isObject()) {
            problems.error(file, "", "expected an OpenAPI v2 document (a JSON object), found " + NodeReader.kind(root));
            return null;
        }
        checkVersion(file, root, problems);
        Source document = new Source(file, root);
        NodeReader nodes = new NodeReader(problems, strict);
        ReferenceResolver references = new ReferenceResolver(document, loader, nodes);
        SchemaReader schemas = new SchemaReader(nodes, references);
        references.readDefinitions(root.path("definitions"), schemas);
        List<Operation> operations = new OperationReader(document, nodes, schemas).operations();
        references.checkAliasLoops();
        JsonNode info = root.path("info");
        return ApiSpec.builder(file)
                .info(
                        NodeReader.plainText(info, "title"),
                        NodeReader.plainText(info, "version"),
                        NodeReader.plainText(info, "description"))
                .endpoint(
                        NodeReader.plainText(root, "host"),
                        NodeReader.plainText(root, "basePath"),
                        nodes.strings(root.path("schemes"), "/schemes", file))
                .mediaTypes(
                        nodes.strings(root.path("consumes"), "/consumes", file),
                        nodes.strings(root.path("produces"), "/produces", file))
                .definitions(references.definitions())
                .operations(operations)
                .securityDefinitions(securityDefinitions(root))
                .extensions(Extensions.of(root))
                .build();
    }

    private static void checkVersion(Path file, JsonNode root, Problems problems) {
        JsonNode swagger = root.get("swagger");
        if (swagger == null) {
            if (root.has("openapi")) {
                problems.error(
                        file,
                        "/openapi",
                        "this is an OpenAPI " + root.get("openapi").asText()
                                + " document; ccigen reads OpenAPI v2 (\"swagger\": \"2.0\")");
            } else {
                problems.error(file, "", "not an OpenAPI v2 document: no \"swagger\": \"2.0\" at the top");
            }
        } else if (!"2.0".equals(swagger.asText())) {
            problems.error(file, "/swagger", "unsupported version \"" + swagger.asText() + "\"; expected \"2.0\"");
        }
    }

    private static Map<String, ApiSpec.SecurityScheme> securityDefinitions(JsonNode root) {
        Map<String, ApiSpec.SecurityScheme> result = new LinkedHashMap<>();
        for (var it = root.path("securityDefinitions").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode n = e.getValue();
            result.put(
                    e.getKey(),
                    new ApiSpec.SecurityScheme(
                            NodeReader.plainText(n, "type"),
                            NodeReader.plainText(n, "name"),
                            NodeReader.plainText(n, "in"),
                            NodeReader.plainText(n, "description")));
        }
        return result;
    }
}
