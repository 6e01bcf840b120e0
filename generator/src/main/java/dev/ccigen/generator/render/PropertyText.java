package dev.ccigen.generator.render;

import dev.ccigen.generator.link.PropertyModel;
import java.util.List;
import java.util.Set;

/**
 * The Java text of what a property needs of the runtime, which the model says and templates print: its
 * {@code annotations} (the {@code MicroTime} serializer), and the {@code equalsCall}, {@code hashCall} and
 * {@code toStringCall} that compare, hash and print its value (the runtime's {@code Values} where byte arrays hide).
 */
final class PropertyText {
    /** The names, in the order templates/README.md lists them. */
    static final List<String> NAMES = List.of("annotations", "equalsCall", "hashCall", "toStringCall");

    private static final Set<String> LOOKUP = Set.copyOf(NAMES);

    private PropertyText() {}

    static boolean isName(String name) {
        return name != null && LOOKUP.contains(name);
    }

    /** The text {@code name} (one of {@link #NAMES}) of {@code property}, in a client whose runtime is {@code runtime}. */
    static Object of(PropertyModel property, String name, String runtime) {
        boolean content = property.byteArrays();
        return switch (name) {
            case "annotations" ->
                property.serializer() == PropertyModel.Serializer.MICRO_TIME
                        ? List.of("@com.fasterxml.jackson.databind.annotation.JsonSerialize(using = " + runtime
                                + ".Rfc3339.MicroTimeSerializer.class)")
                        : List.of();
            case "equalsCall" -> content ? runtime + ".Values.deepEquals" : "Objects.equals";
            case "hashCall" -> content ? runtime + ".Values.deepHashCode" : "Objects.hashCode";
            case "toStringCall" -> content ? runtime + ".Values.toString" : "String.valueOf";
            default -> throw new IllegalArgumentException("no Java text named " + name);
        };
    }
}
