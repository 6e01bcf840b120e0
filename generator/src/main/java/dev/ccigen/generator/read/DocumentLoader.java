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
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
        List<JsonNode> documents = parse(file, problems, false);
        return documents == null ? null : documents.get(0);
    }

    /**
     * Reads every document of {@code file}: a YAML stream's documents ({@code ---} between them), in order, an empty
     * one as a {@code NullNode}; a JSON file's one. Returns null (and records why) when the file cannot be read or
     * parsed; a syntax error in any document is one, with its line and column.
     */
    public List<JsonNode> loadAll(Path file, Problems problems) {
        return parse(file, problems, true);
    }

    /**
     * A JSON resource of this library, beside {@code owner}'s class file (ccigen's own data: a failure to read it is
     * ccigen's bug, thrown).
     */
    JsonNode loadResource(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("ccigen's resource " + name + " is missing");
            }
            try (JsonParser parser = json.createParser(in)) {
                parser.nextToken();
                return tree(parser);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read ccigen's resource " + name, e);
        }
    }

    private List<JsonNode> parse(Path file, Problems problems, boolean several) {
        JsonFactory factory = factoryFor(file);
        try (JsonParser parser = open(file, factory)) {
            try {
                if (parser.nextToken() == null) {
                    if (several) {
                        return List.of();
                    }
                    problems.add(Problem.atLine(file, 1, 1, "the document is empty"));
                    return null;
                }
                List<JsonNode> documents = new ArrayList<>();
                documents.add(tree(parser));
                for (JsonToken next = parser.nextToken(); next != null; next = parser.nextToken()) {
                    if (!several || factory == json) {
                        JsonLocation at = parser.currentTokenLocation();
                        problems.add(Problem.atLine(
                                file,
                                Math.max(1, at.getLineNr()),
                                Math.max(1, at.getColumnNr()),
                                "unexpected content after the end of the document"));
                        return null;
                    }
                    documents.add(tree(parser));
                }
                return documents;
            } catch (StreamConstraintsException e) {
                throw new JsonParseException(
                        parser, e.getOriginalMessage()); // a limit says no place; the parser knows it
            }
        } catch (JsonProcessingException e) {
            problems.add(syntaxError(file, e, factory != json));
            return null;
        } catch (NoSuchFileException e) {
            problems.error(file, null, "no such file");
            return null;
        } catch (IOException e) {
            problems.error(file, null, "cannot read: " + e.getMessage());
            return null;
        }
    }

    private JsonFactory factoryFor(Path file) {
        String name = file.getFileName().toString();
        return isYaml(name.endsWith(".gz") ? stripSuffix(name, ".gz") : name) ? yaml() : json;
    }

    private static JsonParser open(Path file, JsonFactory factory) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            return factory.createParser(in); // closes the stream when it is closed (AUTO_CLOSE_SOURCE)
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static Problem syntaxError(Path file, JsonProcessingException e, boolean isYaml) {
        if (e.getCause() instanceof MarkedYAMLException yamlError && yamlError.getProblemMark() != null) {
            // SnakeYAML knows the exact place of the problem; Jackson only reports where the token started.
            var mark = yamlError.getProblemMark();
            String what = yamlError.getProblem() == null
                    ? describe(e, true)
                    : "malformed YAML: " + (yamlError.getContext() == null ? "" : yamlError.getContext() + ": ")
                            + yamlError.getProblem();
            return Problem.atLine(file, mark.getLine() + 1, mark.getColumn() + 1, what.replace('\n', ' '));
        }
        JsonLocation at = e.getLocation();
        int line = at == null ? 1 : Math.max(1, at.getLineNr());
        int column = at == null ? 1 : Math.max(1, at.getColumnNr());
        return Problem.atLine(file, line, column, describe(e, isYaml));
    }

    /**
     * Where values are in {@code file}: for each (document index, JSON pointer) asked, the line and column where the
     * value starts, as {@code {line, column}}; one that is not found is left out. The file is read again, as a stream:
     * places are only needed for the few problems there are, and a tree that remembered every place would cost every
     * reading.
     */
    public Map<Place, int[]> locate(Path file, Set<Place> wanted) {
        Map<Place, int[]> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        try (JsonParser parser = open(file, factoryFor(file))) {
            Locator locator = new Locator(wanted, found);
            for (JsonToken t = parser.nextToken(); t != null && found.size() < wanted.size(); t = parser.nextToken()) {
                locator.token(parser, t);
            }
        } catch (IOException e) {
            // the file was read before: if it cannot be now, the problems keep their pointers
        }
        return found;
    }

    /** A value in a file of several documents: the document's index (from 0) and the JSON pointer in it. */
    public record Place(int document, String pointer) {}

    /** Follows a stream of tokens, knowing the JSON pointer of each value and the document it is in. */
    private static final class Locator {
        private final Set<Place> wanted;
        private final Map<Place, int[]> found;
        /** The open containers: an object's current field name, or an array's next index (as a string). */
        private final Deque<String[]> open = new ArrayDeque<>();

        private int document = -1;

        Locator(Set<Place> wanted, Map<Place, int[]> found) {
            this.wanted = wanted;
            this.found = found;
        }

        void token(JsonParser parser, JsonToken t) throws IOException {
            if (t == JsonToken.FIELD_NAME) {
                open.peek()[1] = parser.currentName();
                return;
            }
            if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                open.pop();
                return;
            }
            String[] parent = open.peek();
            if (parent == null) {
                document++;
            } else if (parent[0] == null) { // an array: this element's index
                parent[1] = String.valueOf(Integer.parseInt(parent[1]) + 1);
            }
            Place place = new Place(document, pointer());
            if (wanted.contains(place)) {
                JsonLocation at = parser.currentTokenLocation();
                found.put(place, new int[] {Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr())});
            }
            if (t == JsonToken.START_OBJECT) {
                open.push(new String[] {"object", null});
            } else if (t == JsonToken.START_ARRAY) {
                open.push(new String[] {null, "-1"});
            }
        }

        /** The pointer of the value the current token starts. */
        private String pointer() {
            StringBuilder b = new StringBuilder();
            for (var it = open.descendingIterator(); it.hasNext(); ) {
                b.append('/').append(NodeReader.escape(it.next()[1]));
            }
            return b.toString();
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
