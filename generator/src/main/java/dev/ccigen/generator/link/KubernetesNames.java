package dev.ccigen.generator.link;

import dev.ccigen.generator.problem.Problems;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The names of the resource-style API (groups, versions, resources, subresources, kinds, short names) are
 * printed as they are: in URLs, string literals and Javadoc. Kubernetes allows only letters, digits, {@code -},
 * {@code .} and {@code _} in them (DNS names, and Go identifiers for kinds), and each of those is safe anywhere
 * in Java source. So a name outside that set is refused where it enters the model, with its place, rather than
 * escaped three ways for a resource no server could serve.
 */
final class KubernetesNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");

    private KubernetesNames() {}

    static boolean isName(String s) {
        return s != null && NAME.matcher(s).matches();
    }

    /**
     * True when {@code value} is a name (or empty, where {@code emptyAllowed}: the core group); else reports an
     * error at {@code file}{@code #}{@code pointer} naming {@code what} and returns false.
     */
    static boolean check(
            Problems problems, Path file, String pointer, String what, String value, boolean emptyAllowed) {
        if (isName(value) || emptyAllowed && "".equals(value)) {
            return true;
        }
        problems.error(
                file,
                pointer,
                what + " \"" + JavaText.literal(String.valueOf(value)) + "\" is not a name Kubernetes "
                        + "allows (letters, digits, '-', '.' and '_', starting and ending with a letter or digit)");
        return false;
    }
}
