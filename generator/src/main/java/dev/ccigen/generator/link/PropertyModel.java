package dev.ccigen.generator.link;

import java.util.List;

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
        String rawSetter) {
}
