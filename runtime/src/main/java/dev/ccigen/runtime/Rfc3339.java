package dev.ccigen.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The two RFC 3339 forms Kubernetes uses: {@code Time} ({@code 2006-01-02T15:04:05Z}, whole seconds,
 * UTC) and {@code MicroTime} ({@code 2006-01-02T15:04:05.000000Z}). Both are read leniently: any
 * fraction and any offset.
 */
public final class Rfc3339 {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);
    private static final DateTimeFormatter MICRO_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT);

    private Rfc3339() {}

    /** {@code 2006-01-02T15:04:05Z}: converted to UTC, the fraction dropped (as the API server does). */
    public static String formatTime(OffsetDateTime value) {
        return new String(timeChars(value));
    }

    /**
     * The 20 characters of {@link #formatTime}, written by hand: every timestamp of every object goes
     * through here, and a formatter allocates far more than the result.
     */
    static char[] timeChars(OffsetDateTime value) {
        OffsetDateTime utc =
                value.getOffset().equals(ZoneOffset.UTC) ? value : value.withOffsetSameInstant(ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 0 || year > 9999) {
            return TIME.format(utc).toCharArray();
        }
        char[] c = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0', ':', '0', '0', 'Z'};
        digits(c, 0, year, 4);
        digits(c, 5, utc.getMonthValue(), 2);
        digits(c, 8, utc.getDayOfMonth(), 2);
        digits(c, 11, utc.getHour(), 2);
        digits(c, 14, utc.getMinute(), 2);
        digits(c, 17, utc.getSecond(), 2);
        return c;
    }

    private static void digits(char[] into, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            into[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** {@code 2006-01-02T15:04:05.000000Z}: converted to UTC, six fractional digits. */
    public static String formatMicroTime(OffsetDateTime value) {
        return MICRO_TIME.format(value.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /**
     * Any RFC 3339 date-time: lower-case {@code t}/{@code z}, any fraction, {@code Z} or a numeric offset.
     *
     * @throws java.time.DateTimeException when it is not one
     */
    public static OffsetDateTime parse(String text) {
        OffsetDateTime fast = parseUtc(text);
        return fast != null
                ? fast
                : OffsetDateTime.parse(text.trim().toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /**
     * The form servers send, {@code 2006-01-02T15:04:05[.fraction]Z}, read without a formatter (which would
     * allocate a map per value); null for any other form, which the formatter then reads.
     */
    private static OffsetDateTime parseUtc(String t) {
        int n = t.length();
        if (n < 20
                || n > 30
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || (t.charAt(10) | 0x20) != 't'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':'
                || (t.charAt(n - 1) | 0x20) != 'z') {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (t.charAt(19) != '.' || n == 21) {
                return null;
            }
            int scale = 100_000_000;
            for (int i = 20; i < n - 1; i++) {
                int d = t.charAt(i) - '0';
                if (d < 0 || d > 9 || scale == 0) {
                    return null;
                }
                nanos += d * scale;
                scale /= 10;
            }
        }
        int year = number(t, 0, 4);
        int month = number(t, 5, 2);
        int day = number(t, 8, 2);
        int hour = number(t, 11, 2);
        int minute = number(t, 14, 2);
        int second = number(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, ZoneOffset.UTC);
    }

    /** The decimal number of {@code width} digits at {@code at}; -1 when a character is not a digit. */
    private static int number(String t, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            int d = t.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** Writes {@code Time}; the default for every {@link OffsetDateTime} in {@link Json#mapper()}. */
    public static final class TimeSerializer extends StdSerializer<OffsetDateTime> {
        private static final long serialVersionUID = 1L;

        /** Used by Jackson through annotations. */
        public TimeSerializer() {
            super(OffsetDateTime.class);
        }

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            char[] text = timeChars(value);
            gen.writeString(text, 0, text.length);
        }
    }

    /** Writes {@code MicroTime}; for fields such as {@code Event.eventTime} and {@code Lease.spec.renewTime}. */
    public static final class MicroTimeSerializer extends StdSerializer<OffsetDateTime> {
        private static final long serialVersionUID = 1L;

        /** Used by Jackson through annotations. */
        public MicroTimeSerializer() {
            super(OffsetDateTime.class);
        }

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(formatMicroTime(value));
        }
    }

    /** Reads both forms, and any other RFC 3339 date-time; an empty string reads as {@code null}. */
    public static final class LenientDeserializer extends StdScalarDeserializer<OffsetDateTime> {
        private static final long serialVersionUID = 1L;

        /** Used by Jackson through annotations. */
        public LenientDeserializer() {
            super(OffsetDateTime.class);
        }

        @Override
        public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (OffsetDateTime) context.handleUnexpectedToken(OffsetDateTime.class, parser);
            }
            String text = parser.getText();
            if (text.isBlank()) {
                return null;
            }
            try {
                return parse(text);
            } catch (DateTimeException e) { // out-of-range fields as well as text that does not parse
                return (OffsetDateTime)
                        context.handleWeirdStringValue(OffsetDateTime.class, text, "not an RFC 3339 date-time");
            }
        }
    }
}
