package dev.ccigen.generator.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.ccigen.generator.problem.Problem;
import dev.ccigen.generator.problem.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses a JSON or YAML file into a tree. A syntax error becomes a {@link Problem} with the file, line,
 * column and what the parser expected; the caller then goes on with the other inputs so that one run
 * reports everything.
 */
public final class DocumentLoader {
    /** Large enough for any real API document (Kubernetes' is 5.5 MB), small enough to fail clearly on junk. */
    private static final int MAX_DOCUMENT_CHARS = 256 * 1024 * 1024;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxStringLength(MAX_DOCUMENT_CHARS)
            .maxNestingDepth(2_000)
            .build();

    // Duplicate keys are found by the tree as it is built (see tree), not by the parser's detector: that one keeps a
    // set of names per object, a second map for every object of the document.
    // Names are kept once each by the parser's symbol table already; String.intern() on top of it only costs.
    private final JsonFactory json = JsonFactory.builder()
            .streamReadConstraints(LIMITS)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();
    private JsonFactory yaml; // made when first needed: SnakeYAML takes a while to load

    private JsonFactory yaml() {
        if (yaml != null) {
            return yaml;
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_DOCUMENT_CHARS);
        options.setAllowDuplicateKeys(true); // found by tree(), with the same message as in JSON
        // Aliases ("billion laughs") are bounded where they are expanded: YamlAliases.
        this.yaml = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(LIMITS)
                .build();
        return yaml;
    }

    /** Reads {@code file}; returns null (and records why) when it cannot be read or parsed. */
    public JsonNode load(Path file, Problems problems) {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        String name = gzip
                ? stripSuffix(file.getFileName().toString(), ".gz")
                : file.getFileName().toString();
        JsonFactory factory = isYaml(name) ? yaml() : json;
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
                JsonParser parser = factory.createParser(in)) {
            try {
                if (parser.nextToken() == null) {
                    problems.add(Problem.atLine(file, 1, 1, "the document is empty"));
                    return null;
                }
                JsonNode node = tree(parser);
                if (parser.nextToken() != null) {
                    JsonLocation at = parser.currentTokenLocation();
                    problems.add(Problem.atLine(
                            file,
                            Math.max(1, at.getLineNr()),
                            Math.max(1, at.getColumnNr()),
                            "unexpected content after the end of the document"));
                    return null;
                }
                return node;
            } catch (StreamConstraintsException e) {
                throw new JsonParseException(
                        parser, e.getOriginalMessage()); // a limit says no place; the parser knows it
            }
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException yamlError && yamlError.getProblemMark() != null) {
                // SnakeYAML knows the exact place of the problem; Jackson only reports where the token started.
                var mark = yamlError.getProblemMark();
                String what = yamlError.getProblem() == null
                        ? describe(e, true)
                        : "malformed YAML: " + (yamlError.getContext() == null ? "" : yamlError.getContext() + ": ")
                                + yamlError.getProblem();
                problems.add(Problem.atLine(file, mark.getLine() + 1, mark.getColumn() + 1, what.replace('\n', ' ')));
                return null;
            }
            JsonLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            int column = at == null ? 1 : Math.max(1, at.getColumnNr());
            problems.add(Problem.atLine(file, line, column, describe(e, factory != json)));
            return null;
        } catch (NoSuchFileException e) {
            problems.error(file, null, "no such file");
            return null;
        } catch (IOException e) {
            problems.error(file, null, "cannot read: " + e.getMessage());
            return null;
        }
    }

    /**
     * The value at the parser's current token as a tree. Built here rather than by an {@code ObjectMapper}:
     * the mapper's set-up is most of the cost of reading a 5 MB document in a fresh JVM, and a tree of plain
     * values needs none of it. A loop with a stack of open containers, not recursion: a document nested as
     * deep as the parser allows must not overflow a thread's stack.
     */
    private static JsonNode tree(JsonParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        YamlAliases yaml = parser instanceof YAMLParser yamlParser ? new YamlAliases(yamlParser) : null;
        Deque<ContainerNode<?>> open = new ArrayDeque<>();
        String name = null; // of the field whose value comes next, inside an object
        for (JsonToken token = parser.currentToken(); ; token = parser.nextToken()) {
            JsonNode value;
            switch (token) {
                case FIELD_NAME -> {
                    name = parser.currentName();
                    continue;
                }
                case END_OBJECT, END_ARRAY -> {
                    ContainerNode<?> done = open.pop();
                    if (open.isEmpty()) {
                        return yaml == null ? done : yaml.applyMerges(done);
                    }
                    continue;
                }
                case START_OBJECT -> value = nodes.objectNode();
                case START_ARRAY -> value = nodes.arrayNode();
                case VALUE_NUMBER_INT ->
                    value = switch (parser.getNumberType()) {
                        case INT -> nodes.numberNode(parser.getIntValue());
                        case LONG -> nodes.numberNode(parser.getLongValue());
                        default -> nodes.numberNode(parser.getBigIntegerValue());
                    };
                case VALUE_NUMBER_FLOAT -> value = nodes.numberNode(parser.getDoubleValue());
                case VALUE_TRUE -> value = nodes.booleanNode(true);
                case VALUE_FALSE -> value = nodes.booleanNode(false);
                case VALUE_NULL -> value = nodes.nullNode();
                default ->
                    value = yaml != null && yaml.atAlias()
                            ? yaml.resolve(open)
                            : nodes.textNode(parser.getText()); // strings, and YAML's tagged scalars as their text
            }
            ContainerNode<?> parent = open.peek();
            if (yaml != null) {
                yaml.remember(value, parent instanceof ObjectNode ? name : null);
            }
            if (parent instanceof ObjectNode object) {
                if (object.replace(name, value) != null) {
                    throw new JsonParseException(
                            parser, "duplicate key \"" + name + "\"", parser.currentTokenLocation());
                }
            } else if (parent instanceof ArrayNode array) {
                array.add(value);
            }
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) { // not an alias's finished copy
                open.push((ContainerNode<?>) value);
            } else if (parent == null) {
                return value; // the document is a single scalar
            }
        }
    }

    public static boolean isYaml(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    /** The parser's own words, without its location suffix (we print the location ourselves). */
    private static String describe(JsonProcessingException e, boolean isYaml) {
        String message = e.getOriginalMessage();
        if (message == null) {
            message = e.getClass().getSimpleName();
        }
        int at = message.indexOf("\n at [Source");
        if (at >= 0) {
            message = message.substring(0, at);
        }
        message = message.replace('\n', ' ').replaceAll("\\s+", " ").trim();
        return (isYaml ? "malformed YAML: " : "malformed JSON: ") + message;
    }

    private static String stripSuffix(String s, String suffix) {
        return s.substring(0, s.length() - suffix.length());
    }
}
