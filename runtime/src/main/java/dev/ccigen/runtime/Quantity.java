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
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes {@code resource.Quantity} ({@code 500m}, {@code 1Gi}, {@code 1e3}, {@code 0.5}). Immutable.
 *
 * <p>A quantity keeps the exact text it was given and writes it back unchanged. {@link #equals} compares
 * that text, not the amount: a read-modify-write must send back what the server sent, otherwise every
 * update would look like a change ({@code 1Gi} rewritten as {@code 1073741824}) to controllers and to
 * server-side apply. Use {@link #numericallyEquals} to compare amounts.
 */
@JsonSerialize(using = Quantity.Serializer.class)
@JsonDeserialize(using = Quantity.Deserializer.class)
public final class Quantity {

    // sign, number (digits, optional fraction), then one suffix: binary SI, decimal exponent or decimal SI.
    private static final Pattern SYNTAX =
            Pattern.compile("([+-]?)(\\d+(?:\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\\d+|[numkMGTPE]?)");

    private static final Map<String, BigDecimal> MULTIPLIERS = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
            Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
            Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
            Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
            Map.entry("Pi", BigDecimal.valueOf(2).pow(50)),
            Map.entry("Ei", BigDecimal.valueOf(2).pow(60)),
            Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)),
            Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
            Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
            Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
            Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
            Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
            Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
            Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
            Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)));

    private final String text;

    private Quantity(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException when {@code text} is not a Kubernetes quantity */
    public static Quantity of(String text) {
        Objects.requireNonNull(text, "text");
        if (!isQuantity(text)) {
            throw new IllegalArgumentException("not a Kubernetes quantity: \"" + text + "\"");
        }
        return new Quantity(text);
    }

    /**
     * The same check as {@link #SYNTAX}, by hand: every quantity read goes through here, and a regular
     * expression costs a matcher per value.
     */
    static boolean isQuantity(String t) {
        int i = 0;
        int n = t.length();
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        String suffix = t.substring(i);
        if (suffix.isEmpty() || MULTIPLIERS.containsKey(suffix)) {
            return true;
        }
        if (suffix.charAt(0) != 'e' && suffix.charAt(0) != 'E') {
            return false;
        }
        int j = 1;
        if (j < suffix.length() && (suffix.charAt(j) == '+' || suffix.charAt(j) == '-')) {
            j++;
        }
        if (j == suffix.length()) {
            return false;
        }
        for (; j < suffix.length(); j++) {
            if (suffix.charAt(j) < '0' || suffix.charAt(j) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The amount: {@code 500m} is 0.5, {@code 1Ki} is 1024, {@code 1e3} is 1000. */
    public BigDecimal toBigDecimal() {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalStateException("unreachable: validated in of()");
        }
        BigDecimal number = new BigDecimal(m.group(2));
        String suffix = m.group(3);
        BigDecimal amount = suffix.startsWith("e") || suffix.startsWith("E")
                ? number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)))
                : number.multiply(MULTIPLIERS.get(suffix));
        return "-".equals(m.group(1)) ? amount.negate() : amount;
    }

    /** Whether both denote the same amount, whatever their spelling ({@code 1Ki} and {@code 1024}). */
    public boolean numericallyEquals(Quantity other) {
        return toBigDecimal().compareTo(other.toBigDecimal()) == 0;
    }

    /** Equal when the text is equal: see the class comment for why. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Quantity that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The exact text, as given or as read. */
    @Override
    public String toString() {
        return text;
    }

    static final class Serializer extends StdSerializer<Quantity> {

        private static final long serialVersionUID = 1L;

        Serializer() {
            super(Quantity.class);
        }

        @Override
        public void serialize(Quantity value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.text);
        }
    }

    /** Reads a JSON string or number; a number keeps the text of its JSON literal. */
    static final class Deserializer extends StdDeserializer<Quantity> {
        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(Quantity.class);
        }

        @Override
        public Quantity deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_STRING && !token.isNumeric()) {
                return (Quantity) context.handleUnexpectedToken(Quantity.class, parser);
            }
            String text = parser.getText();
            Quantity quantity;
            try {
                quantity = of(text);
            } catch (IllegalArgumentException e) {
                return (Quantity) context.handleWeirdStringValue(Quantity.class, text, e.getMessage());
            }
            Interner interner = CacheDecoding.interner(context); // an informer's: one 100m for all its objects
            return interner == null ? quantity : interner.intern(quantity);
        }
    }
}
