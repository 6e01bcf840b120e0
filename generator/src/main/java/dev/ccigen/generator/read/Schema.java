package dev.ccigen.generator.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A schema of the document, as written. A reference to a definition stays a reference ({@link #ref()}
 * holds the definition's name), so self-referring definitions such as Kubernetes' {@code JSONSchemaProps}
 * need no special care; {@link ApiSpec#definition(String)} follows it.
 *
 * @param pointer   JSON pointer of this schema in its file, for messages
 * @param ref       name of the referenced definition, or null
 * @param type      the one type, also when the document lists it with {@code "null"} ({@code ["string", "null"]});
 *                  null when there is none or the document lists several
 * @param types     every non-null type when the document lists more than one ({@code ["string", "number"]}, as
 *                  published documents write, against OpenAPI v2); empty otherwise
 * @param nullable  {@code x-nullable: true} (go-swagger), {@code x-isnullable: true}, or {@code "null"} among the types
 * @param additionalProperties the schema of map values; {@link #ANY} for {@code true} and {@code {}}; null when absent
 *                  or false
 */
public record Schema(
        String pointer,
        String ref,
        String type,
        List<String> types,
        boolean nullable,
        String format,
        String title,
        String description,
        Map<String, Schema> properties,
        Set<String> required,
        Schema items,
        Schema additionalProperties,
        List<JsonNode> enumValues,
        JsonNode defaultValue,
        boolean readOnly,
        List<Schema> allOf,
        Extensions extensions) {

    /** The empty schema: any value. */
    public static final Schema ANY = unconstrained("", null);

    /** A reference to the definition {@code name}, written at {@code pointer}. */
    static Schema refTo(String pointer, String name) {
        return unconstrained(pointer, name);
    }

    /** A schema at {@code pointer} that says nothing but, when {@code ref} is not null, which definition it is. */
    private static Schema unconstrained(String pointer, String ref) {
        return new Schema(
                pointer,
                ref,
                null,
                List.of(),
                false,
                null,
                null,
                null,
                Map.of(),
                Set.of(),
                null,
                null,
                List.of(),
                null,
                false,
                List.of(),
                Extensions.NONE);
    }

    public boolean isRef() {
        return ref != null;
    }

    public boolean isDeprecated() {
        return extensions.isTrue("x-deprecated") || (description != null && description.startsWith("Deprecated"));
    }
}
