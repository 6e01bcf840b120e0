package dev.ccigen.generator.render;

import dev.ccigen.generator.problem.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The report of Java that templates rendered and JavaParser refused. A broken template line breaks every file it
 * makes: the same error is reported once, with the number of files, the template line it comes from (found by
 * matching the generated line against the text of the templates that made it) and the first file as an example.
 * At most {@link #MAX_GROUPS} such problems are listed; a last one says how many more there were.
 */
final class InvalidJava {
    /** How many distinct problems the report lists. */
    static final int MAX_GROUPS = 20;

    private static final Pattern TAG = Pattern.compile("\\{\\{.*?}}}?");

    private InvalidJava() {}

    /**
     * One error JavaParser found in one generated file.
     *
     * @param template the root template that made the file
     * @param line     the generated file's line (0 when unknown)
     * @param source   that line's text, stripped
     */
    record Found(String template, String path, int line, String message, String source) {}

    /** Where in a template a generated line comes from. */
    record TemplateLine(String template, int line) {
        @Override
        public String toString() {
            return template + " line " + line;
        }
    }

    /**
     * @param templateTexts for a root template, the texts of the templates it reads (itself, partials, parents), by
     *                      name, the ones to prefer first
     */
    static List<Problem> report(Collection<Found> found, Function<String, Map<String, String>> templateTexts) {
        record Key(String template, String where, String message) {}
        Map<Key, List<Found>> groups = new TreeMap<>(
                Comparator.comparing(Key::template).thenComparing(Key::where).thenComparing(Key::message));
        Map<String, TemplateLine> located = new LinkedHashMap<>();
        for (Found f : found) {
            TemplateLine at = located.computeIfAbsent(
                    f.template() + "\n" + f.source(), k -> locate(f.source(), templateTexts.apply(f.template())));
            groups.computeIfAbsent(
                            new Key(f.template(), at == null ? "" : at.toString(), f.message()), k -> new ArrayList<>())
                    .add(f);
        }
        List<Map.Entry<Key, List<Found>>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort(Comparator.comparing((Map.Entry<Key, List<Found>> e) -> -files(e.getValue())));
        List<Problem> problems = new ArrayList<>();
        for (var e : ordered.subList(0, Math.min(MAX_GROUPS, ordered.size()))) {
            problems.add(problem(e.getKey().template(), e.getKey().where(), e.getValue()));
        }
        if (ordered.size() > MAX_GROUPS) {
            List<Found> rest = ordered.subList(MAX_GROUPS, ordered.size()).stream()
                    .flatMap(e -> e.getValue().stream())
                    .toList();
            TreeSet<String> templates =
                    new TreeSet<>(rest.stream().map(Found::template).toList());
            problems.add(new Problem(
                    Problem.Severity.ERROR,
                    Path.of(templates.first()),
                    0,
                    0,
                    null,
                    "and "
                            + (ordered.size() - MAX_GROUPS) + " more distinct errors in " + files(rest) + " files (of "
                            + String.join(", ", templates) + "), not listed"));
        }
        return problems;
    }

    private static Problem problem(String template, String where, List<Found> same) {
        Found first = same.stream()
                .min(Comparator.comparing(Found::path).thenComparingInt(Found::line))
                .orElseThrow();
        int files = files(same);
        String at = where.isEmpty() ? "" : " at " + where;
        String message = files == 1
                ? "template " + template + " rendered invalid Java in " + first.path() + " at line " + first.line() + at
                : "template " + template + " rendered invalid Java in " + files + " files, same error" + at;
        message += ": " + first.message() + (first.source().isEmpty() ? "" : "\n      the line: " + first.source());
        if (files > 1) {
            message += "\n      first in " + first.path() + " at line " + first.line();
        }
        return new Problem(Problem.Severity.ERROR, Path.of(template), 0, 0, null, message);
    }

    private static int files(List<Found> found) {
        return new TreeSet<>(found.stream().map(Found::path).toList()).size();
    }

    /**
     * The template line that printed {@code generated}: the line whose literal text (between its tags) appears in the
     * generated line, in order, and says the most; null when no line does.
     */
    static TemplateLine locate(String generated, Map<String, String> texts) {
        TemplateLine best = null;
        int bestScore = 0;
        for (var t : texts.entrySet()) {
            String[] lines = t.getValue().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                int score = score(generated, lines[i]);
                if (score > bestScore) {
                    bestScore = score;
                    best = new TemplateLine(t.getKey(), i + 1);
                }
            }
        }
        return best;
    }

    /** How many literal characters of {@code templateLine} appear, in order, in {@code generated}; 0 if not all do. */
    private static int score(String generated, String templateLine) {
        int score = 0;
        int from = 0;
        for (String part : TAG.split(templateLine)) {
            String literal = part.strip();
            if (literal.isEmpty()) {
                continue;
            }
            int at = generated.indexOf(literal, from);
            if (at < 0) {
                return 0;
            }
            from = at + literal.length();
            score += literal.length();
        }
        return score;
    }
}
