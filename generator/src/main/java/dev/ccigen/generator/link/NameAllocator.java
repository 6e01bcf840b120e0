package dev.ccigen.generator.link;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Hands out names that are unique within one scope (a package, a class's members). Called in a stable
 * order, it gives the same names every run: the first asker keeps the name, later ones get 2, 3, ...
 */
final class NameAllocator {
    private final Set<String> taken = new HashSet<>();
    private final boolean ignoreCase;

    NameAllocator(boolean ignoreCase) {
        this.ignoreCase = ignoreCase;
    }

    /** Marks names as used by the template itself (e.g. {@code hashCode}), so the spec can't take them. */
    NameAllocator reserve(String... names) {
        for (String n : names) {
            taken.add(key(n));
        }
        return this;
    }

    boolean isFree(String name) {
        return !taken.contains(key(name));
    }

    String allocate(String wanted) {
        String name = wanted;
        for (int i = 2; !taken.add(key(name)); i++) {
            name = wanted + i;
        }
        return name;
    }

    private String key(String name) {
        return ignoreCase ? name.toLowerCase(Locale.ROOT) : name;
    }
}
