package dev.ccigen.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Kubernetes' label and field selectors: which objects a list, a watch or a deleteCollection is about.
 *
 * <p>Labels: {@code a=b}, {@code a==b}, {@code a!=b}, {@code a in (x,y)}, {@code a notin (x,y)}, {@code a} (exists),
 * {@code !a} (does not exist), joined by commas. Fields: {@code metadata.name} and {@code metadata.namespace} with
 * {@code =}, {@code ==} or {@code !=}, as every Kubernetes resource supports; another field is refused as Kubernetes
 * refuses it, with a 400.
 */
public final class Selector implements Predicate<JsonNode> {
    private static final Set<String> FIELDS = Set.of("metadata.name", "metadata.namespace");

    private final List<Predicate<JsonNode>> terms;

    private Selector(List<Predicate<JsonNode>> terms) {
        this.terms = terms;
    }

    /** Selects every object. */
    public static Selector all() {
        return new Selector(List.of());
    }

    /**
     * The selector of a request's {@code labelSelector} and {@code fieldSelector} (either may be null).
     *
     * @throws IllegalArgumentException naming the part that does not parse
     */
    public static Selector parse(String labelSelector, String fieldSelector) {
        List<Predicate<JsonNode>> terms = new ArrayList<>();
        for (String term : split(labelSelector)) {
            terms.add(labelTerm(term));
        }
        for (String term : split(fieldSelector)) {
            terms.add(fieldTerm(term));
        }
        return new Selector(List.copyOf(terms));
    }

    /** Whether {@code object} matches every term. */
    @Override
    public boolean test(JsonNode object) {
        for (Predicate<JsonNode> term : terms) {
            if (!term.test(object)) {
                return false;
            }
        }
        return true;
    }

    /** The terms of a selector: split at the commas that are not inside a set's parentheses. */
    private static List<String> split(String selector) {
        List<String> terms = new ArrayList<>();
        if (selector == null || selector.isBlank()) {
            return terms;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                terms.add(selector.substring(start, i).trim());
                start = i + 1;
            }
        }
        terms.add(selector.substring(start).trim());
        for (String t : terms) {
            if (t.isEmpty()) {
                throw new IllegalArgumentException("empty term in selector \"" + selector + "\"");
            }
        }
        return terms;
    }

    private static Predicate<JsonNode> labelTerm(String term) {
        String[] words = term.split("\\s+", 3);
        if (words.length == 3 && (words[1].equals("in") || words[1].equals("notin"))) {
            String set = words[2].trim();
            if (!set.startsWith("(") || !set.endsWith(")")) {
                throw new IllegalArgumentException(
                        "label selector term \"" + term + "\": expected a set in parentheses");
            }
            Set<String> values = Set.copyOf(
                    Arrays.asList(trimAll(set.substring(1, set.length() - 1).split(","))));
            String key = words[0];
            boolean in = words[1].equals("in");
            return o -> {
                String v = label(o, key);
                return in ? v != null && values.contains(v) : v == null || !values.contains(v);
            };
        }
        Comparison c = comparison(term, "label selector");
        if (c != null) {
            return o -> c.equal() == c.value().equals(label(o, c.key()));
        }
        if (term.startsWith("!")) {
            String key = checkedKey(term.substring(1).trim(), term);
            return o -> label(o, key) == null;
        }
        String key = checkedKey(term, term);
        return o -> label(o, key) != null;
    }

    private static Predicate<JsonNode> fieldTerm(String term) {
        Comparison c = comparison(term, "field selector");
        if (c == null) {
            throw new IllegalArgumentException(
                    "field selector term \"" + term + "\": expected field=value or field!=value");
        }
        if (!FIELDS.contains(c.key())) {
            throw new IllegalArgumentException("field label not supported: " + c.key() + " (this server selects by "
                    + String.join(" and ", FIELDS.stream().sorted().toList()) + ")");
        }
        String field = c.key().substring("metadata.".length());
        return o -> c.equal() == c.value().equals(o.path("metadata").path(field).asText(""));
    }

    /** {@code key=value}, {@code key==value} or {@code key!=value}; null when the term has no such operator. */
    private static Comparison comparison(String term, String what) {
        int at = term.indexOf('=');
        if (at < 0) {
            return null;
        }
        boolean equal = at == 0 || term.charAt(at - 1) != '!';
        String key = term.substring(0, equal ? at : at - 1).trim();
        String value =
                term.substring(term.startsWith("==", at) ? at + 2 : at + 1).trim();
        if (key.isEmpty()) {
            throw new IllegalArgumentException(what + " term \"" + term + "\": no key");
        }
        return new Comparison(key, value, equal);
    }

    private record Comparison(String key, String value, boolean equal) {}

    private static String checkedKey(String key, String term) {
        if (key.isEmpty() || key.contains(" ") || key.contains("(")) {
            throw new IllegalArgumentException("label selector term \"" + term + "\" does not parse");
        }
        return key;
    }

    private static String[] trimAll(String[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].trim();
        }
        return out;
    }

    private static String label(JsonNode object, String key) {
        JsonNode v = object.path("metadata").path("labels").get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
