package dev.ccigen.generator.link;

import java.util.ArrayList;
import java.util.List;

/**
 * Escaping of spec text for the two places it lands in Java source: Javadoc comments and string literals.
 * Done here, in the model, so that no template has to know Java's lexical traps and none can forget them.
 */
public final class JavaText {
    /** A description longer than this is cut in Javadoc: nobody reads 50 MB of comment, and javac would have to. */
    static final int MAX_JAVADOC_CHARS = 8 * 1024;
    /**
     * Javadoc text is wrapped at spaces to lines of at most this many characters, so that with a member's indentation
     * a comment line stays within 120 columns (a word longer than that, a URL say, stays whole).
     */
    static final int JAVADOC_WIDTH = 100;

    private JavaText() {}

    /**
     * Javadoc lines for {@code text}: HTML-escaped ({@code < > &}), {@code @} made harmless so it starts no
     * tag, {@code *}{@code /} broken so it cannot close the comment, and backslash-u escaped, because javac
     * turns {@code \}{@code u002a} into a real character before it even sees the comment.
     */
    public static List<String> javadoc(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String t = text.strip();
        if (isPlain(t) && t.length() <= JAVADOC_WIDTH) {
            return List.of(t); // most descriptions: one short line, nothing to escape
        }
        if (t.length() > MAX_JAVADOC_CHARS) {
            t = t.substring(0, MAX_JAVADOC_CHARS) + " … (cut: the description has " + text.length() + " characters)";
        }
        StringBuilder b = new StringBuilder(t.length() + 16);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '@' -> b.append("&#64;");
                case '\\' -> b.append("&#92;");
                case '/' -> b.append(i > 0 && t.charAt(i - 1) == '*' ? "&#47;" : "/");
                case '\t' -> b.append("    "); // the generated code has no tabs
                case '\r' -> {
                    if (i + 1 >= t.length() || t.charAt(i + 1) != '\n') {
                        b.append('\n');
                    }
                }
                default -> {
                    if (c == '\n' || c >= ' ' && c != 0x7f) {
                        b.append(c);
                    }
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (String line : b.toString().split("\n", -1)) {
            wrap(line.stripTrailing(), lines);
        }
        return lines;
    }

    /** Adds {@code line} to {@code lines}, broken at spaces into lines of at most {@link #JAVADOC_WIDTH}. */
    private static void wrap(String line, List<String> lines) {
        // Continuation lines keep the line's indentation (an indented list stays one), up to a few spaces.
        String indent =
                " ".repeat(Math.min(8, line.length() - line.stripLeading().length()));
        String rest = line;
        while (rest.length() > JAVADOC_WIDTH) {
            int lead = rest.length() - rest.stripLeading().length();
            int cut = rest.lastIndexOf(' ', JAVADOC_WIDTH);
            if (cut <= lead) {
                cut = rest.indexOf(' ', JAVADOC_WIDTH); // one long word: it stays whole
                if (cut < 0) {
                    break;
                }
            }
            lines.add(rest.substring(0, cut).stripTrailing());
            rest = indent + rest.substring(cut + 1).stripLeading();
        }
        lines.add(rest);
    }

    private static boolean isPlain(String t) {
        if (t.length() > MAX_JAVADOC_CHARS) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < ' ' || c == '<' || c == '>' || c == '&' || c == '@' || c == '\\' || c == '/' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * The inside of a Java string literal for {@code s}: quotes, backslashes and control characters escaped.
     * Control characters use octal escapes, never backslash-u (javac would decode that before lexing the literal).
     * The result is also safe inside a comment, where templates print the same text (a path in a method's Javadoc):
     * a slash after a star is written as the octal escape 057, so the literal means the same and closes no comment.
     */
    public static String literal(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '/' -> b.append(i > 0 && s.charAt(i - 1) == '*' ? "\\057" : "/");
                default -> {
                    if (c < ' ' || c == 0x7f) {
                        b.append(String.format("\\%03o", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
