package dev.ccigen.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Objects;

/** Kubernetes {@code IntOrString}: written as a bare JSON number or a bare JSON string. Immutable. */
@JsonSerialize(using = IntOrString.Serializer.class)
@JsonDeserialize(using = IntOrString.Deserializer.class)
public final class IntOrString {

    private final Integer intValue;
    private final String stringValue;

    private IntOrString(Integer intValue, String stringValue) {
        this.intValue = intValue;
        this.stringValue = stringValue;
    }

    /** A number, e.g. a port {@code 8080}. */
    public static IntOrString of(int value) {
        return new IntOrString(value, null);
    }

    /** A string, e.g. a port name {@code http} or {@code 50%}. */
    public static IntOrString of(String value) {
        return new IntOrString(null, Objects.requireNonNull(value, "value"));
    }

    /** Whether it holds a number (else a string such as {@code 50%}). */
    public boolean isInt() {
        return intValue != null;
    }

    /** @throws IllegalStateException when this holds a string */
    public int intValue() {
        if (intValue == null) {
            throw new IllegalStateException("IntOrString holds the string \"" + stringValue + "\"");
        }
        return intValue;
    }

    /** @throws IllegalStateException when this holds an int */
    public String stringValue() {
        if (stringValue == null) {
            throw new IllegalStateException("IntOrString holds the int " + intValue);
        }
        return stringValue;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IntOrString that
                && Objects.equals(intValue, that.intValue)
                && Objects.equals(stringValue, that.stringValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(intValue, stringValue);
    }

    /** The value as it would appear in YAML: {@code 8080} or {@code 25%}. */
    @Override
    public String toString() {
        return isInt() ? intValue.toString() : stringValue;
    }

    static final class Serializer extends StdSerializer<IntOrString> {

        private static final long serialVersionUID = 1L;

        Serializer() {
            super(IntOrString.class);
        }

        @Override
        public void serialize(IntOrString value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.isInt()) {
                gen.writeNumber(value.intValue);
            } else {
                gen.writeString(value.stringValue);
            }
        }
    }

    static final class Deserializer extends StdDeserializer<IntOrString> {

        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(IntOrString.class);
        }

        @Override
        public IntOrString deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            IntOrString value;
            if (token == JsonToken.VALUE_NUMBER_INT) {
                value = of(parser.getIntValue());
            } else if (token == JsonToken.VALUE_STRING) {
                value = of(parser.getText());
            } else {
                return (IntOrString) context.handleUnexpectedToken(IntOrString.class, parser);
            }
            Interner interner = CacheDecoding.interner(context); // an informer's: one 8080 for all its objects
            return interner == null ? value : interner.intern(value);
        }
    }
}
