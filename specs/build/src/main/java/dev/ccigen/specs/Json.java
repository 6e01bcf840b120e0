package dev.ccigen.specs;

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
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/** Reading and writing JSON the one way every assembled file is written. */
final class Json {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // Big decimals so that numbers are written back exactly as read.
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** 2-space indent, LF, `"key": value`, `{}`/`[]` when empty: the layout of `json.dumps(indent=2)`. */
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private Json() {}

    static JsonNode read(Path file) {
        try (InputStream in = open(file)) {
            String name = file.getFileName().toString();
            return name.endsWith(".yaml") || name.endsWith(".yml") ? YAML.readTree(in) : JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static JsonNode resource(String name) {
        try (InputStream in = Json.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }

    /** The canonical text of a file: pretty JSON plus a trailing newline. */
    static String write(JsonNode node) {
        try {
            StringWriter out = new StringWriter();
            JsonGenerator gen = JSON.getFactory().createGenerator(out);
            gen.setPrettyPrinter(PRINTER);
            JSON.writeTree(gen, node);
            gen.flush();
            return out + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deep copy whose object keys are sorted, as in Kubernetes' own swagger.json. */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(item -> out.add(sorted(item)));
            return out;
        }
        return node;
    }

    /** Calls the visitor for every `$ref` value anywhere under the node. */
    static void forEachRef(JsonNode node, Consumer<String> visitor) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                JsonNode value = node.get(name);
                if (name.equals("$ref") && value.isTextual()) {
                    visitor.accept(value.asText());
                } else {
                    forEachRef(value, visitor);
                }
            }
        } else if (node.isArray()) {
            node.forEach(item -> forEachRef(item, visitor));
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(item -> out.add(item.asText()));
        }
        return out;
    }

    static ArrayNode array(Iterable<String> values) {
        ArrayNode out = NODES.arrayNode();
        values.forEach(out::add);
        return out;
    }
}
