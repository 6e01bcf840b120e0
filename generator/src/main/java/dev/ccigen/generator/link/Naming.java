package dev.ccigen.generator.link;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every Java name ccigen emits is decided here, once. The rules:
 *
 * <ul>
 *   <li><b>Identifiers</b>: the spec's name is split into words at every character that cannot be part of
 *       a Java identifier (and at lower→upper case changes it keeps), accents are stripped and any other
 *       non-ASCII character separates words; the words are joined in camel case. A name that starts with a
 *       digit gets a leading {@code _}; a Java keyword or literal ({@code class}, {@code default},
 *       {@code true}, {@code var}, ...) gets a trailing {@code _}. An empty name becomes {@code empty_}; a name with no ASCII letter or digit is spelled by its code points.</li>
 *   <li><b>Model classes</b>: the last dot-separated segment of the definition name ({@code io.k8s.api.core.v1.Pod}
 *       → {@code Pod}), in a package derived from the rest ({@link #modelPackageSegments}).</li>
 *   <li><b>Configured names</b> ({@code basePackage}, {@code clientName}) are checked, not changed:
 *       {@link #packageNameProblem} and {@link #classNameProblem} say why one is not a name Java can carry.</li>
 *   <li><b>Collisions</b> are resolved by {@link NameAllocator}: in a stable order, the first keeps the name,
 *       the next get {@code 2}, {@code 3}, ... (class names compare case-insensitively, as file names do on
 *       macOS and Windows).</li>
 * </ul>
 */
public final class Naming {
    private Naming() {}

    /** Object's methods: no generated method may take their names. */
    static final String[] OBJECT_METHODS = {
        "getClass", "hashCode", "equals", "toString", "wait", "notify", "notifyAll", "clone", "finalize"
    };

    /** The reserved keywords and literals of Java 17 (JLS 3.9, 3.10.3, 3.10.8), and {@code _}: no identifier. */
    public static final Set<String> RESERVED = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "true",
            "false",
            "null",
            "_");

    /** Names Java reserves for types, though they are not keywords. */
    private static final Set<String> RESTRICTED_TYPE_NAMES = Set.of("var", "yield", "record", "sealed", "permits");

    /** What no generated name may be: the reserved words, and the contextual ones that some places refuse. */
    static final Set<String> KEYWORDS = keywords();

    /**
     * {@link #RESERVED} and the contextual keywords. No stream: the plugin checks the configured names with this class
     * on every build, up to date or not, and a cold JVM's first stream costs it tens of milliseconds.
     */
    private static Set<String> keywords() {
        Set<String> keywords = new HashSet<>(RESERVED);
        keywords.addAll(RESTRICTED_TYPE_NAMES);
        keywords.add("non-sealed");
        return Set.copyOf(keywords);
    }

    /**
     * Prefixes of Kubernetes' Go package paths that say nothing to a Java user: stripped from definition
     * names to make package names ({@code io.k8s.api.core.v1} → {@code core.v1}). Longest first.
     */
    static final List<String> KNOWN_PREFIXES = List.of(
            "io.k8s.apiextensions-apiserver.pkg.apis.",
            "io.k8s.kube-aggregator.pkg.apis.",
            "io.k8s.apimachinery.pkg.apis.",
            "io.k8s.apimachinery.pkg.",
            "io.k8s.metrics.pkg.apis.",
            "io.k8s.api.");

    /** Short top-level domains: a definition name that starts with one is a reversed domain ({@code sh.volcano.batch...}). */
    private static final Set<String> TOP_LEVEL_DOMAINS =
            Set.of("io", "sh", "com", "org", "net", "dev", "cn", "de", "eu", "co", "ai", "cloud");

    /** The words of a name: {@code "x-kubernetes-int-or-string"} → [x, kubernetes, int, or, string]; {@code "podIP"} → [pod, IP]. */
    static List<String> words(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD);
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char prev = 0;
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            boolean part = c < 128 && Character.isLetterOrDigit(c);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue; // the accent of a decomposed letter
            }
            if (!part) {
                flush(words, w);
            } else {
                if (w.length() > 0 && Character.isUpperCase(c) && Character.isLowerCase(prev)) {
                    flush(words, w);
                }
                w.append(c);
            }
            prev = part ? c : 0;
        }
        flush(words, w);
        return words;
    }

    /**
     * The words of a name, or, when it has no ASCII letter or digit at all ({@code "日本"}), one word made of
     * its code points in hex ({@code u65e5u672c}): distinct names stay distinct and readable enough.
     */
    static List<String> wordsOrCodePoints(String name) {
        List<String> words = words(name);
        if (!words.isEmpty() || name.isEmpty()) {
            return words;
        }
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(c -> b.append('u').append(Integer.toHexString(c)));
        return List.of(b.toString());
    }

    private static void flush(List<String> words, StringBuilder w) {
        if (w.length() > 0) {
            words.add(w.toString());
            w.setLength(0);
        }
    }

    /** {@code "pod-ip"} → {@code podIp}; {@code "podIP"} → {@code podIP}; {@code "class"} → {@code class_}. */
    public static String member(String name) {
        List<String> words = wordsOrCodePoints(name);
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (b.length() == 0) {
                b.append(Character.toLowerCase(w.charAt(0))).append(w, 1, w.length());
            } else {
                b.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
            }
        }
        return safe(b.toString());
    }

    /** {@code "pod-metrics"} → {@code PodMetrics}; {@code "2fa"} → {@code _2fa}. */
    public static String type(String name) {
        StringBuilder b = new StringBuilder();
        for (String w : wordsOrCodePoints(name)) {
            b.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
        }
        return safe(b.toString());
    }

    /** {@code "Foreground"} or {@code "foreground-deletion"} → {@code FOREGROUND_DELETION}. */
    public static String constant(String value) {
        List<String> words = wordsOrCodePoints(value);
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (b.length() > 0) {
                b.append('_');
            }
            b.append(w.toUpperCase(Locale.ROOT));
        }
        return safe(b.toString());
    }

    /** A package segment: lower case, no keyword ({@code v1beta1}, {@code rbac}, {@code int_}). */
    public static String packageSegment(String name) {
        String s = String.join("", words(name)).toLowerCase(Locale.ROOT);
        return safe(s);
    }

    /**
     * The accessor of a class: its name with the leading capital, or leading acronym, in lower case
     * ({@code PersistentVolumeClaims} → {@code persistentVolumeClaims}, {@code APIServices} → {@code apiServices},
     * {@code CSIDrivers} → {@code csiDrivers}).
     */
    public static String accessor(String className) {
        int upper = 0;
        while (upper < className.length() && Character.isUpperCase(className.charAt(upper))) {
            upper++;
        }
        // In "APIServices" the last capital of the run starts the next word.
        int lower = upper > 1 && upper < className.length() && Character.isLowerCase(className.charAt(upper))
                ? upper - 1
                : upper;
        return safe(className.substring(0, Math.max(lower, 1)).toLowerCase(Locale.ROOT)
                + className.substring(Math.max(lower, 1)));
    }

    /** The class of a namespaced resource across all namespaces: {@code Pods} → {@code PodsInAllNamespaces}. */
    public static String allNamespacesClass(String resourceClass) {
        return resourceClass + "InAllNamespaces";
    }

    /** Capitalises the first letter: {@code podIP} → {@code PodIP}. */
    public static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String safe(String s) {
        if (s.isEmpty()) {
            return "empty_"; // the spec's name was empty: still a valid, visible identifier
        }
        if (Character.isDigit(s.charAt(0))) {
            s = "_" + s;
        }
        return KEYWORDS.contains(s) ? s + "_" : s;
    }

    /**
     * The package segments of a definition's class below {@code <basePackage>.model}:
     * {@code io.k8s.api.core.v1.Pod} → [core, v1]; {@code io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta} →
     * [meta, v1]; {@code sh.volcano.batch.v1alpha1.Job} → [volcano, batch, v1alpha1]; {@code Token} → [].
     */
    public static List<String> modelPackageSegments(String definitionName) {
        definitionName = outerName(definitionName);
        int last = definitionName.lastIndexOf('.');
        if (last <= 0) {
            return List.of();
        }
        String namespace = definitionName.substring(0, last);
        String stripped = null;
        for (String prefix : KNOWN_PREFIXES) {
            if ((namespace + ".").startsWith(prefix)) {
                stripped = (namespace + ".").substring(prefix.length());
                break;
            }
        }
        List<String> parts = new ArrayList<>(List.of((stripped != null ? stripped : namespace).split("\\.")));
        parts.removeIf(p -> words(p).isEmpty()); // "..", "/" and the like say nothing and must not become folders
        if (stripped == null && parts.size() > 1 && TOP_LEVEL_DOMAINS.contains(parts.get(0))) {
            parts.remove(0);
        }
        return parts.stream().map(Naming::packageSegment).toList();
    }

    /**
     * The simple class name of a definition: its last dot-separated segment, and for a generics-style name the simple
     * names of its arguments too ({@code io.x.Page[io.y.Item]} → {@code PageItem}).
     */
    public static String modelClassName(String definitionName) {
        String outer = outerName(definitionName);
        StringBuilder words = new StringBuilder(outer.substring(outer.lastIndexOf('.') + 1));
        if (outer.length() == definitionName.length()) {
            return type(words.toString()); // no arguments: most names, and no regular expression to run
        }
        // generics-style names (Swashbuckle's Page[Item], Springfox's Page«io.x.Item»): each argument's simple name
        for (String argument : Generics.ARGUMENT_SEPARATORS.split(definitionName.substring(outer.length()))) {
            if (!argument.isEmpty()) {
                words.append(' ').append(argument.substring(argument.lastIndexOf('.') + 1));
            }
        }
        return type(words.toString());
    }

    /** Compiled when first needed: the plugin's up-to-date path loads this class for the configured names. */
    private static final class Generics {
        static final Pattern ARGUMENT_SEPARATORS = Pattern.compile("[\\[\\]<>«»(),\\s]+");
    }

    /** A definition name before its generics-style arguments: {@code io.x.Page} of {@code io.x.Page[io.y.Item]}. */
    private static String outerName(String definitionName) {
        for (int i = 0; i < definitionName.length(); i++) {
            if ("[<«(".indexOf(definitionName.charAt(i)) >= 0) {
                return definitionName.substring(0, i);
            }
        }
        return definitionName;
    }

    /**
     * The package segments of a group-version's API classes below {@code <basePackage>.api}:
     * {@code ""/v1} → [core, v1]; {@code rbac.authorization.k8s.io/v1} → [rbac, authorization, v1];
     * {@code batch.volcano.sh/v1alpha1} → [batch, volcano, sh, v1alpha1].
     */
    public static List<String> apiPackageSegments(String group, String version) {
        List<String> parts = new ArrayList<>(groupWords(group));
        parts.add(version);
        return parts.stream().map(Naming::packageSegment).toList();
    }

    /** {@code ""/v1} → {@code coreV1}; {@code rbac.authorization.k8s.io/v1} → {@code rbacAuthorizationV1}. */
    public static String groupVersionAccessor(String group, String version) {
        return member(String.join("-", groupWords(group)) + "-" + version);
    }

    private static List<String> groupWords(String group) {
        if (group.isEmpty()) {
            return List.of("core");
        }
        String g = group.endsWith(".k8s.io") ? group.substring(0, group.length() - ".k8s.io".length()) : group;
        return List.of(g.split("\\."));
    }

    // ---- the names a user configures ------------------------------------------------------------------------

    /** Why {@code pkg} is not a Java package name ({@code com.example.cci}), or null when it is one. */
    public static String packageNameProblem(String pkg) {
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
        if (RESERVED.contains(name)) {
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

    /** Why {@code name} is not a name Java allows for a class ({@code CciClient}), or null when it is one. */
    public static String classNameProblem(String name) {
        String why = identifierProblem(name);
        return why == null && RESTRICTED_TYPE_NAMES.contains(name) ? "Java does not allow it as a class name" : why;
    }
}
