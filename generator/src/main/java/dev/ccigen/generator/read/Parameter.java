package dev.ccigen.generator.read;

/**
 * An operation parameter, {@code $ref}s to {@code #/parameters/...} already followed.
 *
 * @param in     path, query, header, body or formData
 * @param schema the body's schema for {@code in: body}; otherwise the parameter's own type, format, items and enum
 */
public record Parameter(
        String name,
        String in,
        String description,
        boolean required,
        Schema schema,
        String collectionFormat,
        Extensions extensions,
        String pointer) {}
