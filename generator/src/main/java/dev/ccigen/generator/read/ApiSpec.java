package dev.ccigen.generator.read;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A faithful, typed view of one OpenAPI v2 document (with the files its {@code $ref}s reach). Nothing
 * Java-specific: names are the document's own.
 *
 * @param definitions every definition by name, in document order (definitions reached through a
 *                    {@code $ref} into another file are added under their own name)
 * @param operations  every operation, in document order of paths and then get, put, post, delete,
 *                    options, head, patch
 */
public record ApiSpec(
        Path source,
        String title,
        String version,
        String description,
        String host,
        String basePath,
        List<String> schemes,
        List<String> consumes,
        List<String> produces,
        Map<String, Schema> definitions,
        List<Operation> operations,
        Map<String, SecurityScheme> securityDefinitions,
        Extensions extensions) {

    /** A security scheme: {@code apiKey} (name, in), {@code basic} or {@code oauth2}. */
    public record SecurityScheme(String type, String name, String in, String description) {}

    public Schema definition(String name) {
        return definitions.get(name);
    }

    /**
     * The prefix every path of the document is relative to: {@code basePath} without its trailing slash, empty when
     * the document has none or {@code /}.
     */
    public String pathPrefix() {
        if (basePath == null || basePath.isBlank()) {
            return "";
        }
        String p = basePath.strip().replaceAll("/+$", "");
        return p.isEmpty() ? "" : p.startsWith("/") ? p : "/" + p;
    }

    /** Follows {@code $ref}s until a schema that is not a pure reference (aliases resolved; loops are errors of the reader). */
    public Schema resolve(Schema schema) {
        Schema s = schema;
        for (int hops = 0; s != null && s.isRef() && hops < 64; hops++) {
            s = definitions.get(s.ref());
        }
        return s;
    }
}
