package dev.ccigen.generator.link;

import java.util.List;
import java.util.Map;

/**
 * One property of a model class.
 *
 * @param jsonName     the name on the wire, escaped for a Java string literal
 * @param fieldName    the Java field, also the fluent setter's name
 * @param javaType     the field's type as the class writes it ({@code List<Container>}, {@code Map<String, Quantity>})
 * @param annotations  extra annotations for the field (e.g. the MicroTime serializer), complete Java text
 * @param equalsCall   {@code Objects.equals}, or the runtime's deep equality where byte arrays hide (compared by content)
 * @param hashCall     {@code Objects.hashCode} or the runtime's deep hash for byte arrays
 * @param toStringCall {@code String.valueOf} or the runtime's text for byte arrays (base64)
 * @param sensitive    toString prints {@code <redacted>} instead of the value (passwords, Secret data)
 * @param enumType     for a property with allowed values: the nested enum's name. The field then keeps the
 *                     raw string (so values the enum does not know survive) and {@link #getter()} returns
 *                     the enum; {@link #rawGetter()} the string.
 * @param summary      one line of Javadoc for the setters: the description's first sentence, escaped, or a
 *                     sentence naming the property when the document has no description
 * @param itemType     the type of one item as the class writes it: a list's element, a map's value, or the
 *                     property's own type when it is a model class (for {@link #editType()}); else null
 * @param editType     for a property whose type is a model class: the type of the nested edit's argument,
 *                     {@code Consumer<ObjectMeta.Builder>}; else null
 * @param addItem      for a list: the builder's method adding one item ({@code addContainersItem}); else null
 * @param putItem      for a map: the builder's method putting one entry ({@code putLabelsItem}); else null
 * @param nullable     the document says the value may be null ({@code x-nullable}, or {@code "null"} among its types)
 * @param extensions   the property schema's vendor extensions, kept as information for templates: a text value as it
 *                     is ({@code x-kubernetes-list-type} → {@code map}), any other value as JSON
 *                     ({@code x-kubernetes-list-map-keys} → {@code ["name"]})
 */
public record PropertyModel(
        String jsonName,
        String fieldName,
        String getter,
        String setter,
        String javaType,
        boolean required,
        List<String> javadoc,
        boolean deprecated,
        List<String> annotations,
        String equalsCall,
        String hashCall,
        String toStringCall,
        boolean sensitive,
        String enumType,
        String rawGetter,
        String rawSetter,
        String summary,
        String itemType,
        String editType,
        String addItem,
        String putItem,
        boolean nullable,
        Map<String, String> extensions) {

    /** The Javadoc as one line when it fits on one ({@code /** ... *}{@code /}), else null. */
    public String javadocLine() {
        return javadoc.size() == 1 && !required ? javadoc.get(0) : null;
    }
}
