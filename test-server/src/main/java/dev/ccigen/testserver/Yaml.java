package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The YAML that Kubernetes manifests are written in, read into Jackson trees without a YAML library (the test server
 * needs only the JDK and Jackson): documents separated by {@code ---}; block mappings and sequences (a sequence may
 * sit at its key's indentation); plain, single- and double-quoted scalars, also over several lines; literal
 * ({@code |}) and folded ({@code >}) block scalars with chomping ({@code -}, {@code +}) and indentation indicators;
 * flow collections ({@code [a, b]}, {@code {a: b}}); comments. Plain scalars resolve as YAML 1.2's core schema does
 * (null, booleans, integers, floats, else strings). Not read: anchors and aliases, tags, complex keys; they are
 * reported, with the line.
 */
final class Yaml {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    private final List<String> lines;
    private final int firstLine;
    private int pos;
    /** The line being read, for errors. */
    private int at;

    private Yaml(List<String> lines, int firstLine) {
        this.lines = lines;
        this.firstLine = firstLine;
    }

    /**
     * The documents of {@code text}, in order (empty ones left out).
     *
     * @throws IllegalArgumentException naming the line of what cannot be read
     */
    static List<JsonNode> read(String text) {
        List<JsonNode> documents = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int start = 1;
        String[] all = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i <= all.length; i++) {
            String line = i < all.length ? all[i] : "---";
            boolean separator = line.equals("---") || line.startsWith("--- ") || line.equals("...");
            if (separator) {
                JsonNode doc = new Yaml(current, start).document();
                if (doc != null) {
                    documents.add(doc);
                }
                current = new ArrayList<>();
                start = i + 2;
                String rest = line.startsWith("--- ") ? line.substring(4).trim() : "";
                if (!rest.isEmpty() && !rest.startsWith("#")) {
                    current.add(rest);
                    start = i + 1;
                }
            } else if (!line.startsWith("%")) { // directives (%YAML) say nothing this reader needs
                current.add(line);
            }
        }
        return documents;
    }

    private JsonNode document() {
        skipBlank();
        if (pos >= lines.size()) {
            return null;
        }
        JsonNode node = block(0);
        skipBlank();
        if (pos < lines.size()) {
            at = pos;
            throw error("unexpected content (is the indentation right?)");
        }
        return node;
    }

    /** The block node starting at the current line, whose indentation is at least {@code min}. */
    private JsonNode block(int min) {
        skipBlank();
        if (pos >= lines.size() || indent(lines.get(pos)) < min) {
            return NODES.nullNode();
        }
        String line = lines.get(pos);
        at = pos;
        int indent = indent(line);
        String content = line.substring(indent);
        if (content.equals("-") || content.startsWith("- ")) {
            return sequence(indent);
        }
        if (colon(content) >= 0) {
            return mapping(indent);
        }
        pos++;
        return scalarValue(content, indent);
    }

    private ArrayNode sequence(int indent) {
        ArrayNode list = NODES.arrayNode();
        while (true) {
            skipBlank();
            if (pos >= lines.size()) {
                return list;
            }
            String line = lines.get(pos);
            String content = line.substring(Math.min(indent, line.length()));
            if (indent(line) != indent || !(content.equals("-") || content.startsWith("- "))) {
                return list;
            }
            String rest = content.substring(1);
            String item = rest.stripLeading();
            if (item.isEmpty() || item.startsWith("#")) {
                pos++;
                list.add(block(indent + 1));
            } else {
                int itemIndent = indent + 1 + (rest.length() - item.length());
                lines.set(pos, " ".repeat(itemIndent) + item); // the item as a line of its own, where it starts
                list.add(block(itemIndent));
            }
        }
    }

    private ObjectNode mapping(int indent) {
        ObjectNode map = NODES.objectNode();
        while (true) {
            skipBlank();
            if (pos >= lines.size()) {
                return map;
            }
            String line = lines.get(pos);
            if (indent(line) != indent) {
                if (indent(line) > indent) {
                    at = pos;
                    throw error("unexpected indentation");
                }
                return map;
            }
            String content = line.substring(indent);
            at = pos;
            int colon = colon(content);
            if (colon < 0) {
                if (content.startsWith("- ") || content.equals("-")) {
                    return map; // a sequence at the indentation of the mapping that holds this one
                }
                throw error("expected \"key: value\"");
            }
            String key = key(content.substring(0, colon).trim());
            String value = stripComment(content.substring(colon + 1)).trim();
            pos++;
            JsonNode v;
            if (value.isEmpty()) {
                skipBlank();
                boolean nested = pos < lines.size() && indent(lines.get(pos)) > indent;
                boolean sameIndentList = pos < lines.size()
                        && indent(lines.get(pos)) == indent
                        && (lines.get(pos).substring(indent).startsWith("- ")
                                || lines.get(pos).substring(indent).equals("-"));
                v = nested ? block(indent + 1) : sameIndentList ? sequence(indent) : NODES.nullNode();
            } else if (value.startsWith("|") || value.startsWith(">")) {
                v = NODES.textNode(blockScalar(value, indent));
            } else {
                v = scalarValue(value, indent);
            }
            map.set(key, v);
        }
    }

    /** A value on a line (and, for an open quote or bracket or a plain scalar, the lines that continue it). */
    private JsonNode scalarValue(String first, int indent) {
        String value = stripComment(first).trim();
        if (value.startsWith("&") || value.startsWith("*")) {
            throw error("anchors and aliases are not read by this server's YAML reader");
        }
        if (value.startsWith("!")) {
            throw error("tags are not read by this server's YAML reader");
        }
        if (value.startsWith("[") || value.startsWith("{")) {
            StringBuilder text = new StringBuilder(value);
            while (!balanced(text) && pos < lines.size()) {
                text.append(' ').append(stripComment(lines.get(pos++)).trim());
            }
            Flow flow = new Flow(text.toString());
            JsonNode node = flow.value();
            flow.end();
            return node;
        }
        if (value.startsWith("\"") || value.startsWith("'")) {
            StringBuilder text = new StringBuilder(value);
            while (!closed(text) && pos < lines.size()) {
                String next = lines.get(pos++).trim();
                text.append(next.isEmpty() ? "\n" : (text.charAt(text.length() - 1) == '\n' ? "" : " ") + next);
            }
            Flow flow = new Flow(text.toString());
            JsonNode node = flow.value();
            flow.end();
            return node;
        }
        StringBuilder text = new StringBuilder(value);
        while (pos < lines.size()) { // a plain scalar continues on more indented lines
            String next = lines.get(pos);
            if (next.isBlank()
                    || indent(next) <= indent
                    || colon(next.trim()) >= 0
                    || next.trim().startsWith("#")) {
                break;
            }
            text.append(' ').append(stripComment(next).trim());
            pos++;
        }
        return plain(text.toString());
    }

    /** A literal or folded block scalar, its header ({@code |-}, {@code >2} ...) already read. */
    private String blockScalar(String header, int parentIndent) {
        boolean literal = header.charAt(0) == '|';
        char chomp = header.contains("-") ? '-' : header.contains("+") ? '+' : ' ';
        String digits = header.replaceAll("[^0-9]", "");
        int indent = digits.isEmpty() ? -1 : parentIndent + Integer.parseInt(digits);
        List<String> body = new ArrayList<>();
        while (pos < lines.size()) {
            String line = lines.get(pos);
            if (!line.isBlank()) {
                int i = indent(line);
                if (indent < 0) {
                    indent = i;
                }
                if (i < indent || i <= parentIndent) {
                    break;
                }
            }
            body.add(line.length() >= Math.max(indent, 0) ? line.substring(Math.max(indent, 0)) : "");
            pos++;
        }
        int trailing = 0;
        while (!body.isEmpty() && body.get(body.size() - 1).isBlank()) {
            body.remove(body.size() - 1);
            trailing++;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < body.size(); i++) {
            String line = body.get(i);
            if (i > 0) {
                String previous = body.get(i - 1);
                if (literal || line.isEmpty() || line.startsWith(" ") || previous.startsWith(" ")) {
                    text.append('\n');
                } else if (!previous.isEmpty()) {
                    text.append(' ');
                }
            }
            text.append(line);
        }
        if (body.isEmpty()) {
            return "";
        }
        return switch (chomp) {
            case '-' -> text.toString();
            case '+' -> text + "\n".repeat(trailing + 1);
            default -> text + "\n";
        };
    }

    /** A plain scalar, resolved: null, boolean, integer, float or string. */
    static JsonNode plain(String text) {
        switch (text) {
            case "", "~", "null", "Null", "NULL":
                return NODES.nullNode();
            case "true", "True", "TRUE":
                return NODES.booleanNode(true);
            case "false", "False", "FALSE":
                return NODES.booleanNode(false);
            case ".inf", ".Inf", ".INF", "+.inf":
                return NODES.numberNode(Double.POSITIVE_INFINITY);
            case "-.inf", "-.Inf", "-.INF":
                return NODES.numberNode(Double.NEGATIVE_INFINITY);
            default:
                break;
        }
        try {
            if (INTEGER.matcher(text).matches()) {
                return NODES.numberNode(new java.math.BigInteger(text));
            }
            if (text.startsWith("0x") && text.length() > 2) {
                return NODES.numberNode(Long.parseLong(text.substring(2), 16));
            }
            if (text.startsWith("0o") && text.length() > 2) {
                return NODES.numberNode(Long.parseLong(text.substring(2), 8));
            }
            if (FLOAT.matcher(text).matches()) {
                return NODES.numberNode(Double.parseDouble(text));
            }
        } catch (NumberFormatException e) {
            // a string after all
        }
        return NODES.textNode(text);
    }

    private String key(String text) {
        if (text.startsWith("\"") || text.startsWith("'")) {
            Flow flow = new Flow(text);
            JsonNode k = flow.value();
            flow.end();
            return k.asText();
        }
        if (text.startsWith("?")) {
            throw error("complex keys are not read by this server's YAML reader");
        }
        return text;
    }

    /**
     * One line's structure, outside quoted scalars: where the first mapping colon at bracket depth 0 is (followed by a
     * space or the end), where a comment starts, the bracket depth at the end, and whether a quote is still open.
     */
    private record Scan(int colon, int comment, int depth, boolean quoteOpen) {}

    private static Scan scan(CharSequence text) {
        char quote = 0;
        int depth = 0;
        int colon = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote && !(quote == '"' && text.charAt(i - 1) == '\\')) {
                    quote = 0;
                }
            } else if ((c == '"' || c == '\'') && (i == 0 || " [{,:".indexOf(text.charAt(i - 1)) >= 0)) {
                quote = c;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                return new Scan(colon, i, depth, false);
            } else if (c == ':' && depth == 0 && colon < 0 && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
                colon = i;
            }
        }
        return new Scan(colon, -1, depth, quote != 0);
    }

    /** Where the mapping's colon is, or -1. */
    private static int colon(String content) {
        return scan(content).colon();
    }

    private static String stripComment(String text) {
        int comment = scan(text).comment();
        return comment < 0 ? text : text.substring(0, comment);
    }

    private static boolean balanced(CharSequence text) {
        Scan scan = scan(text);
        return scan.depth() <= 0 && !scan.quoteOpen();
    }

    /** Whether a quoted scalar's closing quote is there. */
    private static boolean closed(CharSequence text) {
        char quote = text.charAt(0);
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                if (quote == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    private void skipBlank() {
        while (pos < lines.size()) {
            String t = lines.get(pos).trim();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return;
            }
            pos++;
        }
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        if (i < line.length() && line.charAt(i) == '\t') {
            throw new IllegalArgumentException("a tab in the indentation: YAML indents with spaces");
        }
        return i;
    }

    private IllegalArgumentException error(String what) {
        int index = Math.min(at, Math.max(lines.size() - 1, 0));
        int line = firstLine + index;
        String text = index < lines.size() ? lines.get(index).trim() : "";
        return new IllegalArgumentException("line " + line + ": " + what + (text.isEmpty() ? "" : ": " + text));
    }

    /** A flow value on one logical line: a quoted scalar, a flow sequence or mapping, or a plain scalar. */
    private final class Flow {
        private final String text;
        private int at;

        Flow(String text) {
            this.text = text;
        }

        JsonNode value() {
            space();
            if (at >= text.length()) {
                return NODES.nullNode();
            }
            char c = text.charAt(at);
            if (c == '[') {
                ArrayNode list = NODES.arrayNode();
                items(']', "flow sequence", () -> list.add(value()));
                return list;
            }
            if (c == '{') {
                ObjectNode map = NODES.objectNode();
                items('}', "flow mapping", () -> {
                    JsonNode key = value();
                    space();
                    if (!peek(':')) {
                        throw error("expected : in a flow mapping");
                    }
                    at++;
                    map.set(key.asText(), value());
                });
                return map;
            }
            if (c == '"') {
                return NODES.textNode(doubleQuoted());
            }
            if (c == '\'') {
                StringBuilder s = new StringBuilder();
                at++;
                while (at < text.length()) {
                    char q = text.charAt(at++);
                    if (q == '\'') {
                        if (peek('\'')) {
                            s.append('\'');
                            at++;
                        } else {
                            return NODES.textNode(s.toString());
                        }
                    } else {
                        s.append(q);
                    }
                }
                throw error("a single-quoted scalar without its closing quote");
            }
            int start = at;
            while (at < text.length()) {
                char p = text.charAt(at);
                if (p == ','
                        || p == ']'
                        || p == '}'
                        || (p == ':'
                                && (at + 1 == text.length()
                                        || text.charAt(at + 1) == ' '
                                        || text.charAt(at + 1) == ','))) {
                    break;
                }
                at++;
            }
            return plain(text.substring(start, at).trim());
        }

        /** The items of a flow collection, its opening bracket next, up to {@code close}; a trailing comma allowed. */
        private void items(char close, String what, Runnable item) {
            at++;
            space();
            while (!peek(close)) {
                item.run();
                space();
                if (peek(',')) {
                    at++;
                    space();
                } else if (!peek(close)) {
                    throw error("expected , or " + close + " in a " + what);
                }
            }
            at++;
        }

        private String doubleQuoted() {
            StringBuilder s = new StringBuilder();
            at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return s.toString();
                }
                if (c != '\\' || at >= text.length()) {
                    s.append(c);
                    continue;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case 'n' -> s.append('\n');
                    case 't' -> s.append('\t');
                    case 'r' -> s.append('\r');
                    case '0' -> s.append('\0');
                    case 'b' -> s.append('\b');
                    case 'e' -> s.append('\u001b');
                    case ' ' -> s.append(' ');
                    case '/' -> s.append('/');
                    case 'x' -> s.append(hex(2));
                    case 'u' -> s.append(hex(4));
                    case 'U' -> s.appendCodePoint(Integer.parseInt(text.substring(at, at += 8), 16));
                    default -> s.append(e); // \" \\ and the rest stand for themselves
                }
            }
            throw error("a double-quoted scalar without its closing quote");
        }

        private char hex(int digits) {
            char c = (char) Integer.parseInt(text.substring(at, at + digits), 16);
            at += digits;
            return c;
        }

        void end() {
            space();
            if (at < text.length()) {
                throw error("unexpected text after a value: " + text.substring(at));
            }
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
