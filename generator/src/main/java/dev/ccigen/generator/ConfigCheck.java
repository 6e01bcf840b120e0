package dev.ccigen.generator;

import dev.ccigen.generator.link.ApiModel;
import dev.ccigen.generator.link.GroupVersionModel;
import dev.ccigen.generator.link.LinkOptions;
import dev.ccigen.generator.link.Naming;
import dev.ccigen.generator.link.OperationGroupModel;
import dev.ccigen.generator.link.PathShape;
import dev.ccigen.generator.link.ResourceModel;
import dev.ccigen.generator.link.TypeModel;
import dev.ccigen.generator.problem.GenerationException;
import dev.ccigen.generator.problem.Problem;
import dev.ccigen.generator.problem.Problems;
import dev.ccigen.generator.problem.Suggestions;
import dev.ccigen.generator.read.ApiSpec;
import dev.ccigen.generator.read.Discovery;
import dev.ccigen.generator.read.Operation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The configuration's own mistakes, found before anything is written and named by their parameter: a package or class
 * name Java cannot carry, a group filter that matches nothing the inputs have, a client name that another generated
 * class has. Each check runs as early as what it needs is known: names before the document is read, groups right after,
 * the client's name against the generated classes once they are linked. (The template folder's files and blocks are
 * the render stage's to check: {@link dev.ccigen.generator.render.TemplateLint}.)
 */
public final class ConfigCheck {
    private ConfigCheck() {}

    /**
     * {@code basePackage} and {@code clientName}: names Java can carry. Needs nothing but the configuration (the plugin
     * checks this on every build, up to date or not).
     *
     * @throws GenerationException naming each parameter that is wrong, and why
     */
    public static void names(LinkOptions options) {
        List<String> errors = new ArrayList<>();
        String pkg = options.basePackage();
        String why = Naming.packageNameProblem(pkg);
        if (why != null) {
            errors.add("basePackage \"" + pkg + "\" is not a Java package name: " + why + " (e.g. com.example.cci)");
        } else if (libraryPackageOverlap(options) != null) {
            errors.add("basePackage \"" + pkg + "\" would put generated classes into " + libraryPackageOverlap(options)
                    + ", a package of ccigen's own libraries: choose another (e.g. com.example.cci)");
        }
        String client = options.clientName();
        why = Naming.classNameProblem(client);
        if (why != null) {
            errors.add("clientName \"" + client + "\" is not a Java class name: " + why + " (e.g. CciClient)");
        }
        fail(errors);
    }

    /** The package of ccigen's libraries that generated code would share with {@code options}, or null. */
    private static String libraryPackageOverlap(LinkOptions options) {
        String pkg = options.basePackage();
        for (String library : List.of(LinkOptions.LIBRARY_RUNTIME_PACKAGE, LinkOptions.LIBRARY_TEST_SERVER_PACKAGE)) {
            // inline, the runtime goes to <basePackage>.runtime and the test server to <basePackage>.testserver
            boolean inlineCopy =
                    options.inlineRuntime() && library.equals(pkg + library.substring("dev.ccigen".length()));
            if (pkg.equals(library) || pkg.startsWith(library + ".") || inlineCopy) {
                return library;
            }
        }
        return null;
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
            String closest = Suggestions.closest(filter, names);
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
        String[] gv = PathShape.groupVersionOf(path);
        return gv == null || gv[0].startsWith("{") || gv[1] == null || gv[1].startsWith("{") ? null : gv;
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
