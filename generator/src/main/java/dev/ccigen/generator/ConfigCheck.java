package dev.ccigen.generator;

import dev.ccigen.generator.link.ApiModel;
import dev.ccigen.generator.link.GroupVersionModel;
import dev.ccigen.generator.link.LinkOptions;
import dev.ccigen.generator.link.OperationGroupModel;
import dev.ccigen.generator.link.ResourceModel;
import dev.ccigen.generator.link.TypeModel;
import dev.ccigen.generator.problem.GenerationException;
import dev.ccigen.generator.problem.Problem;
import dev.ccigen.generator.problem.Problems;
import dev.ccigen.generator.read.ApiSpec;
import dev.ccigen.generator.read.Discovery;
import dev.ccigen.generator.read.Operation;
import dev.ccigen.generator.render.TemplateSet;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration's own mistakes, found before anything is written and named by their parameter: a package or class
 * name Java cannot carry, a group filter that matches nothing the inputs have, a template file or block that matches no
 * template. Each check runs as early as what it needs is known: names before the document is read, groups right after,
 * the client's name against the generated classes once they are linked.
 */
public final class ConfigCheck {
    /** User folders whose files are new outputs, not replacements of a default. */
    private static final List<String> ADDING_FOLDERS = List.of("perModel/", "once/", "runtime/", "testserver/");

    private ConfigCheck() {}

    /** Mustache tags, compiled only when there are templates to check (the plugin's up-to-date path checks names). */
    private static final class Tags {
        static final Pattern PARENT = Pattern.compile("\\{\\{\\s*<\\s*([^}\\s]+)\\s*}}");
        static final Pattern PARTIAL = Pattern.compile("\\{\\{\\s*[<>]\\s*([^}\\s]+)\\s*}}");
        static final Pattern BLOCK = Pattern.compile("\\{\\{\\s*\\$\\s*([^}\\s]+)\\s*}}");
    }

    /** {@code basePackage} and {@code clientName}: names Java can carry. Needs nothing but the configuration. */
    public static void names(LinkOptions options) {
        JavaNames.check(options);
    }

    /**
     * {@code includeGroups} and {@code excludeGroups}: each must name a group or group/version of the document's paths or
     * of the listings. A filter that matches nothing would silently leave a client without the API it was meant for.
     */
    public static void groups(LinkOptions options, ApiSpec spec, Discovery discovery) {
        if (options.includeGroups().isEmpty() && options.excludeGroups().isEmpty()) {
            return;
        }
        TreeMap<String, TreeSet<String>> known = new TreeMap<>(); // group ("" for core) -> versions
        for (Operation op : spec.operations()) {
            String[] gv = groupVersionOf(op.path());
            if (gv != null) {
                known.computeIfAbsent(gv[0], g -> new TreeSet<>()).add(gv[1]);
            }
        }
        if (discovery != null) {
            for (Discovery.GroupVersion gv : discovery.groupVersions()) {
                known.computeIfAbsent(gv.group(), g -> new TreeSet<>()).add(gv.version());
            }
        }
        List<String> errors = new ArrayList<>();
        unknownGroups("includeGroups", options.includeGroups(), known, errors);
        unknownGroups("excludeGroups", options.excludeGroups(), known, errors);
        fail(errors);
    }

    private static void unknownGroups(
            String parameter, List<String> filters, TreeMap<String, TreeSet<String>> known, List<String> errors) {
        List<String> names = new ArrayList<>();
        for (var e : known.entrySet()) {
            String group = e.getKey().isEmpty() ? "core" : e.getKey();
            names.add(group);
            e.getValue().forEach(v -> names.add(group + "/" + v));
        }
        for (String filter : filters) {
            boolean matches = known.entrySet().stream()
                    .anyMatch(e -> e.getValue().stream().anyMatch(v -> LinkOptions.selects(filter, e.getKey(), v)));
            if (matches) {
                continue;
            }
            if (known.isEmpty()) {
                errors.add(parameter + " names \"" + filter + "\", but the document has no API groups (no /api or /apis"
                        + " paths, no listings): leave " + parameter + " out");
                continue;
            }
            String closest = closest(filter, names);
            errors.add(parameter + " names \"" + filter + "\", which neither the document nor the listings have"
                    + (closest == null ? "" : " (did you mean \"" + closest + "\"?)") + "; the groups are: "
                    + String.join(
                            ", ",
                            new TreeSet<>(known.entrySet().stream()
                                    .map(e -> (e.getKey().isEmpty() ? "core" : e.getKey()) + " ("
                                            + String.join(", ", e.getValue()) + ")")
                                    .toList())));
        }
    }

    /** (group, version) of {@code /api/v1/...} ({@code ""} for core) or {@code /apis/group/version/...}; else null. */
    private static String[] groupVersionOf(String path) {
        String[] s = path.split("/", -1);
        if (s.length > 2 && s[1].equals("api") && isSegment(s[2])) {
            return new String[] {"", s[2]};
        }
        if (s.length > 3 && s[1].equals("apis") && isSegment(s[2]) && isSegment(s[3])) {
            return new String[] {s[2], s[3]};
        }
        return null;
    }

    private static boolean isSegment(String s) {
        return !s.isEmpty() && !s.startsWith("{");
    }

    /**
     * {@code clientName} against the other generated classes. The client imports the runtime's classes by their simple
     * names, so a runtime class's name ({@code Transport}) would not compile: refused. A model or API class of the same
     * name compiles (they live in other packages) but code using both must write one in full: a warning, an error under
     * {@code strict}.
     *
     * @param runtimeTemplates the names of the runtime templates ({@code runtime/Transport.java.mustache})
     */
    public static void clientName(
            ApiModel model, Collection<String> runtimeTemplates, boolean strict, Problems problems) {
        String client = model.clientName();
        if (client.equals("Kinds") || client.equals("ErrorCodes")) {
            throw new GenerationException("clientName \"" + client + "\" is also the name of the generated class "
                    + model.basePackage() + "." + client + ", beside the client: choose another (e.g. " + client
                    + "Client)");
        }
        boolean runtime = false;
        for (String t : runtimeTemplates) {
            runtime |= t.substring(t.lastIndexOf('/') + 1).equals(client + ".java.mustache");
        }
        if (runtime) {
            throw new GenerationException("clientName \"" + client + "\" is also the name of the runtime class "
                    + model.runtimePackage() + "." + client + ", which the client uses: choose another (e.g. "
                    + client + "Client)");
        }
        List<String> clashes = new ArrayList<>();
        for (TypeModel t : model.types()) {
            if (t.className().equals(client)) {
                clashes.add("the model " + t.qualifiedName());
            }
        }
        for (GroupVersionModel gv : model.groupVersions()) {
            if (gv.className().equals(client)) {
                clashes.add("the API class " + gv.packageName() + "." + client);
            }
            for (ResourceModel r : gv.resources()) {
                if (r.className().equals(client)) {
                    clashes.add("the API class " + r.packageName() + "." + client);
                }
            }
        }
        for (OperationGroupModel g : model.operationGroups()) {
            if (g.className().equals(client)) {
                clashes.add("the API class " + g.packageName() + "." + client);
            }
        }
        if (!clashes.isEmpty()) {
            problems.add(Problem.at(
                    strict ? Problem.Severity.ERROR : Problem.Severity.WARNING,
                    Path.of("clientName"),
                    null,
                    "\"" + client + "\" is also the name of " + String.join(", ", clashes)
                            + ": code that uses both must" + " write one of them in full; choose another name (e.g. "
                            + client + "Client)"));
        }
    }

    /**
     * The user's template folder: a file whose name matches no template, or a block of an overriding template that
     * matches no block of its parent, is never used. Each is a warning naming the closest known name (an error under
     * {@code strict}).
     */
    public static void templates(Path folder, ClassLoader loader, boolean strict, Problems problems) {
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
                String closest = closest(name, defaultNames);
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
                String closest = closest(block, known);
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

    /**
     * The candidate nearest to {@code name} (case-insensitive edit distance), if near enough to be a likely typo:
     * within a third of the name's length, at least 2.
     */
    public static String closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String n = name.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(n, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    static void fail(List<String> errors) {
        if (errors.isEmpty()) {
            return;
        }
        if (errors.size() == 1) {
            throw new GenerationException(errors.get(0));
        }
        throw new GenerationException("the configuration is wrong:\n  " + String.join("\n  ", errors));
    }
}
