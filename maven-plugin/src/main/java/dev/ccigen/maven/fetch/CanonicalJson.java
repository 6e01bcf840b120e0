package dev.ccigen.maven.fetch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The one way fetched files are written, so that identical responses give identical bytes whatever order or spacing
 * the server used: object keys sorted (Kubernetes' swagger.json is sorted throughout), 2-space indent, LF,
 * {@code "key": value}, {@code []} and {@code {}} when empty, a trailing newline. It is the layout of the committed
 * {@code specs/} files, so fetching what they describe writes them byte for byte. Arrays keep their order (a
 * resource's verbs and a group's versions are listed in the server's order of preference).
 */
public final class CanonicalJson {
    /** Big decimals, trailing zeros kept: numbers are written back exactly as they came ({@code 1.50} stays). */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private CanonicalJson() {}

    /** The file's bytes (UTF-8). */
    public static byte[] bytes(JsonNode node) {
        try {
            StringWriter out = new StringWriter();
            try (JsonGenerator gen = JSON.getFactory().createGenerator(out)) {
                gen.setPrettyPrinter(PRINTER.createInstance()); // a printer counts its nesting: one per generator
                JSON.writeTree(gen, sorted(node));
            }
            return (out + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode out = JSON.createObjectNode();
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            for (Iterator<JsonNode> items = node.elements(); items.hasNext(); ) {
                out.add(sorted(items.next()));
            }
            return out;
        }
        return node;
    }
}
