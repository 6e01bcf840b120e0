package dev.ccigen.generator.render;

import dev.ccigen.generator.problem.GenerationException;
import dev.ccigen.generator.problem.Problem;
import dev.ccigen.generator.problem.Problems;
import dev.ccigen.generator.problem.Suggestions;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The user's template folder, checked before anything is rendered: a file whose name matches no template, or a block of
 * an overriding template that matches no block of its parent, is never used. Each is a warning naming the closest known
 * name (an error under {@code strict}).
 */
public final class TemplateLint {
    /** User folders whose files are new outputs, not replacements of a default. */
    private static final List<String> ADDING_FOLDERS = List.of("perModel/", "once/", "runtime/", "testserver/");

    private TemplateLint() {}

    /** Mustache tags, compiled only when there are templates to check (the plugin's up-to-date path checks names). */
    private static final class Tags {
        static final Pattern PARENT = Pattern.compile("\\{\\{\\s*<\\s*([^}\\s]+)\\s*}}");
        static final Pattern PARTIAL = Pattern.compile("\\{\\{\\s*[<>]\\s*([^}\\s]+)\\s*}}");
        static final Pattern BLOCK = Pattern.compile("\\{\\{\\s*\\$\\s*([^}\\s]+)\\s*}}");
    }

    /**
     * The user's template folder: a file whose name matches no template, or a block of an overriding template that
     * matches no block of its parent, is never used. Each is a warning naming the closest known name (an error under
     * {@code strict}).
     */
    public static void check(Path folder, ClassLoader loader, boolean strict, Problems problems) {
        if (folder == null || !Files.isDirectory(folder)) {
            return; // TemplateSet reports a missing folder
        }
        TemplateSet defaults = new TemplateSet(null, loader);
        TemplateSet merged = new TemplateSet(folder, loader);
        TreeSet<String> defaultNames = defaults.list("");
        List<String> userNames = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !folder.relativize(p).toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .forEach(p -> userNames.add(folder.relativize(p).toString().replace('\\', '/')));
        } catch (IOException e) {
            throw new GenerationException("cannot list the template folder " + folder + ": " + e.getMessage());
        }
        userNames.sort(null);
        // Partials and parents the templates use: a user's file may be one of them.
        Set<String> used = new TreeSet<>();
        for (String name : userNames) {
            used.addAll(tags(Tags.PARTIAL, text(merged, name)));
        }
        for (String name : defaultNames) {
            used.addAll(tags(Tags.PARTIAL, text(defaults, name)));
        }
        Problem.Severity severity = strict ? Problem.Severity.ERROR : Problem.Severity.WARNING;
        for (String name : userNames) {
            Path file = folder.resolve(name);
            boolean adds = ADDING_FOLDERS.stream().anyMatch(name::startsWith);
            if (!name.endsWith(".mustache")) {
                problems.add(Problem.at(
                        severity,
                        file,
                        null,
                        "templateDirectory: not a template (template names end in" + " .mustache); it is not used"));
            } else if (!adds && !defaultNames.contains(name) && !used.contains(name)) {
                String closest = Suggestions.closest(name, defaultNames);
                problems.add(Problem.at(
                        severity,
                        file,
                        null,
                        "templateDirectory: " + name + " matches no template"
                                + (closest == null ? "" : " (did you mean " + closest + "?)") + "; it is not used"));
            }
            if (name.endsWith(".mustache")) {
                blocks(merged, name, file, severity, problems);
            }
        }
    }

    /**
     * With the runtime library ({@code runtime=library}), the runtime's and the test server's classes are not generated:
     * a file of the template folder under {@code runtime/} or {@code testserver/} is never used. A warning (an error under
     * {@code strict}) that names the way to use it.
     */
    public static void runtimeOverrides(Path folder, boolean inlineRuntime, boolean strict, Problems problems) {
        if (folder == null || inlineRuntime) {
            return;
        }
        for (String sub : List.of("runtime", "testserver")) {
            Path dir = folder.resolve(sub);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile)
                        .sorted()
                        .forEach(file -> problems.add(Problem.at(
                                strict ? Problem.Severity.ERROR : Problem.Severity.WARNING,
                                file,
                                null,
                                "templateDirectory: " + sub + "/ templates are used with runtime=inline only (with the"
                                        + " default runtime=library the generated code uses ccigen-runtime and"
                                        + " ccigen-test-server); it is not used")));
            } catch (IOException e) {
                throw new GenerationException("cannot list the template folder " + dir + ": " + e.getMessage());
            }
        }
    }

    /** Each block of a template that extends a parent ({@code {{<parent}}}) must be one of the parent's blocks. */
    private static void blocks(
            TemplateSet templates, String name, Path file, Problem.Severity severity, Problems problems) {
        String text = text(templates, name);
        List<String> parents = tags(Tags.PARENT, text);
        if (parents.isEmpty()) {
            return;
        }
        TreeSet<String> known = new TreeSet<>();
        for (String parent : parents) {
            collectBlocks(templates, parent, known, new TreeSet<>());
        }
        for (String block : new TreeSet<>(tags(Tags.BLOCK, text))) {
            if (!known.contains(block)) {
                String closest = Suggestions.closest(block, known);
                problems.add(Problem.at(
                        severity,
                        file,
                        null,
                        "templateDirectory: block {{$" + block + "}} matches no block of "
                                + String.join(", ", parents)
                                + (closest == null ? "" : " (did you mean {{$" + closest + "}}?)")
                                + "; it is not used"));
            }
        }
    }

    private static void collectBlocks(TemplateSet templates, String name, Set<String> blocks, Set<String> seen) {
        if (!seen.add(name)) {
            return;
        }
        String text = text(templates, name);
        blocks.addAll(tags(Tags.BLOCK, text));
        for (String parent : tags(Tags.PARENT, text)) {
            collectBlocks(templates, parent, blocks, seen);
        }
    }

    /** The names in {@code pattern}'s tags, as template names ({@code model-base.java} → {@code model-base.java.mustache}). */
    private static List<String> tags(Pattern pattern, String text) {
        List<String> names = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String n = m.group(1);
            names.add(pattern == Tags.BLOCK || n.endsWith(".mustache") ? n : n + ".mustache");
        }
        return names;
    }

    private static String text(TemplateSet templates, String name) {
        String n = name.endsWith(".mustache") ? name : name + ".mustache";
        try (Reader r = templates.open(n)) {
            if (r == null) {
                return "";
            }
            StringWriter w = new StringWriter();
            r.transferTo(w);
            return w.toString();
        } catch (IOException e) {
            return "";
        }
    }
}
