package dev.ccigen.generator;

import dev.ccigen.generator.link.LinkOptions;
import dev.ccigen.generator.link.Naming;
import dev.ccigen.generator.problem.GenerationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether the configured {@code basePackage} and {@code clientName} are names Java can carry. A class of its own with
 * nothing to load: the plugin checks this on every build, up to date or not (the JDK's
 * {@code javax.lang.model.SourceVersion.isKeyword} cost a cold JVM 10 to 40 ms there).
 */
public final class JavaNames {
    /** Names Java reserves for types, though they are not keywords. */
    private static final Set<String> RESTRICTED_TYPE_NAMES = Set.of("var", "yield", "record", "sealed", "permits");

    private JavaNames() {}

    /** @throws GenerationException naming each parameter that is wrong, and why */
    public static void check(LinkOptions options) {
        List<String> errors = new ArrayList<>();
        String pkg = options.basePackage();
        String why = packageProblem(pkg);
        if (why != null) {
            errors.add("basePackage \"" + pkg + "\" is not a Java package name: " + why + " (e.g. com.example.cci)");
        } else {
            String library = libraryPackageOverlap(options);
            if (library != null) {
                errors.add("basePackage \"" + pkg + "\" would put generated classes into " + library
                        + ", a package of ccigen's own libraries: choose another (e.g. com.example.cci)");
            }
        }
        String client = options.clientName();
        why = identifierProblem(client);
        if (why == null && RESTRICTED_TYPE_NAMES.contains(client)) {
            why = "Java does not allow it as a class name";
        }
        if (why != null) {
            errors.add("clientName \"" + client + "\" is not a Java class name: " + why + " (e.g. CciClient)");
        }
        if (!errors.isEmpty()) {
            ConfigCheck.fail(errors);
        }
    }

    /** The library package that generated code would share with {@code options}, or null. */
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

    private static String packageProblem(String pkg) {
        if (pkg == null || pkg.isEmpty()) {
            return "it is empty";
        }
        String[] segments = pkg.split("\\.", -1);
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.isEmpty()) {
                return "part " + (i + 1) + " is empty";
            }
            String why = identifierProblem(s);
            if (why != null) {
                return "\"" + s + "\" " + why;
            }
        }
        return null;
    }

    /** Why {@code name} is not a Java identifier, or null when it is one. */
    private static String identifierProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "it is empty";
        }
        if (Naming.RESERVED.contains(name)) {
            return "is a Java keyword";
        }
        if (!Character.isJavaIdentifierStart(name.codePointAt(0))) {
            return "cannot start with '" + name.substring(0, Character.charCount(name.codePointAt(0))) + "'";
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (!Character.isJavaIdentifierPart(c)) {
                return "holds '" + new String(Character.toChars(c)) + "', which a Java name cannot";
            }
            i += Character.charCount(c);
        }
        return null;
    }
}
