package dev.ccigen.generator.read;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * YAML anchors ({@code &name}), aliases ({@code *name}) and merge keys ({@code <<: *name}) for the tree that
 * {@link DocumentLoader} builds. Jackson's YAML parser only reports them (an alias arrives as the anchor's name,
 * a string), so without this a document that reuses a fragment would silently read as something else.
 *
 * <p>An alias becomes a copy of what its anchor named. The copies are counted: a document whose aliases expand
 * beyond {@link #MAX_COPIED_VALUES} values (the "billion laughs" attack) is refused, as is an alias inside the
 * node it names.
 */
final class YamlAliases {
    static final int MAX_COPIED_VALUES = 1_000_000;
    private static final String MERGE_KEY = "<<";

    private final YAMLParser parser;
    private final Map<String, JsonNode> anchors = new HashMap<>();
    private long copied;
    private boolean sawMergeKey;

    YamlAliases(YAMLParser parser) {
        this.parser = parser;
    }

    /** True when the parser's current token is an alias rather than a string. */
    boolean atAlias() {
        return parser.isCurrentAlias();
    }

    /** Notes {@code value} under the current token's anchor, if it has one; and whether a merge key was seen. */
    void remember(JsonNode value, String fieldName) throws JsonParseException {
        String anchor = parser.getCurrentAnchor();
        if (anchor != null) {
            anchors.put(anchor, value);
        }
        sawMergeKey |= MERGE_KEY.equals(fieldName);
    }

    /** A copy of what the current alias names; {@code open} are the containers still being read. */
    JsonNode resolve(Collection<ContainerNode<?>> open) throws IOException {
        String name = parser.getText();
        JsonNode target = anchors.get(name);
        if (target == null) {
            // Jackson's YAML parser reports anchors on mappings and lists only, not on single values.
            throw new JsonParseException(
                    parser,
                    "YAML alias *" + name + ": no mapping or list before it has the anchor &" + name
                            + " (anchors on single values cannot be read)");
        }
        for (ContainerNode<?> c : open) {
            if (c == target) {
                throw new JsonParseException(parser, "YAML alias *" + name + " is inside the node it names");
            }
        }
        copied += count(target, MAX_COPIED_VALUES - copied + 1);
        if (copied > MAX_COPIED_VALUES) {
            throw new JsonParseException(
                    parser,
                    "YAML aliases expand to more than " + MAX_COPIED_VALUES
                            + " values; refused (each alias is a copy of what it names)");
        }
        return target.deepCopy();
    }

    /**
     * Applies the merge keys of {@code root} (a scalar document has none): the fields of the mapping (or mappings, the first winning) named by
     * {@code <<} are added to its object unless the object sets them itself.
     */
    JsonNode applyMerges(JsonNode root) throws JsonParseException {
        if (!sawMergeKey) {
            return root;
        }
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            if (node instanceof ObjectNode object && object.has(MERGE_KEY)) {
                JsonNode merged = object.remove(MERGE_KEY);
                List<JsonNode> sources = new ArrayList<>();
                if (merged instanceof ArrayNode list) {
                    list.forEach(sources::add);
                } else {
                    sources.add(merged);
                }
                for (JsonNode source : sources) {
                    if (!(source instanceof ObjectNode fields)) {
                        throw new JsonParseException(
                                parser,
                                "a YAML merge key (<<) needs a mapping or a list of " + "mappings, found "
                                        + source.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
                    }
                    fields.fields().forEachRemaining(e -> {
                        if (!object.has(e.getKey())) {
                            object.set(e.getKey(), e.getValue());
                        }
                    });
                }
            }
            node.forEach(todo::push);
        }
        return root;
    }

    /** The number of values in {@code node}, counting no further than {@code limit}. */
    private static long count(JsonNode node, long limit) {
        long n = 0;
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(node);
        while (!todo.isEmpty() && n <= limit) {
            JsonNode next = todo.pop();
            n++;
            next.forEach(todo::push);
        }
        return n;
    }
}
