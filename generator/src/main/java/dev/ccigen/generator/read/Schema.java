package dev.ccigen.generator.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A schema of the document, as written, built by a {@link Builder}. A reference to a definition stays a reference
 * ({@link #ref()} holds the definition's name), so self-referring definitions such as Kubernetes'
 * {@code JSONSchemaProps} need no special care; {@link ApiSpec#definition(String)} follows it. Two schemas are the same
 * only when they are the same object: each is read from its own place.
 */
public final class Schema {
    /** The empty schema: any value. */
    public static final Schema ANY = builder("").build();

    private final String pointer;
    private final String ref;
    private final String type;
    private final List<String> types;
    private final boolean nullable;
    private final String format;
    private final String title;
    private final String description;
    private final Map<String, Schema> properties;
    private final Set<String> required;
    private final Schema items;
    private final Schema additionalProperties;
    private final List<JsonNode> enumValues;
    private final JsonNode defaultValue;
    private final boolean readOnly;
    private final List<Schema> allOf;
    private final Extensions extensions;

    private Schema(Builder b) {
        pointer = b.pointer;
        ref = b.ref;
        type = b.type;
        types = b.types;
        nullable = b.nullable;
        format = b.format;
        title = b.title;
        description = b.description;
        properties = b.properties;
        required = b.required;
        items = b.items;
        additionalProperties = b.additionalProperties;
        enumValues = b.enumValues;
        defaultValue = b.defaultValue;
        readOnly = b.readOnly;
        allOf = b.allOf;
        extensions = b.extensions;
    }

    /** A schema read at {@code pointer}; everything it does not set is absent (no type, no properties …). */
    static Builder builder(String pointer) {
        return new Builder(pointer);
    }

    /** A reference to the definition {@code name}, written at {@code pointer}. */
    static Schema refTo(String pointer, String name) {
        return builder(pointer).ref(name).build();
    }

    /** JSON pointer of this schema in its file, for messages. */
    public String pointer() {
        return pointer;
    }

    /** Name of the referenced definition, or null. */
    public String ref() {
        return ref;
    }

    /**
     * The one type, also when the document lists it with {@code "null"} ({@code ["string", "null"]}); null when there
     * is none or the document lists several.
     */
    public String type() {
        return type;
    }

    /**
     * Every non-null type when the document lists more than one ({@code ["string", "number"]}, as published documents
     * write, against OpenAPI v2); empty otherwise.
     */
    public List<String> types() {
        return types;
    }

    /** {@code x-nullable: true} (go-swagger), {@code x-isnullable: true}, or {@code "null"} among the types. */
    public boolean nullable() {
        return nullable;
    }

    public String format() {
        return format;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public Map<String, Schema> properties() {
        return properties;
    }

    public Set<String> required() {
        return required;
    }

    public Schema items() {
        return items;
    }

    /** The schema of map values; {@link #ANY} for {@code true} and {@code {}}; null when absent or false. */
    public Schema additionalProperties() {
        return additionalProperties;
    }

    public List<JsonNode> enumValues() {
        return enumValues;
    }

    public JsonNode defaultValue() {
        return defaultValue;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public List<Schema> allOf() {
        return allOf;
    }

    public Extensions extensions() {
        return extensions;
    }

    public boolean isRef() {
        return ref != null;
    }

    public boolean isDeprecated() {
        return extensions.isTrue("x-deprecated") || (description != null && description.startsWith("Deprecated"));
    }

    @Override
    public String toString() {
        return "Schema" + (ref != null ? "(ref " + ref + ")" : "(" + type + ")") + " at " + pointer;
    }

    /** Builds a {@link Schema}; what it is not told stays absent. */
    static final class Builder {
        private final String pointer;
        private String ref;
        private String type;
        private List<String> types = List.of();
        private boolean nullable;
        private String format;
        private String title;
        private String description;
        private Map<String, Schema> properties = Map.of();
        private Set<String> required = Set.of();
        private Schema items;
        private Schema additionalProperties;
        private List<JsonNode> enumValues = List.of();
        private JsonNode defaultValue;
        private boolean readOnly;
        private List<Schema> allOf = List.of();
        private Extensions extensions = Extensions.NONE;

        private Builder(String pointer) {
            this.pointer = pointer;
        }

        Builder ref(String ref) {
            this.ref = ref;
            return this;
        }

        /** The one type, and the several of a list of types ({@code alternatives}, empty for one). */
        Builder type(String type, List<String> alternatives) {
            this.type = type;
            this.types = alternatives;
            return this;
        }

        Builder nullable(boolean nullable) {
            this.nullable = nullable;
            return this;
        }

        Builder format(String format) {
            this.format = format;
            return this;
        }

        Builder title(String title) {
            this.title = title;
            return this;
        }

        Builder description(String description) {
            this.description = description;
            return this;
        }

        Builder properties(Map<String, Schema> properties, Set<String> required) {
            this.properties = properties;
            this.required = required;
            return this;
        }

        Builder items(Schema items) {
            this.items = items;
            return this;
        }

        Builder additionalProperties(Schema additionalProperties) {
            this.additionalProperties = additionalProperties;
            return this;
        }

        /** The allowed values, and the default (null for none). */
        Builder values(List<JsonNode> enumValues, JsonNode defaultValue) {
            this.enumValues = enumValues;
            this.defaultValue = defaultValue;
            return this;
        }

        Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        Builder allOf(List<Schema> allOf) {
            this.allOf = allOf;
            return this;
        }

        Builder extensions(Extensions extensions) {
            this.extensions = extensions;
            return this;
        }

        Schema build() {
            return new Schema(this);
        }
    }
}
