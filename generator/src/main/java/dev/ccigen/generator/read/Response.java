package dev.ccigen.generator.read;

import java.util.Map;

/**
 * One response of an operation, {@code $ref}s to {@code #/responses/...} already followed.
 *
 * @param status  the status code as written ({@code "200"}, {@code "default"})
 * @param schema  the body's schema, or null when the response has no body
 */
public record Response(
        String status, String description, Schema schema, Map<String, Schema> headers, Extensions extensions) {}
