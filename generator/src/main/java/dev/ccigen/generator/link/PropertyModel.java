package dev.ccigen.generator.link;

import java.util.List;
import java.util.Map;

/**
 * One property of a model class, built by a {@link Builder}. Its fields are in the order templates/README.md lists
 * them. What the property needs of the runtime is said here ({@link #serializer()}, {@link #byteArrays()}); the
 * render stage writes the Java text of it ({@code annotations}, {@code equalsCall}, {@code hashCall},
 * {@code toStringCall}).
 */
public final class PropertyModel {
    private final String jsonName;
    private final String javadocName;
    private final String fieldName;
    private final String getter;
    private final String setter;
    private final String javaType;
    private final boolean required;
    private final List<String> javadoc;
    private final boolean deprecated;
    private final Serializer serializer;
    private final boolean byteArrays;
    private final boolean sensitive;
    private final String enumType;
    private final String rawGetter;
    private final String rawSetter;
    private final String summary;
    private final String itemType;
    private final String editType;
    private final String addItem;
    private final String putItem;
    private final boolean nullable;
    private final Map<String, String> extensions;

    /** How the value is written as JSON, when Jackson's default way is not the right one. */
    public enum Serializer {
        /** Jackson's own. */
        DEFAULT,
        /** Kubernetes' {@code MicroTime}: an {@code OffsetDateTime} written with microseconds. */
        MICRO_TIME
    }

    private PropertyModel(Builder b) {
        jsonName = b.jsonName;
        fieldName = b.fieldName;
        getter = b.getter;
        setter = b.setter;
        javaType = b.javaType;
        required = b.required;
        javadoc = b.javadoc;
        deprecated = b.deprecated;
        serializer = b.serializer;
        byteArrays = b.byteArrays;
        sensitive = b.sensitive;
        enumType = b.enumType;
        rawGetter = b.rawGetter;
        rawSetter = b.rawSetter;
        summary = b.summary;
        javadocName = b.javadocName;
        itemType = b.itemType;
        editType = b.editType;
        addItem = b.addItem;
        putItem = b.putItem;
        nullable = b.nullable;
        extensions = b.extensions;
    }

    static Builder builder() {
        return new Builder();
    }

    /** The name on the wire, escaped for a Java string literal. */
    public String jsonName() {
        return jsonName;
    }

    /** The Java field, also the fluent setter's name. */
    public String fieldName() {
        return fieldName;
    }

    public String getter() {
        return getter;
    }

    public String setter() {
        return setter;
    }

    /** The field's type as the class writes it ({@code List<Container>}, {@code Map<String, Quantity>}). */
    public String javaType() {
        return javaType;
    }

    public boolean required() {
        return required;
    }

    public List<String> javadoc() {
        return javadoc;
    }

    public boolean deprecated() {
        return deprecated;
    }

    /** How the value is written as JSON. */
    public Serializer serializer() {
        return serializer;
    }

    /** The value holds byte arrays: it is compared, hashed and printed by content (base64), not by reference. */
    public boolean byteArrays() {
        return byteArrays;
    }

    /** toString prints {@code <redacted>} instead of the value (passwords, Secret data). */
    public boolean sensitive() {
        return sensitive;
    }

    /**
     * For a property with allowed values: the nested enum's name. The field then keeps the raw string (so values the
     * enum does not know survive) and {@link #getter()} returns the enum; {@link #rawGetter()} the string.
     */
    public String enumType() {
        return enumType;
    }

    public String rawGetter() {
        return rawGetter;
    }

    public String rawSetter() {
        return rawSetter;
    }

    /**
     * One line of Javadoc for the setters, after the property's name ({@code Sets apiVersion: …}): the description's
     * first sentence, escaped; null when the document has no description.
     */
    public String summary() {
        return summary;
    }

    /** The property's name as the JSON writes it, escaped for Javadoc: {@code Sets apiVersion: …}. */
    public String javadocName() {
        return javadocName;
    }

    /**
     * The type of one item as the class writes it: a list's element, a map's value, or the property's own type when it
     * is a model class (for {@link #editType()}); else null.
     */
    public String itemType() {
        return itemType;
    }

    /**
     * For a property whose type is a model class: the type of the nested edit's argument,
     * {@code Consumer<ObjectMeta.Builder>}; else null.
     */
    public String editType() {
        return editType;
    }

    /** For a list: the builder's method adding one item ({@code addContainersItem}); else null. */
    public String addItem() {
        return addItem;
    }

    /** For a map: the builder's method putting one entry ({@code putLabelsItem}); else null. */
    public String putItem() {
        return putItem;
    }

    /** The document says the value may be null ({@code x-nullable}, or {@code "null"} among its types). */
    public boolean nullable() {
        return nullable;
    }

    /**
     * The property schema's vendor extensions, kept as information for templates: a text value as it is
     * ({@code x-kubernetes-list-type} → {@code map}), any other value as JSON ({@code x-kubernetes-list-map-keys} →
     * {@code ["name"]}).
     */
    public Map<String, String> extensions() {
        return extensions;
    }

    /** The Javadoc as one line when it fits on one ({@code /** ... *}{@code /}), else null. */
    public String javadocLine() {
        return javadoc.size() == 1 && !required ? javadoc.get(0) : null;
    }

    @Override
    public String toString() {
        return "PropertyModel(" + jsonName + ": " + javaType + ")";
    }

    /** Builds a {@link PropertyModel}: every name and type is set by name; flags default to false. */
    static final class Builder {
        private String jsonName;
        private String fieldName;
        private String getter;
        private String setter;
        private String javaType;
        private boolean required;
        private List<String> javadoc = List.of();
        private boolean deprecated;
        private Serializer serializer = Serializer.DEFAULT;
        private boolean byteArrays;
        private boolean sensitive;
        private String enumType;
        private String rawGetter;
        private String rawSetter;
        private String summary;
        private String javadocName;
        private String itemType;
        private String editType;
        private String addItem;
        private String putItem;
        private boolean nullable;
        private Map<String, String> extensions = Map.of();

        private Builder() {}

        Builder jsonName(String jsonName) {
            this.jsonName = jsonName;
            return this;
        }

        Builder fieldName(String fieldName) {
            this.fieldName = fieldName;
            return this;
        }

        Builder getter(String getter) {
            this.getter = getter;
            return this;
        }

        Builder setter(String setter) {
            this.setter = setter;
            return this;
        }

        Builder javaType(String javaType) {
            this.javaType = javaType;
            return this;
        }

        Builder required(boolean required) {
            this.required = required;
            return this;
        }

        Builder javadoc(List<String> javadoc) {
            this.javadoc = javadoc;
            return this;
        }

        Builder deprecated(boolean deprecated) {
            this.deprecated = deprecated;
            return this;
        }

        Builder serializer(Serializer serializer) {
            this.serializer = serializer;
            return this;
        }

        Builder byteArrays(boolean byteArrays) {
            this.byteArrays = byteArrays;
            return this;
        }

        Builder sensitive(boolean sensitive) {
            this.sensitive = sensitive;
            return this;
        }

        Builder enumType(String enumType) {
            this.enumType = enumType;
            return this;
        }

        Builder rawGetter(String rawGetter) {
            this.rawGetter = rawGetter;
            return this;
        }

        Builder rawSetter(String rawSetter) {
            this.rawSetter = rawSetter;
            return this;
        }

        Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        Builder javadocName(String javadocName) {
            this.javadocName = javadocName;
            return this;
        }

        Builder itemType(String itemType) {
            this.itemType = itemType;
            return this;
        }

        Builder editType(String editType) {
            this.editType = editType;
            return this;
        }

        Builder addItem(String addItem) {
            this.addItem = addItem;
            return this;
        }

        Builder putItem(String putItem) {
            this.putItem = putItem;
            return this;
        }

        Builder nullable(boolean nullable) {
            this.nullable = nullable;
            return this;
        }

        Builder extensions(Map<String, String> extensions) {
            this.extensions = extensions;
            return this;
        }

        PropertyModel build() {
            return new PropertyModel(this);
        }
    }
}
