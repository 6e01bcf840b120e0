package dev.ccigen.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {

    private final ObjectMapper mapper = Json.mapper();

    static class Holder {
        public IntOrString port;
        public Quantity cpu;
        public OffsetDateTime time;

        @JsonSerialize(using = Rfc3339.MicroTimeSerializer.class)
        public OffsetDateTime microTime;

        public byte[] data;
        public String absent;
    }

    @Test
    void intOrStringRoundTrips() throws Exception {
        Holder h = mapper.readValue("{\"port\":8080}", Holder.class);
        assertTrue(h.port.isInt());
        assertEquals(8080, h.port.intValue());
        assertEquals("{\"port\":8080}", mapper.writeValueAsString(h));
        h = mapper.readValue("{\"port\":\"http\"}", Holder.class);
        assertEquals("http", h.port.stringValue());
        assertEquals("{\"port\":\"http\"}", mapper.writeValueAsString(h));
        assertEquals(IntOrString.of("25%"), IntOrString.of("25%"));
        assertNotEquals(IntOrString.of(1), IntOrString.of("1"));
        assertEquals("25%", IntOrString.of("25%").toString());
        assertThrows(IllegalStateException.class, () -> IntOrString.of(1).stringValue());
    }

    @Test
    void quantityKeepsItsTextAndKnowsItsAmount() throws Exception {
        for (String text : List.of("500m", "1Gi", "1e3", "0.5", "-2k", "1.5E-3", "100")) {
            Holder h = mapper.readValue("{\"cpu\":\"" + text + "\"}", Holder.class);
            assertEquals("{\"cpu\":\"" + text + "\"}", mapper.writeValueAsString(h));
        }
        assertEquals("{\"cpu\":\"1.50\"}", mapper.writeValueAsString(mapper.readValue("{\"cpu\":1.50}", Holder.class)));
        assertEquals(0, new BigDecimal("0.5").compareTo(Quantity.of("500m").toBigDecimal()));
        assertEquals(
                0, new BigDecimal("1073741824").compareTo(Quantity.of("1Gi").toBigDecimal()));
        assertEquals(0, new BigDecimal("1000").compareTo(Quantity.of("1e3").toBigDecimal()));
        assertEquals(0, new BigDecimal("-2000").compareTo(Quantity.of("-2k").toBigDecimal()));
        assertEquals(
                0, new BigDecimal("0.000000001").compareTo(Quantity.of("1n").toBigDecimal()));
        assertTrue(Quantity.of("1Ki").numericallyEquals(Quantity.of("1024")));
        assertNotEquals(Quantity.of("1Ki"), Quantity.of("1024"));
        assertEquals(Quantity.of("1Ki"), Quantity.of("1Ki"));
        assertThrows(IllegalArgumentException.class, () -> Quantity.of("1KB"));
        assertThrows(IllegalArgumentException.class, () -> Quantity.of(""));
    }

    @Test
    void timesAreWrittenTheKubernetesWay() throws Exception {
        Holder h = mapper.readValue("{\"time\":\"2006-01-02T15:04:05Z\"}", Holder.class);
        assertEquals("{\"time\":\"2006-01-02T15:04:05Z\"}", mapper.writeValueAsString(h));

        h = mapper.readValue("{\"time\":\"2006-01-02T23:04:05.123456789+08:00\"}", Holder.class);
        assertEquals("{\"time\":\"2006-01-02T15:04:05Z\"}", mapper.writeValueAsString(h));

        h = mapper.readValue("{\"microTime\":\"2006-01-02T15:04:05.7Z\"}", Holder.class);
        assertEquals("{\"microTime\":\"2006-01-02T15:04:05.700000Z\"}", mapper.writeValueAsString(h));
        h = mapper.readValue("{\"microTime\":\"2006-01-02T15:04:05.000000Z\"}", Holder.class);
        assertEquals("{\"microTime\":\"2006-01-02T15:04:05.000000Z\"}", mapper.writeValueAsString(h));
    }

    @Test
    void mapperDefaults() throws Exception {
        Holder h = mapper.readValue("{\"data\":\"aGk=\",\"somethingNew\":{\"x\":1}}", Holder.class);
        assertEquals("hi", new String(h.data));
        String written = mapper.writeValueAsString(h);
        assertEquals("{\"data\":\"aGk=\"}", written);
        assertFalse(written.contains("absent"));
    }

    @org.junit.jupiter.api.Test
    void theHandWrittenQuantityCheckAgreesWithTheGrammar() {
        java.util.regex.Pattern grammar = java.util.regex.Pattern.compile(
                "([+-]?)(\\d+(?:\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\\d+|[numkMGTPE]?)");
        for (String q : java.util.List.of(
                "1",
                "500m",
                "1Gi",
                "1e3",
                "1E-3",
                "+1.5",
                "-0.5Ki",
                ".5",
                "5.",
                "1ki",
                "1e",
                "1e+",
                "",
                "m",
                ".",
                "1.2.3",
                "1KiB",
                "1Z",
                "١",
                "--1",
                "1 ",
                "0.25",
                "128974848",
                "1e+5",
                "7Ei")) {
            org.junit.jupiter.api.Assertions.assertEquals(grammar.matcher(q).matches(), Quantity.isQuantity(q), q);
        }
    }

    @org.junit.jupiter.api.Test
    void theFastTimeParserAgreesWithTheFormatter() {
        for (String t : java.util.List.of(
                "2006-01-02T15:04:05Z",
                "2006-01-02t15:04:05z",
                "2021-03-04T05:06:07.123456Z",
                "2021-03-04T05:06:07.1Z",
                "2021-03-04T05:06:07.123456789Z",
                "2021-03-04T13:06:07+08:00",
                "2021-03-04T05:06:07.5-01:30",
                "0001-01-01T00:00:00Z")) {
            java.time.OffsetDateTime expected = java.time.OffsetDateTime.parse(t.toUpperCase(java.util.Locale.ROOT));
            org.junit.jupiter.api.Assertions.assertEquals(expected, Rfc3339.parse(t), t);
        }
        for (String bad : java.util.List.of(
                "2021-13-04T05:06:07Z",
                "2021-03-04 05:06:07Z",
                "2021-03-04T05:06:07.1234567890Z",
                "x021-03-04T05:06:07Z")) {
            org.junit.jupiter.api.Assertions.assertThrows(
                    java.time.DateTimeException.class, () -> Rfc3339.parse(bad), bad);
        }
        org.junit.jupiter.api.Assertions.assertEquals(
                "2021-03-04T05:06:07Z",
                Rfc3339.formatTime(java.time.OffsetDateTime.parse("2021-03-04T13:06:07.9+08:00")));
    }
}
